import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { MongoClient, type CommandStartedEvent } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import type { Deps } from "../../src/deps.js";
import { fleetOverview } from "../../src/fleet/overview.js";
import { runInvariants } from "../../src/invariants/index.js";
import { readFleetState } from "../../src/operator/fleet-state.js";
import { healthz } from "../../src/liveness/healthz.js";
import { produceHealthReport } from "../../src/report/index.js";
import { createRepositories, ensureIndexes } from "../../src/storage/repositories.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import type { TestDatabase } from "../helpers/database.js";

/**
 * Issue 13 item 1, as a property rather than a timing: no read a person or an agent makes reads
 * the raw run history (`metrics_cloud_v2`, `errors_cloud`). Each read below runs against a fleet
 * whose history was written through the production write paths, with the driver's command
 * monitoring on; a `find`, `aggregate`, `count` or `distinct` on a history collection fails the
 * test with the read that issued it. Cheap metadata (`collStats`, an index listing) is allowed:
 * its cost does not grow with the number of documents. Timings at 100k and 1M documents are
 * `npm run bench:mcp`'s; this test says why they do not grow.
 */
const READS = new Set(["find", "aggregate", "count", "distinct", "getMore"]);

let t: TestDatabase;
let deps: Deps;
let agent: Client;
const seen: { collection: string; command: string }[] = [];
let history: string[];

function onCommand(e: CommandStartedEvent): void {
  if (!READS.has(e.commandName)) return;
  const target = e.commandName === "getMore" ? e.command.collection : e.command[e.commandName];
  if (typeof target === "string") seen.push({ collection: target, command: e.commandName });
}

/** The history reads `read` made (an empty list is the pass). */
async function historyReadsOf(read: () => Promise<unknown>): Promise<string[]> {
  seen.length = 0;
  await read();
  return seen.filter((s) => history.includes(s.collection)).map((s) => `${s.command} ${s.collection}`);
}

beforeAll(async () => {
  const uri = inject("mongoUri");
  const name = `t_read_paths_${Date.now().toString(36)}`;
  const config = loadConfig({ MONGODB_URI: uri, MONGODB_DB: name });
  const client = new MongoClient(uri, { monitorCommands: true, serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  client.on("commandStarted", onCommand);
  const db = client.db(name);
  const repos = createRepositories(db, config.collections);
  await ensureIndexes(repos);
  afterAll(async () => {
    await db.dropDatabase().catch(() => {});
    await client.close();
  });
  t = { client, db, config, repos };
  history = [config.collections.metrics, config.collections.errors];
  await seedSmallFleet(repos);
  const shared = await sharedFor(t, FLEET_NOW);
  deps = shared.deps;
  agent = await connect(shared, { name: "reader", role: "operator" });
});

describe("reads never touch the raw run history", () => {
  it("the seeded fleet has history, and monitoring sees reads of it", async () => {
    // Guards the test itself: a direct read of the history is seen and named.
    const direct = await historyReadsOf(() => t.db.collection(history[0]!).countDocuments({}));
    expect(direct.length).toBeGreaterThan(0);
    expect(await t.db.collection(history[0]!).estimatedDocumentCount()).toBeGreaterThan(0);
    expect(await t.db.collection(history[1]!).estimatedDocumentCount()).toBeGreaterThan(0);
  });

  it("every MCP read tool and resource, first call and again", async () => {
    const { situations } = (await call(agent, "list_situations", {})).json as {
      situations: { situation_id: string }[];
    };
    const decisions = (await call(agent, "list_decisions", {})).json as {
      decisions: { decision_id: string }[];
    };
    const reads: [string, () => Promise<unknown>][] = [
      ["get_fleet_health", () => call(agent, "get_fleet_health", {})],
      ["get_fleet_health openai", () => call(agent, "get_fleet_health", { provider: "openai" })],
      ["list_situations", () => call(agent, "list_situations", {})],
      [
        "get_model_signals",
        () => call(agent, "get_model_signals", { provider: "openai", model_id: "gpt-dead" }),
      ],
      ["list_models", () => call(agent, "list_models", {})],
      ["search_catalog", () => call(agent, "search_catalog", { query: "llama" })],
      ["list_decisions", () => call(agent, "list_decisions", {})],
      ["get_policy", () => call(agent, "get_policy", {})],
      ["get_costs", () => call(agent, "get_costs", { days: 7 })],
      ["list_job_runs", () => call(agent, "list_job_runs", {})],
      ["fleet://health", () => agent.readResource({ uri: "fleet://health" })],
      ["fleet://policy", () => agent.readResource({ uri: "fleet://policy" })],
    ];
    if (decisions.decisions[0]) {
      const id = decisions.decisions[0].decision_id;
      reads.push(["get_decision", () => call(agent, "get_decision", { decision_id: id })]);
    }
    if (situations[0]) {
      const uri = `fleet://situations/${situations[0].situation_id}`;
      reads.push([uri, () => agent.readResource({ uri })]);
    }
    for (const round of ["first", "again"]) {
      for (const [name, read] of reads) {
        expect(await historyReadsOf(read), `${name} (${round})`).toEqual([]);
      }
    }
  });

  it("overview, situations, report health, invariants check and healthz", async () => {
    expect(await historyReadsOf(() => fleetOverview(t.repos, FLEET_NOW)), "overview").toEqual([]);
    expect(await historyReadsOf(() => readFleetState(t.repos, t.config, FLEET_NOW)), "situations").toEqual(
      [],
    );
    expect(await historyReadsOf(() => runInvariants(deps, { now: FLEET_NOW })), "invariants").toEqual([]);
    expect(
      await historyReadsOf(() => produceHealthReport(deps, { now: FLEET_NOW, assess: false })),
      "report health",
    ).toEqual([]);
    expect(await historyReadsOf(() => healthz(deps, { now: FLEET_NOW })), "healthz").toEqual([]);
  });
});
