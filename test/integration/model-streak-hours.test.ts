import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import { registerSignalsCommands } from "../../src/cli/commands/signals.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator } from "../../src/operator/run.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { addModels, DAY, failure, HOUR, success } from "../unit/jobs/fixtures.js";

/**
 * How long one model has failed is its own streak, wherever a person or an agent reads it for
 * that model: two models of one situation (same provider, kind and message) whose streaks began
 * 100 h and 60 h ago. The situation spans 100 h; the younger model's decision, signals and
 * get_model_signals say 60.
 */
const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const ago = (h: number): Date => new Date(NOW.getTime() - h * HOUR);
const GONE = "404 The model does not exist or you do not have access to it (model_not_found)";

let t: TestDatabase;
let agent: Client;

beforeAll(async () => {
  t = await openTestDatabase("model-streak-hours");
  await addModels(
    t.repos,
    "mistral",
    ["gone-long", "gone-short", "still-fine"],
    new Date(NOW.getTime() - 30 * DAY),
  );
  await success(t.repos, "mistral", "gone-long", ago(101));
  await success(t.repos, "mistral", "gone-short", ago(61));
  for (const h of [100, 70, 40, 10, 2]) await failure(t.repos, "mistral", "gone-long", ago(h), GONE, 404);
  for (const h of [60, 40, 10, 2]) await failure(t.repos, "mistral", "gone-short", ago(h), GONE, 404);
  await success(t.repos, "mistral", "still-fine", ago(1));
  agent = await connect(await sharedFor(t, NOW), { name: "streak-reader", role: "agent" });
});

describe("one model's failing hours", () => {
  it("the two models share one situation, which spans the older streak", async () => {
    const r = (await call(agent, "list_situations", { provider: "mistral" })).structured as {
      situations: { model_ids: string[]; failing_for_hours: number }[];
    };
    expect(r.situations).toHaveLength(1);
    expect(r.situations[0]).toMatchObject({ model_ids: ["gone-long", "gone-short"], failing_for_hours: 100 });
  });

  it("get_model_signals and `signals show` give each model its own streak", async () => {
    for (const [model, hours] of [
      ["gone-long", 100],
      ["gone-short", 60],
    ] as const) {
      const s = (await call(agent, "get_model_signals", { provider: "mistral", model_id: model })).structured;
      expect(s, model).toMatchObject({ failing_for_hours: hours, failing_since: ago(hours).toISOString() });
    }
    const cli = inProcessCli(
      () => ({ MONGODB_URI: t.config.mongodb.uri!, MONGODB_DB: t.config.mongodb.db }),
      [registerSignalsCommands],
    );
    const shown = await cli("signals", "show", "mistral", "gone-short");
    // The CLI reads the real clock, up to an hour past NOW (rounded down to the hour): 60 to 61 h.
    expect(shown).toMatch(/failing since: +\S+ \((60|60\.\d|61) h, 4 failures\)/);
  });

  it("the operator's decision about each model gives that model's hours, not the situation's", async () => {
    const run = await runOperator(
      { repos: t.repos, config: t.config, logger: silentLogger, chain: [] },
      { now: NOW },
    );
    const disables = new Map(
      run.decisions.filter((d) => d.action === "disable").map((d) => [d.targets[0]!.model_id, d]),
    );
    expect([...disables.keys()].sort()).toEqual(["gone-long", "gone-short"]);
    const short = disables.get("gone-short")!;
    expect(short.reasoning).toContain("model_not_found for 60 h");
    expect(short.reasoning).not.toContain("100 h");
    expect(short.evidence).toMatchObject({ failing_for_hours: 60 });
    expect(disables.get("gone-long")!.reasoning).toContain("model_not_found for 100 h");
  });
});
