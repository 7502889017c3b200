import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { ModelDoc } from "../../src/storage/documents.js";
import { actDirectly } from "../../src/decisions/direct.js";
import { principalFor } from "../../src/policy/principal.js";
import type { ServerShared } from "../../src/server/create-mcp-server.js";
import { recordError, recordSuccess } from "../../src/signals/record.js";
import { ModelLocator } from "../../src/storage/model-locator.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * get_model_signals reads model rows by `_id` through a map of ids kept by the server process
 * (ModelLocator). Whatever changes the fleet, through this server or any other process, the
 * next call shows it: a disable and its revert, a newly recorded error or success (the day
 * buckets are kept between calls and re-read when the status document changes), a model
 * inserted after the map was loaded, and a row deleted and inserted again under a new `_id`.
 */
let t: TestDatabase;
let shared: ServerShared;
let agent: Client;
let operator: Client;

interface Window {
  successes: number;
  errors: number;
  errors_by_kind: Record<string, number>;
}

interface Signals {
  catalog: { in_catalog: boolean; enabled: boolean; disabled_class: string | null };
  windows: { h24: Window; d7: Window; d30: Window };
  consecutive_failures: number;
  last_error: { at: string; kind: string } | null;
  open_decisions: { decision_id: string; status: string }[];
  situation_id: string | null;
}

const signals = async (provider: string, model_id: string): Promise<Signals> => {
  const r = await call(agent, "get_model_signals", { provider, model_id });
  expect(r.isError, r.text).toBe(false);
  return r.structured as unknown as Signals;
};

beforeAll(async () => {
  t = await openTestDatabase("mcp-signals-freshness");
  await seedSmallFleet(t.repos);
  shared = await sharedFor(t, FLEET_NOW);
  agent = await connect(shared, { name: "triage-bot", role: "agent" });
  operator = await connect(shared, { name: "dana", role: "operator" });
  // Every later read goes through the loaded map of ids, the path the fix is about.
  await signals("openai", "gpt-dead");
  await shared.services.modelRows.warm();
});

describe("get_model_signals after writes", () => {
  it("reflects a disable approved through approve_decision, and its revert", async () => {
    const before = await signals("openai", "gpt-dead");
    expect(before.catalog.enabled).toBe(true);
    expect(before.situation_id).toMatch(/^sit_/);
    const proposed = await call(agent, "propose_disable", {
      targets: [{ provider: "openai", model_id: "gpt-dead" }],
      reason: "404 model_not_found for 72 hours, never succeeded",
    });
    const decisionId = (proposed.structured as { decision_id: string }).decision_id;
    expect((await signals("openai", "gpt-dead")).open_decisions).toEqual([
      expect.objectContaining({ decision_id: decisionId, status: "pending" }),
    ]);

    const approved = await call(operator, "approve_decision", { decision_id: decisionId });
    expect(approved.isError, approved.text).toBe(false);
    const after = await signals("openai", "gpt-dead");
    expect(after.catalog.enabled).toBe(false);
    expect(after.open_decisions).toEqual([]);
    // Situations are of enabled models (list_situations leaves a disabled one out): it names none.
    expect(after.situation_id).toBeNull();

    const batchId = (approved.structured as { batch: { batch_id: string } }).batch.batch_id;
    const reverted = await call(operator, "revert_batch", { batch_id: batchId });
    expect(reverted.isError, reverted.text).toBe(false);
    const back = await signals("openai", "gpt-dead");
    expect(back.catalog.enabled).toBe(true);
    expect(back.situation_id).toBe(before.situation_id);
  });

  it("reflects a disable executed by another process (the CLI's path, no cache invalidation here)", async () => {
    expect((await signals("openai", "gpt-ok2")).catalog.enabled).toBe(true);
    const { batch } = await actDirectly(
      t.repos,
      principalFor("root", "admin"),
      {
        action: "disable",
        targets: [{ provider: "openai", model_id: "gpt-ok2" }],
        reason: "retired by the provider",
      },
      FLEET_NOW,
    );
    expect(batch).not.toBeNull();
    expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-ok2" }))?.enabled).toBe(false);
    expect((await signals("openai", "gpt-ok2")).catalog.enabled).toBe(false);
  });

  it("shows a newly recorded error at once", async () => {
    const before = await signals("anthropic", "claude-ok");
    expect(before.consecutive_failures).toBe(0);
    const at = new Date(FLEET_NOW.getTime() - 60_000);
    await recordError(
      t.repos,
      {
        provider: "anthropic",
        model_name: "claude-ok",
        ts: at,
        stage: "generate",
        message: "429 Too Many Requests: rate limit reached",
        http_status: 429,
      },
      FLEET_NOW,
    );
    const after = await signals("anthropic", "claude-ok");
    expect(after.last_error).toMatchObject({ at: at.toISOString(), kind: "rate_limit" });
    expect(after.consecutive_failures).toBe(1);
    // The windows come from day buckets this server had kept since the first call.
    expect(after.windows.h24.errors).toBe(before.windows.h24.errors + 1);
    expect(after.windows.h24.errors_by_kind["rate_limit"]).toBe(
      (before.windows.h24.errors_by_kind["rate_limit"] ?? 0) + 1,
    );
    expect(after.windows.d30.errors).toBe(before.windows.d30.errors + 1);
    expect(after.windows.h24.successes).toBe(before.windows.h24.successes);
  });

  it("shows a newly recorded success in the windows at once", async () => {
    const before = await signals("openai", "gpt-ok");
    expect(before.windows.h24.successes).toBeGreaterThan(0);
    expect(shared.services.signalDays.size).toBeGreaterThan(0);
    const at = new Date(FLEET_NOW.getTime() - 120_000);
    await recordSuccess(
      t.repos,
      {
        provider: "openai",
        model_name: "gpt-ok",
        run_ts: at,
        gen_ts: at,
        requested_tokens: 500,
        output_tokens: 500,
        generate_time: 5,
        tokens_per_second: 100,
        time_to_first_token: 0.4,
        times_between_tokens: [],
      },
      FLEET_NOW,
    );
    const after = await signals("openai", "gpt-ok");
    expect(after.windows.h24.successes).toBe(before.windows.h24.successes + 1);
    expect(after.windows.d7.successes).toBe(before.windows.d7.successes + 1);
  });

  it("finds a model inserted after the ids were loaded", async () => {
    const missing = await call(agent, "get_model_signals", { provider: "groq", model_id: "llama-new" });
    expect(missing.isError).toBe(true);
    await t.repos.models.insertMany([
      { provider: "groq", model_id: "llama-new", enabled: true, created_at: FLEET_NOW },
    ]);
    expect((await signals("groq", "llama-new")).catalog).toMatchObject({ in_catalog: true, enabled: true });
  });
});

describe("ModelLocator", () => {
  it("reads the current row after it was deleted and inserted again under a new _id", async () => {
    const locator = new ModelLocator(t.repos.models);
    await locator.warm();
    const key = { provider: "anthropic", model_id: "claude-busy" };
    const first = await locator.get(key);
    expect(first?.enabled).toBe(true);
    const col = t.db.collection<ModelDoc>("models");
    await col.deleteOne({ _id: first!._id! });
    expect(await locator.get(key)).toBeNull();
    await t.repos.models.insertMany([{ ...key, enabled: false, created_at: FLEET_NOW }]);
    const again = await locator.get(key);
    expect(again?.enabled).toBe(false);
    expect(again?._id?.equals(first!._id)).toBe(false);
    // The new _id is remembered: the next read is by _id and still current.
    expect((await locator.get(key))?._id?.equals(again!._id)).toBe(true);
  });

  it("returns null for a key that has no row", async () => {
    const locator = new ModelLocator(t.repos.models);
    await locator.warm();
    expect(await locator.get({ provider: "nobody", model_id: "nothing" })).toBeNull();
  });
});
