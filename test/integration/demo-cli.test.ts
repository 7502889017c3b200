import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerCatalogCommands } from "../../src/cli/commands/catalog.js";
import { registerDemoCommands } from "../../src/cli/commands/demo.js";
import { registerOverviewCommands } from "../../src/cli/commands/overview.js";
import { registerPolicyCommands } from "../../src/cli/commands/policy.js";
import { registerSignalsCommands } from "../../src/cli/commands/signals.js";
import { registerSituationsCommands } from "../../src/cli/commands/situations.js";
import { registerTokensCommands } from "../../src/cli/commands/tokens.js";
import { readManifest } from "../../src/demo/manifest.js";
import { backfillSignals } from "../../src/signals/backfill.js";
import type { ModelSignalDoc } from "../../src/storage/signals-repository.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories, type Repositories } from "../../src/storage/repositories.js";
import { loadConfig } from "../../src/config/config.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

const GROUPS = [
  registerDemoCommands,
  registerSituationsCommands,
  registerSignalsCommands,
  registerCatalogCommands,
  registerTokensCommands,
  registerPolicyCommands,
  registerOverviewCommands,
];
const SMALL = ["demo", "--models", "120", "--days", "7", "--now", "2026-11-20T12:00:00Z"];
const DEFAULT_POLICY = join(import.meta.dirname, "../../policy/default-policy.json");

/** A CLI whose MONGODB_DB is a fresh database, as a newcomer's default `llm-bench` would be. */
function cliOn(label: string): {
  cli: (...args: string[]) => Promise<string>;
  db: () => Db;
  repos: () => Repositories;
} {
  const name = `t_${label}_${randomBytes(3).toString("hex")}`;
  let db: Db | undefined;
  let repos: Repositories | undefined;
  let close = async (): Promise<void> => {};
  beforeAll(async () => {
    const client = await connectMongo(inject("mongoUri"));
    db = client.db(name);
    repos = createRepositories(db, loadConfig({}).collections);
    close = async () => {
      await db?.dropDatabase();
      await client.close();
    };
  });
  afterAll(() => close());
  const cli = inProcessCli(() => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: name }), GROUPS);
  return { cli, db: () => db!, repos: () => repos! };
}

/** Signal documents without the write time, sorted by _id: what two folds must agree on. */
async function signalsOf(db: Db): Promise<unknown[]> {
  const status = await db.collection<ModelSignalDoc>("model_signals").find({}).sort({ _id: 1 }).toArray();
  const days = await db.collection("model_signal_days").find({}).sort({ _id: 1 }).toArray();
  return [...status.map(({ updated_at: _u, ...rest }) => rest), ...days];
}

describe("demo into the database every command reads", () => {
  const { cli, db, repos } = cliOn("demo_cli");

  it("leaves situations, signals and an offline catalog ready, and a re-seed keeps tokens and the policy", async () => {
    const seeded = JSON.parse(await cli(...SMALL, "--json")) as {
      db: string;
      seconds: { seed: number; signals: number; catalog: number };
      catalog: { rows: number; providers: { provider: string; rows: number }[]; handWritten: string[] };
      next: string[];
    };
    expect(seeded.db).toBe(db().databaseName);
    expect(seeded.catalog.handWritten).toEqual(["vertex"]);
    expect(seeded.catalog.providers.map((p) => p.provider)).toEqual([
      "openrouter",
      "openai",
      "anthropic",
      "groq",
      "deepinfra",
      "cerebras",
      "mistral",
      "bedrock",
      "vertex",
    ]);
    expect(seeded.catalog.providers.every((p) => p.rows > 0)).toBe(true);
    // Seeded into MONGODB_DB itself, so the commands need no MONGODB_DB prefix.
    expect(seeded.next[0]).toBe("npx bench-operator situations");
    // The demo seeds no decisions: the list of waiting ones is suggested after the run that makes them.
    const at = (c: string): number => seeded.next.findIndex((n) => n.startsWith(`npx bench-operator ${c}`));
    expect(at("operator run --dry-run")).toBeGreaterThan(0);
    expect(at("decisions list")).toBeGreaterThan(at("operator run"));
    expect(seeded.next.some((c) => c.startsWith("npx bench-operator catalog search "))).toBe(true);

    const situations = JSON.parse(await cli("situations", "--json")) as {
      provider: string;
      kind: string;
      modelCount: number;
      models: { model_id: string }[];
    }[];
    expect(situations.length).toBeGreaterThan(0);

    // Failing models have signals: a streak, consecutive failures, and the signals command shows it.
    const failing = await db()
      .collection<ModelSignalDoc>("model_signals")
      .find({ streak_started_at: { $ne: null } })
      .toArray();
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((s) => (s.consecutive_failures ?? 0) > 0)).toBe(true);
    const one = failing[0]!;
    const shown = JSON.parse(await cli("signals", "show", one.provider, one.model_id, "--json")) as {
      consecutiveFailures: number;
      streakStartedAt: string | null;
    };
    expect(shown.consecutiveFailures).toBe(one.consecutive_failures);
    expect(shown.streakStartedAt).not.toBeNull();

    // The catalog answers offline from the shipped snapshots (the same query the demo suggests).
    const query = seeded.next.find((c) => c.includes("catalog search"))!.split("catalog search ")[1]!;
    const hits = JSON.parse(await cli("catalog", "search", query, "--json")) as {
      hits: { model_id: string }[];
    };
    expect(hits.hits.length).toBeGreaterThan(0);

    // The seed's signals are exactly what a backfill of the raw documents builds, and a backfill
    // right after the demo finds nothing to fold.
    const fromSeed = await signalsOf(db());
    const after = JSON.parse(await cli("signals", "backfill", "--json")) as {
      metricsRead: number;
      errorsRead: number;
    };
    expect(after).toMatchObject({ metricsRead: 0, errorsRead: 0 });
    expect(await signalsOf(db())).toEqual(fromSeed);

    // A human's token and policy survive a re-seed; the fleet is replaced.
    const token = JSON.parse(
      await cli("tokens", "create", "--role", "operator", "--name", "me", "--json"),
    ) as {
      name: string;
    };
    expect(token.name).toBe("me");
    expect(await cli("policy", "set", "--file", DEFAULT_POLICY, "--note", "mine")).toMatch(
      /policy version (\d+)/,
    );
    const policyBefore = await repos().policies.current();
    const manifestBefore = await readManifest(repos().demoManifest);

    await cli(...SMALL, "--seed", "8", "--json");
    const tokens = JSON.parse(await cli("tokens", "list", "--json")) as { name: string }[];
    expect(tokens.map((t) => t.name)).toContain("me");
    const policyAfter = await repos().policies.current();
    expect(policyAfter.version).toBe(policyBefore.version);
    expect(policyAfter.version).toBeGreaterThan(0);
    const manifestAfter = await readManifest(repos().demoManifest);
    expect(manifestAfter?.seed).toBe(8);
    expect(manifestBefore?.seed).toBe(42);
    expect(JSON.parse(await cli("situations", "--json"))).not.toEqual([]);
  }, 300_000);
});

describe("signals backfill of the demo fleet from its raw documents", () => {
  const { cli, repos, db } = cliOn("demo_backfill");

  it("rebuilds the seed's signals exactly, and a second backfill changes nothing", async () => {
    await cli(...SMALL, "--json");
    const fromSeed = await signalsOf(db());
    const r = repos();
    for (const name of ["model_signals", "model_signal_days", "signal_watermarks"]) {
      await db().collection(name).deleteMany({});
    }

    const first = await backfillSignals(r, { now: new Date("2026-11-20T12:00:00Z") });
    expect(first.metricsRead + first.errorsRead).toBeGreaterThan(2000);
    expect(await signalsOf(db())).toEqual(fromSeed);

    const second = JSON.parse(await cli("signals", "backfill", "--json")) as {
      metricsRead: number;
      errorsRead: number;
      modelsTouched: number;
    };
    expect(second).toMatchObject({ metricsRead: 0, errorsRead: 0, modelsTouched: 0 });
    expect(await signalsOf(db())).toEqual(fromSeed);
  }, 300_000);
});

describe("a database holding someone else's fleet", () => {
  const { cli, repos, db } = cliOn("demo_foreign");

  it("is refused with a message that names it and how to pick another, and is left unchanged", async () => {
    await repos().models.insertMany([
      { provider: "openai", model_id: "gpt-4o-mini", enabled: true, created_at: new Date() },
    ]);
    const attempt = cli(...SMALL);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `Database "${db().databaseName}" already holds a fleet the demo did not write.*--db.*MONGODB_DB`,
      ),
    );
    expect(await repos().models.count()).toBe(1);
    expect(await readManifest(repos().demoManifest)).toBeNull();
    // Nothing written beside it (opening a database creates empty collections for the indexes).
    expect(await db().collection("model_signals").countDocuments()).toBe(0);
    expect(await repos().providerCatalog.find()).toEqual([]);
    expect(await repos().metrics.count()).toBe(0);
  });
});

describe("an empty database", () => {
  it("makes overview, situations and get_fleet_health say so and how to seed or connect one", async () => {
    const t = await openTestDatabase("demo_empty");
    const cli = inProcessCli(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.db.databaseName }),
      GROUPS,
    );

    const text = await cli("overview");
    expect(text).toContain(`The database "${t.db.databaseName}" holds no models`);
    expect(text).toContain("npm run demo");
    expect(text).toContain("MONGODB_URI");
    expect(text).not.toContain("0 of 0 models");
    // README's second command after the demo: "(none)" there would read as a fleet with nothing failing.
    expect(await cli("situations")).toBe(text);
    const json = JSON.parse(await cli("overview", "--json")) as { notice: string | null };
    expect(json.notice).toContain("bench-operator demo");

    const agent = await connect(await sharedFor(t, new Date()), { name: "newcomer", role: "viewer" });
    const health = await call(agent, "get_fleet_health");
    expect(health.isError).toBe(false);
    expect(health.structured?.["notice"]).toBe(json.notice);
    expect(health.text).toContain("holds no models");
  });

  it("says where that database is: MONGODB_URI's hosts without credentials, or the embedded data directory", async () => {
    const t = await openTestDatabase("demo_empty_where");
    const cli = inProcessCli(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.db.databaseName }),
      GROUPS,
    );
    const host = /^mongodb:\/\/([^/]+)/.exec(inject("mongoUri"))![1]!;
    expect(await cli("overview")).toContain(
      `holds no models; it is on the server mongodb://${host}, from MONGODB_URI.`,
    );

    const notice = async (mongodb: typeof t.config.mongodb): Promise<string> => {
      const agent = await connect(await sharedFor({ ...t, config: { ...t.config, mongodb } }, new Date()), {
        role: "viewer",
      });
      return (await call(agent, "get_fleet_health")).structured?.["notice"] as string;
    };
    const secret = await notice({
      db: t.db.databaseName,
      uri: "mongodb+srv://fleet-user:hunter2-secret@cluster0.example.net/?authSource=admin&password=x",
    });
    expect(secret).toContain("mongodb+srv://cluster0.example.net");
    expect(secret).not.toMatch(/hunter2|fleet-user|authSource|password=/);
    const embedded = await notice({ db: t.db.databaseName, dataDir: "/home/someone/wrong-data-dir" });
    expect(embedded).toContain(
      "embedded database in /home/someone/wrong-data-dir, from BENCH_OPERATOR_DATA_DIR",
    );
  });
});
