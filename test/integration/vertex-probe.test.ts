import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startFakeProviders, type FakeProviders } from "../helpers/fake-providers/client.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * A Vertex model on the production path: `probe_model` through a real MCP client, the claim,
 * the adapter against the fake over HTTP, and what is stored (metrics for an enabled model,
 * probe_runs for a disabled one).
 */
let fake: FakeProviders;
let t: TestDatabase;
const NOW = new Date();

beforeAll(async () => {
  [fake, t] = await Promise.all([
    startFakeProviders(),
    openTestDatabase("vertex_probe", { BENCH_PROFILE: "story-64-v1" }),
  ]);
  t.config = { ...t.config, vertex: fake.config.vertex };
  await t.repos.models.insertMany([
    { provider: "vertex", model_id: "basic~vx-gemini", enabled: true, created_at: NOW },
    { provider: "vertex", model_id: "claude-basic~vx-claude", enabled: true, created_at: NOW },
    { provider: "vertex", model_id: "claude-fail-404~vx-gone", enabled: false, created_at: NOW },
  ]);
});
afterAll(async () => {
  await fake?.stop();
});

describe("probe_model on vertex", () => {
  it.each([
    ["basic~vx-gemini", "gemini_generate_content"],
    ["claude-basic~vx-claude", "anthropic_messages"],
  ])("measures %s and publishes the run to the metrics collection", async (model, mode) => {
    const agent = await connect(await sharedFor(t, NOW), { name: "fixer", role: "agent" });
    const r = await call(agent, "probe_model", { provider: "vertex", model_id: model });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toMatchObject({ role: "published", ok: true, error: null });
    const stored = await t.repos.metrics.latest("vertex", model);
    expect(stored).toMatchObject({ provider: "vertex", output_tokens: 64, request_mode: mode });
    expect(await fake.log(model.split("~")[1])).toHaveLength(1);
  });

  it("probes a disabled model into probe_runs only, classified from Vertex's answer", async () => {
    const agent = await connect(await sharedFor(t, NOW), { name: "fixer", role: "agent" });
    const r = await call(agent, "probe_model", { provider: "vertex", model_id: "claude-fail-404~vx-gone" });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toMatchObject({ role: "probe", ok: false, error: { kind: "model_not_found" } });
    expect(await t.repos.errors.count({ provider: "vertex" })).toBe(0);
    const probes = await t.repos.probeRuns.forModel("vertex", "claude-fail-404~vx-gone");
    expect(probes).toMatchObject([{ purpose: "manual", ok: false, error_kind: "model_not_found" }]);
  });
});
