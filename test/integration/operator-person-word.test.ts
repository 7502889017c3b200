import { MongoClient, type CommandStartedEvent } from "mongodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { approve, reject } from "../../src/decisions/review.js";
import { actDirectly } from "../../src/decisions/direct.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { silentLogger } from "../../src/logger.js";
import { revertBatch } from "../../src/mutations/revert.js";
import {
  changeKey,
  PERSON_WORD_HOLD_DAYS,
  PERSON_WORD_MEMORY_DAYS,
  personWords,
} from "../../src/operator/person-word.js";
import { runOperator, type OperatorDeps } from "../../src/operator/run.js";
import { principalFor } from "../../src/policy/principal.js";
import type { DecisionDoc } from "../../src/storage/decisions-repository.js";
import { createRepositories } from "../../src/storage/repositories.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * A person's "no" stands (src/operator/person-word.ts). On the demo fleet, a person reverting the
 * operator's automatic batch, or rejecting one of its proposals, used to see the same changes
 * proposed, and the safe or policy-allowed ones executed, at the very next run: their undo lasted
 * until the scheduler's next operator run.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const MIN = 60_000;
const DAY = 86_400_000;
const at = (ms: number): Date => new Date(NOW.getTime() + ms);
const alice = principalFor("alice", "operator");
const key = (d: Pick<DecisionDoc, "action" | "targets">): string =>
  `${d.action} ${d.targets.map((t) => `${t.provider}:${t.model_id}`).join(",")}`;

let t: TestDatabase;
let deps: OperatorDeps;

beforeAll(async () => {
  t = await openTestDatabase("operator-person-word");
  await seedDemoFleet(t.repos, { seed: 11, now: NOW, models: 160, days: 10, cadenceHours: 3 });
  // No LLM: the deterministic classifier decides, as on a server without a key.
  const config = loadConfig({ MONGODB_DB: t.config.mongodb.db });
  deps = { repos: t.repos, config, logger: silentLogger, chain: [] };
}, 180_000);

describe("the operator after a person reverted or rejected its changes", () => {
  it("does not apply a reverted change again, and later proposes it only for a person to decide", async () => {
    const first = await runOperator(deps, { now: NOW });
    const executed = (await t.repos.decisions.find({ status: "executed" })).filter(
      (d) => d.batch_id && first.run.decision_ids.includes(d._id),
    );
    expect(executed.length).toBeGreaterThan(0);
    const batchIds = [...new Set(executed.map((d) => d.batch_id!))];
    const why = "the provider's outage ended; these models answer again";
    for (const id of batchIds) await revertBatch(t.repos, id, "alice", at(MIN), why);
    const undone = new Set(executed.map(key));

    // A dry run first says what the run will do: the undone changes are held, none is a "would".
    const dry = await runOperator(deps, { now: at(2 * MIN), dryRun: true });
    expect(dry.proposals.filter((p) => undone.has(`${p.action} ${p.provider}:${p.model_id}`))).toEqual([]);

    // The next run: nothing the person undid is proposed or applied again.
    const next = await runOperator(deps, { now: at(2 * MIN) });
    expect(next.decisions.filter((d) => undone.has(key(d)))).toEqual([]);
    expect(next.run.counts["held_by_person"]).toBeGreaterThanOrEqual(undone.size);
    expect(dry.run.counts["held_by_person"]).toBe(next.run.counts["held_by_person"]);
    expect(next.proposals.filter((p) => undone.has(`${p.action} ${p.provider}:${p.model_id}`))).toEqual([]);
    for (const d of executed)
      for (const tg of d.targets)
        if (d.action === "disable")
          expect((await t.repos.models.get(tg))?.enabled, `${tg.provider}:${tg.model_id}`).toBe(true);

    // After the hold, what is proposed again waits for a person, and says why.
    const later = await runOperator(deps, { now: at((PERSON_WORD_HOLD_DAYS + 1) * DAY) });
    const again = later.decisions.filter((d) => undone.has(key(d)));
    expect(again.length).toBeGreaterThan(0);
    for (const d of again) {
      expect(d.status).toBe("pending");
      expect(d.policy_verdict.reasons.join(" ")).toMatch(
        /alice reverted the same change to this model on 2026-11-20 \(dec_[0-9a-f]+\) \("the provider's outage ended; these models answer again"\)/,
      );
      expect(d.evidence["person_word"]).toMatchObject({ how: "reverted", by: "alice", reason: why });
    }
  });

  it("reads the decisions of every reverted batch in one read, whatever their number", async () => {
    // The driver's command monitoring on a client of its own over the same database: what the
    // read asks the server, not a count kept by our code.
    const client = new MongoClient(inject("mongoUri"), { monitorCommands: true });
    await client.connect();
    const finds: Record<string, unknown>[] = [];
    client.on("commandStarted", (e: CommandStartedEvent) => {
      if (e.commandName === "find" && e.command["find"] === "decisions")
        finds.push(e.command["filter"] as Record<string, unknown>);
    });
    try {
      const repos = createRepositories(client.db(t.config.mongodb.db), t.config.collections);
      const words = await personWords(repos, at(3 * MIN));
      const reverted = [...words.values()].filter((w) => w.how === "reverted");
      // The first test reverted the batches of several executed decisions.
      expect(new Set(reverted.map((w) => w.decision_id)).size).toBeGreaterThan(1);
      expect(reverted.every((w) => w.by === "alice")).toBe(true);
      // One read of the rejections, one of the enables, one of the reverted batches' decisions.
      expect(finds).toHaveLength(3);
      // The server is asked only for what a person said within the memory, not every rejection ever.
      const since = new Date(at(3 * MIN).getTime() - PERSON_WORD_MEMORY_DAYS * DAY);
      const bounded = finds.filter((f) => f["status"] === "rejected" || f["status"] === "executed");
      expect(bounded).toHaveLength(2);
      for (const f of bounded) expect(f["updated_at"]).toEqual({ $gte: since });
    } finally {
      await client.close();
    }
  });

  it("does not propose again what a person rejected", async () => {
    const db = await openTestDatabase("operator-person-word-reject");
    await seedDemoFleet(db.repos, { seed: 12, now: NOW, models: 160, days: 10, cadenceHours: 3 });
    const d2 = { ...deps, repos: db.repos };
    const first = await runOperator(d2, { now: NOW });
    const waiting = first.decisions.filter((d) => d.status === "pending" && d.action !== "monitor");
    expect(waiting.length).toBeGreaterThan(0);
    for (const d of waiting)
      await reject(db.repos, d._id, alice, "still served in our region", at(MIN), "cli");
    const rejected = new Set(waiting.map(key));

    const next = await runOperator(d2, { now: at(2 * MIN) });
    expect(next.decisions.filter((d) => rejected.has(key(d)))).toEqual([]);
    expect(next.run.counts["held_by_person"]).toBeGreaterThanOrEqual(rejected.size);
    expect(
      (await db.repos.decisions.find({ status: ["pending", "approved", "executed"] })).filter((d) =>
        rejected.has(key(d)),
      ),
    ).toEqual([]);
  });
});

describe("the operator after a person enabled a model it had disabled", () => {
  it("does not disable it again while the word holds, and later only proposes it for a person", async () => {
    const own = await openTestDatabase("operator-person-enable");
    await seedDemoFleet(own.repos, { seed: 11, now: NOW, models: 160, days: 10, cadenceHours: 3 });
    const ownDeps: OperatorDeps = {
      ...deps,
      repos: own.repos,
      config: loadConfig({ MONGODB_DB: own.config.mongodb.db }),
    };
    const first = await runOperator(ownDeps, { now: NOW });
    const disabled = (await own.repos.decisions.find({ status: "executed", action: "disable" })).find(
      (d) => first.run.decision_ids.includes(d._id) && d.targets.length === 1,
    )!;
    expect(disabled).toBeDefined();
    const target = disabled.targets[0]!;
    expect((await own.repos.models.get(target))?.enabled).toBe(false);

    // The person's enable: the path `models enable` and the console's model page take.
    const enable = await actDirectly(
      own.repos,
      principalFor("olivia", "operator"),
      { action: "enable", targets: [target], reason: "works from our account" },
      at(MIN),
      { config: ownDeps.config },
    );
    expect(enable.decision.status).toBe("executed");

    const next = await runOperator(ownDeps, { now: at(2 * MIN) });
    expect(next.decisions.filter((d) => key(d) === key(disabled))).toEqual([]);
    expect(next.run.counts["held_by_person"]).toBeGreaterThanOrEqual(1);
    expect((await own.repos.models.get(target))?.enabled).toBe(true);

    // What the run held back names the person's enable as its reason.
    const words = await personWords(own.repos, at(3 * MIN));
    expect(words.get(changeKey("disable", target.provider, target.model_id))).toMatchObject({
      how: "enabled",
      by: "olivia",
      decision_id: enable.decision._id,
    });
  }, 120_000);
});

describe("whose approval or rejection is a person's word", () => {
  it("an agent's enable a person approved counts as theirs; an agent's rejection counts for no one", async () => {
    const own = await openTestDatabase("operator-person-kinds");
    const bot = principalFor("triage-bot", "agent");
    const [a, b] = [
      { provider: "groq", model_id: "kinds-a" },
      { provider: "groq", model_id: "kinds-b" },
    ];
    await own.repos.models.insertMany([
      { ...a, enabled: false, created_at: NOW },
      { ...b, enabled: true, created_at: NOW },
    ]);
    // What propose_enable records from an MCP session (an agent's proposal), approved by a person.
    const proposed = await actDirectly(
      own.repos,
      bot,
      { action: "enable", targets: [a], reason: "answers again" },
      NOW,
      { execute: false },
    );
    expect(proposed.decision.status).toBe("pending");
    await approve(own.repos, proposed.decision._id, principalFor("olivia", "operator"), at(MIN), "mcp");
    expect((await own.repos.models.get(a))?.enabled).toBe(true);
    expect(await own.repos.decisions.get(proposed.decision._id)).toMatchObject({
      status: "executed",
      approved_by: "olivia",
      approved_by_kind: "human",
    });

    // An agent's proposal rejected by an agent (the agent role may reject) is no one's word.
    const other = await actDirectly(
      own.repos,
      bot,
      { action: "disable", targets: [b], reason: "errors" },
      NOW,
      { execute: false },
    );
    await reject(own.repos, other.decision._id, bot, "not mine to judge", at(MIN), "mcp");
    expect(await own.repos.decisions.get(other.decision._id)).toMatchObject({ rejected_by_kind: "agent" });

    const words = await personWords(own.repos, at(2 * MIN));
    expect(words.get(changeKey("disable", a.provider, a.model_id))).toMatchObject({
      how: "enabled",
      by: "olivia",
      decision_id: proposed.decision._id,
    });
    expect(words.has(changeKey("disable", b.provider, b.model_id))).toBe(false);
  }, 60_000);

  it("an agent's proposal of a change a person reverted cites the person's word and waits for a person", async () => {
    const own = await openTestDatabase("operator-person-mcp");
    const m = { provider: "groq", model_id: "word-a" };
    await own.repos.models.insertMany([{ ...m, enabled: true, created_at: NOW }]);
    const disabled = await actDirectly(
      own.repos,
      principalFor("olivia", "operator"),
      { action: "disable", targets: [m], reason: "retired", override: "the provider's notice says so" },
      NOW,
    );
    await revertBatch(
      own.repos,
      disabled.batch!._id,
      "olivia",
      at(MIN),
      "it is not retired: our account lacked access",
    );

    // The agent proposes the same disable through propose_disable, as a triage session does.
    const agent = await connect(sharedFor(own, at(2 * MIN)), { name: "triage-bot", role: "agent" });
    try {
      const r = await call(agent, "propose_disable", {
        targets: [m],
        reason: "404 on every run",
        override: "the model answers 404 on every run",
      });
      expect(r.isError, r.text).toBe(false);
      const out = r.structured as {
        decision_id: string;
        status: string;
        policy_verdict: { reasons: string[] };
      };
      expect(out.status).toBe("pending");
      expect(out.policy_verdict.reasons.join(" ")).toMatch(
        /olivia reverted the same change to this model on 2026-11-20 \(dec_\w+\) \("it is not retired: our account lacked access"\): it waits for a person/,
      );
      expect((await own.repos.decisions.get(out.decision_id))?.evidence["person_word"]).toMatchObject({
        how: "reverted",
        by: "olivia",
      });
    } finally {
      await agent.close();
    }
  }, 60_000);
});
