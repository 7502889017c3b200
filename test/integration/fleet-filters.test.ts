import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import { registerBenchmarkCommands } from "../../src/cli/commands/benchmark.js";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { registerRunnerCommands } from "../../src/cli/commands/runner.js";
import { registerSituationsCommands } from "../../src/cli/commands/situations.js";
import { computeProviderProgress } from "../../src/liveness/progress.js";
import { silentLogger } from "../../src/logger.js";
import { recordError, recordSuccess } from "../../src/signals/record.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * What a fleet view says about one provider or one situation: a situation's samples are of its
 * own kind and streak, and a provider filter names a provider the fleet has.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (h: number): Date => new Date(NOW.getTime() - h * 3_600_000);

let t: TestDatabase;
let agent: Client;
type L = Record<string, unknown>;

async function error(
  repos: Repositories,
  provider: string,
  model: string,
  h: number,
  message: string,
  status: number,
) {
  await recordError(
    repos,
    { provider, model_name: model, ts: ago(h), stage: "generate", message, http_status: status },
    NOW,
  );
}

async function success(repos: Repositories, provider: string, model: string, h: number): Promise<void> {
  const at = ago(h);
  await recordSuccess(
    repos,
    {
      provider,
      model_name: model,
      run_ts: at,
      gen_ts: at,
      requested_tokens: 500,
      output_tokens: 500,
      generate_time: 5,
      tokens_per_second: 100,
      time_to_first_token: 0.4,
      times_between_tokens: [],
    },
    NOW,
  );
}

beforeAll(async () => {
  t = await openTestDatabase("fleet-filters");
  await t.repos.models.insertMany(
    [
      ["mistral", "mistral-gone"],
      ["mistral", "mistral-ok"],
      ["fireworks", "fw-a"],
      ["fireworks", "fw-b"],
      ["openai", "gpt-ok"],
      ["groq", "llama-quiet"],
    ].map(([provider, model_id]) => ({
      provider: provider!,
      model_id: model_id!,
      enabled: true,
      created_at: ago(24 * 60),
    })),
  );
  // mistral-gone: a 503 ten days ago (another kind, before this streak's window), then 404s.
  await error(
    t.repos,
    "mistral",
    "mistral-gone",
    240,
    "status 503: service unavailable, try again later",
    503,
  );
  for (const h of [72, 30, 2])
    await error(
      t.repos,
      "mistral",
      "mistral-gone",
      h,
      "404 model 'mistral-gone' not found (model_not_found)",
      404,
    );
  await success(t.repos, "mistral", "mistral-ok", 1);
  // fireworks: a 500 inside the auth streak, then 401s again.
  for (const m of ["fw-a", "fw-b"]) {
    await error(t.repos, "fireworks", m, 20, "401 Unauthorized: invalid API key", 401);
    await error(t.repos, "fireworks", m, 10, "500 internal_server_error: something broke on our side", 500);
    await error(t.repos, "fireworks", m, 3, "401 Unauthorized: invalid API key", 401);
  }
  await success(t.repos, "openai", "gpt-ok", 1);
  await t.repos.decisions.insertMany(
    (["fireworks", "mistral"] as const).map((provider, i) => ({
      _id: `dec_00000000000000f${i}`,
      action: "monitor" as const,
      targets: [{ provider, model_id: provider === "mistral" ? "mistral-gone" : "fw-a" }],
      evidence: {},
      confidence: 0.5,
      reasoning: "watch it",
      proposed_by: { kind: "agent" as const, name: "filters-bot" },
      status: "pending" as const,
      created_at: ago(5 - i),
      updated_at: ago(5 - i),
      expires_at: ago(-48),
      policy_version: 1,
      policy_verdict: { outcome: "needs_approval", reasons: [] },
      history: [],
    })),
  );
  agent = await connect(await sharedFor(t, NOW), { name: "filters-bot", role: "agent" });
});

describe("a situation's sample messages", () => {
  it("are of its own kind and fingerprint, from its streak: no 503 in a model_not_found one, no 500 in an auth one", async () => {
    const r = (await call(agent, "list_situations")).structured as L;
    const situations = r["situations"] as L[];
    const samples = (provider: string, kind: string): string[] => {
      const s = situations.find((x) => x["provider"] === provider && x["kind"] === kind);
      expect(s, `${provider} ${kind}`).toBeDefined();
      return (s!["sample_messages"] as { untrusted_provider_text: string }[]).map(
        (m) => m.untrusted_provider_text,
      );
    };
    const gone = samples("mistral", "model_not_found");
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((m) => m.includes("not found"))).toBe(true);
    const auth = samples("fireworks", "auth");
    expect(auth.length).toBeGreaterThan(0);
    expect(auth.every((m) => m.includes("401"))).toBe(true);
  });
});

describe("a provider filter", () => {
  it("refuses a provider the fleet does not have, naming the ones it has (get_fleet_health, list_models, list_situations)", async () => {
    for (const tool of ["get_fleet_health", "list_models", "list_situations"]) {
      const r = await call(agent, tool, { provider: "nope" });
      expect(r.isError, `${tool}: ${r.text}`).toBe(true);
      expect(r.text, tool).toMatch(/^Error \(invalid_input\)/);
      expect(r.text, tool).toContain("fireworks, groq, mistral, openai");
    }
  });

  it("refuses it in list_decisions and run_operator too, and search_catalog refuses a provider no catalog is read from", async () => {
    for (const [tool, args] of [
      ["list_decisions", { provider: "nope" }],
      ["run_operator", { provider: "nope", dry_run: true }],
    ] as const) {
      const r = await call(agent, tool, args);
      expect(r.isError, `${tool}: ${r.text}`).toBe(true);
      expect(r.text, tool).toMatch(/^Error \(invalid_input\): The fleet has no provider "nope"/);
    }
    const listed = await call(agent, "list_decisions", { provider: "OPENAI" });
    expect(listed.isError, listed.text).toBe(false);
    const search = await call(agent, "search_catalog", { provider: "aws" });
    expect(search.isError).toBe(true);
    expect(search.text).toMatch(
      /^Error \(invalid_input\): No provider "aws" is read into the catalog\. Its providers: anthropic, bedrock, cerebras, deepinfra, fireworks, groq, mistral, openai, openrouter, together, vertex\./,
    );
  });

  it("takes a provider in another case as the fleet spells it", async () => {
    const health = (await call(agent, "get_fleet_health", { provider: "OpenAI" })).structured as L;
    expect((health["providers"] as L[]).map((p) => p["provider"])).toEqual(["openai"]);
    expect(health["totals"]).toMatchObject({ models: 1, enabled_models: 1 });
    const models = (await call(agent, "list_models", { provider: "Mistral" })).structured as L;
    expect(models["total"]).toBe(2);
  });

  it("applies to every part of get_fleet_health: pending decisions and errors by kind too", async () => {
    const fw = (await call(agent, "get_fleet_health", { provider: "fireworks" })).structured as L;
    expect(fw["pending_decisions"]).toMatchObject({
      count: 1,
      oldest: [{ decision_id: "dec_00000000000000f0" }],
    });
    expect((fw["errors_by_kind_24h"] as L[]).map((k) => k["kind"]).sort()).toEqual(["auth", "server_error"]);
    const all = (await call(agent, "get_fleet_health")).structured as L;
    expect(all["pending_decisions"]).toMatchObject({ count: 2 });
  });
});

describe("the CLI's --provider", () => {
  const cli = inProcessCli(
    () => ({ MONGODB_URI: t.config.mongodb.uri!, MONGODB_DB: t.config.mongodb.db }),
    [
      registerSituationsCommands,
      registerModelsCommands,
      registerBenchmarkCommands,
      registerOperatorCommands,
      registerRunnerCommands,
    ],
  );

  it("refuses a provider the fleet does not have, as the MCP tools do: situations, models list, benchmark run, operator run", async () => {
    for (const args of [
      ["situations", "--provider", "nope"],
      ["models", "list", "--provider", "nope"],
      ["benchmark", "run", "--dry-run", "--provider", "nope"],
      ["benchmark", "run", "--provider", "nope"],
      ["operator", "run", "--dry-run", "--provider", "nope"],
    ]) {
      const refused = cli(...args);
      await expect(refused, args.join(" ")).rejects.toMatchObject({ code: "invalid_input" });
      await expect(refused, args.join(" ")).rejects.toThrow(
        'The fleet has no provider "nope". Its providers: fireworks, groq, mistral, openai. ' +
          "Provider ids are written as `bench-operator models list` shows them.",
      );
    }
    // Nothing ran: no operator run was recorded, no benchmark claimed.
    expect(await t.repos.operatorState.latestRun()).toBeNull();
  });

  it("takes a provider in another case as the fleet spells it", async () => {
    const situations = JSON.parse(await cli("situations", "--provider", "Mistral", "--json")) as L[];
    expect(situations.map((s) => [s["provider"], s["kind"]])).toEqual([["mistral", "model_not_found"]]);
    const models = JSON.parse(await cli("models", "list", "--provider", "Mistral", "--json")) as L[];
    expect(models.length).toBeGreaterThan(0);
    expect(new Set(models.map((m) => m["provider"]))).toEqual(new Set(["mistral"]));
  });

  it("refuses a runner for a provider no runner can measure, before it needs a server or a token", async () => {
    await expect(cli("runner", "--provider", "nope", "--once")).rejects.toThrow(
      /No runner can measure provider "nope"\. Known: openai, .*bedrock, vertex\./,
    );
  });
});

describe("provider states in a process without credentials (a desktop client's MCP server)", () => {
  it("get_fleet_health and /healthz's progress agree: measured providers by their runs, not_configured only when nothing ran them", async () => {
    expect(t.config.providers.openai.apiKey).toBeFalsy();
    const health = (await call(agent, "get_fleet_health")).structured as L;
    const rows = new Map((health["providers"] as L[]).map((p) => [p["provider"], p]));
    expect(rows.get("openai")?.["state"]).toBe("healthy");
    expect(rows.get("fireworks")).toMatchObject({
      state: "blocked",
      state_reason: expect.stringContaining("auth"),
    });
    const groq = rows.get("groq")!;
    expect(groq["state"]).toBe("not_configured");
    expect(groq["state_reason"]).toContain("GROQ_API_KEY");
    expect(groq["state_reason"]).toContain("this process holds no credentials");

    const progress = await computeProviderProgress(
      { config: t.config, logger: silentLogger, repos: t.repos, clock: () => NOW },
      NOW,
    );
    const live = new Map(progress.providers.map((p) => [p.provider, p]));
    for (const p of ["openai", "fireworks", "mistral"])
      expect(live.get(p)?.state, p).not.toBe("not_configured");
    expect(live.get("groq")).toMatchObject({ state: "not_configured", state_reason: groq["state_reason"] });
  });

  it("probe_model says the missing credentials are this server's own", async () => {
    const r = await call(agent, "probe_model", { provider: "groq", model_id: "llama-quiet" });
    expect(r.isError).toBe(true);
    expect(r.text).toContain("GROQ_API_KEY");
    expect(r.text).toContain("this server's own environment");
  });
});
