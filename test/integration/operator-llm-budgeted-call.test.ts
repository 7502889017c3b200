import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { attemptProblems, attemptsCost, callWithinBudget } from "../../src/operator/budgeted-call.js";
import type {
  OperatorLlmBackend,
  OperatorLlmRequest,
  OperatorLlmResponse,
} from "../../src/providers/llm/backend.js";
import { SpendRepository } from "../../src/storage/spend-repository.js";
import { SpendDaysRepository } from "../../src/storage/spend-days-repository.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * The one budgeted call the operator's decision, the fingerprint classifier and catalog matching
 * share, over a scripted chain and the real spend ledger (each test its own collections); the
 * HTTP paths are the integration tests of its three callers.
 */

const { db } = await openTestDatabase("budgeted_call");
let ledgers = 0;

/** A ledger of its own on the test database, with `spentBefore` already spent today. */
async function freshLedger(spentBefore = 0): Promise<SpendRepository> {
  ledgers++;
  const ledger = SpendRepository.over(db, `spend_${ledgers}`, new SpendDaysRepository(db));
  if (spentBefore > 0)
    await ledger.record({
      at: NOW,
      category: "operator",
      purpose: "earlier",
      runId: "r0",
      backend: "openai",
      model: "m1",
      inputTokens: 0,
      outputTokens: 0,
      costUsd: spentBefore,
      usageSource: "provider",
      latencyMs: 1,
      ok: true,
    });
  return ledger;
}

/** The ledger's entries of the runs `runIds`, oldest first, as stored. */
async function entriesOf(ledger: SpendRepository, ...runIds: string[]) {
  return (await Promise.all(runIds.map((id) => ledger.forRun(id)))).flat();
}

class ScriptedBackend implements OperatorLlmBackend {
  calls = 0;
  constructor(
    readonly backend: string,
    readonly model: string,
    private readonly reply: () => OperatorLlmResponse | Promise<OperatorLlmResponse>,
  ) {}
  complete(_request: OperatorLlmRequest): Promise<OperatorLlmResponse> {
    this.calls++;
    return Promise.resolve().then(() => this.reply());
  }
}

/** No policy version set: the environment's budgets apply. */
const policies = { current: () => Promise.resolve({ policy: defaultPolicy() }) };

const configEnv = {
  OPERATOR_LLM_PRICES: '{"m1": {"input": 2, "output": 10}, "m2": {"input": 1, "output": 4}}',
  OPERATOR_DAILY_BUDGET_USD: "1",
  OPERATOR_LLM_TIMEOUT_MS: "200",
};
const config = loadConfig(configEnv);
const NOW = new Date("2026-03-01T12:00:00Z");
const usage = { inputTokens: 1000, outputTokens: 100 };
const said = (text: string): OperatorLlmResponse => ({ text, usage, finishReason: "stop" });

/** A question whose answer is a comma-separated list of words; "?" is a problem, not an item. */
const question = {
  purpose: "test_question",
  request: { system: "List words.", user: "Some words please.", jsonSchema: {}, maxOutputTokens: 500 },
  parse: (text: string) => {
    const parts = text.split(",").map((p) => p.trim());
    return {
      items: parts.filter((p) => /^\w+$/.test(p)),
      problems: parts.filter((p) => !/^\w+$/.test(p)).map((p) => `not a word: ${p}`),
    };
  },
  emptyAnswer: (problems: string[]) => `no usable word: ${problems.join("; ")}`,
};

describe("callWithinBudget", () => {
  it("skips the unpriced, records every call, moves past errors and unusable answers, and stops at the first usable one", async () => {
    const unpriced = new ScriptedBackend("openai", "m-unpriced", () => said("never"));
    const down = new ScriptedBackend("openai", "m1", () => Promise.reject(new Error("HTTP 503")));
    const babbling = new ScriptedBackend("groq", "m2", () => said("?!"));
    const good = new ScriptedBackend("groq", "m2", () => said("alpha, beta, ?"));
    const after = new ScriptedBackend("openai", "m1", () => said("gamma"));
    const ledger = await freshLedger();
    const chain = [unpriced, down, babbling, good, after];
    const answer = await callWithinBudget(question, {
      config,
      chain,
      spend: ledger,
      policies,
      now: NOW,
      runId: "r1",
    });

    expect(answer.items).toEqual(["alpha", "beta"]);
    expect(answer.answered).toMatchObject({ backend: "groq", model: "m2", ok: true });
    expect([unpriced.calls, after.calls]).toEqual([0, 0]);
    expect(
      (await entriesOf(ledger, "r1")).map((e) => [e.purpose, e.runId, e.backend, e.ok, e.error]),
    ).toEqual([
      ["test_question", "r1", "openai", false, "HTTP 503"],
      ["test_question", "r1", "groq", false, "no usable word: not a word: ?!"],
      ["test_question", "r1", "groq", true, undefined],
    ]);
    // The background jobs' view: every attempt in chain order.
    expect(attemptProblems(answer.attempts)).toEqual([
      `openai:m-unpriced: no price (not in the built-in table, see the README's "Operator LLM prices", nor in OPERATOR_LLM_PRICES), not called`,
      "openai:m1: HTTP 503",
      "not a word: ?!",
      "not a word: ?",
    ]);
    const cost = attemptsCost(answer.attempts);
    expect(cost.calls).toBe(3);
    expect(cost.costUsd).toBeCloseTo((2 * (1000 * 1 + 100 * 4)) / 1e6, 12);
  });

  it("does not call a backend whose estimate would go over today's operator budget", async () => {
    const backend = new ScriptedBackend("openai", "m1", () => said("alpha"));
    const ledger = await freshLedger(0.999);
    const answer = await callWithinBudget(question, {
      config,
      chain: [backend],
      spend: ledger,
      policies,
      now: NOW,
      runId: "r2",
    });
    expect(backend.calls).toBe(0);
    expect(await entriesOf(ledger, "r2")).toEqual([]);
    expect(answer).toMatchObject({ items: [], answered: null });
    expect(attemptProblems(answer.attempts)).toEqual([
      expect.stringMatching(
        /^openai:m1: estimated \$0\.\d{4} would exceed the daily operator budget \(\$0\.9990 spent of \$1 per day \(OPERATOR_DAILY_BUDGET_USD\)\), not called$/,
      ),
    ]);
  });

  it("checks against the policy's budget once the policy states one, read at each call", async () => {
    const backend = new ScriptedBackend("openai", "m1", () => said("alpha"));
    const ledger = await freshLedger(0.1);
    let policy = defaultPolicy();
    const live = { current: () => Promise.resolve({ policy }) };
    const ask = (runId: string) =>
      callWithinBudget(question, {
        config,
        chain: [backend],
        spend: ledger,
        policies: live,
        now: NOW,
        runId,
      });
    // The environment's $1 covers it; a policy raising it to $5 does too.
    policy = { ...policy, budgets: { operator_usd_per_day: 5 } };
    expect((await ask("r3")).items).toEqual(["alpha"]);
    // A human lowers the policy's budget below today's spend: the next call is not made.
    policy = { ...policy, budgets: { operator_usd_per_day: 0.05 } };
    const refused = await ask("r4");
    expect(backend.calls).toBe(1);
    expect((await entriesOf(ledger, "r3", "r4")).map((e) => e.runId)).toEqual(["r3"]);
    expect(refused.attempts).toEqual([
      {
        called: false,
        skip: {
          why: "over_budget",
          text: expect.stringMatching(/spent of \$0\.05 per day \(the policy's budget\)\), not called$/),
        },
      },
    ]);
  });

  it("counts a call in flight in another caller's budget check, then replaces its estimate with what it cost", async () => {
    const ledger = await freshLedger();
    let release: () => void = () => {};
    const waiting = new Promise<void>((resolve) => (release = resolve));
    let spentDuringCall = -1;
    const slow = new ScriptedBackend("openai", "m1", async () => {
      spentDuringCall = await ledger.spentToday("operator", NOW);
      await waiting;
      return said("alpha");
    });
    const other = new ScriptedBackend("openai", "m1", () => said("beta"));
    // A budget that holds one call's estimate, not two.
    const tight = loadConfig({ ...configEnv, OPERATOR_DAILY_BUDGET_USD: "0.009" });
    const ask = (backend: ScriptedBackend, runId: string) =>
      callWithinBudget(question, {
        config: tight,
        chain: [backend],
        spend: ledger,
        policies,
        now: NOW,
        runId,
      });

    const dayOf = async (l: SpendRepository) =>
      (await l.dayTotals("operator", ["2026-03-01"])).get("2026-03-01") ?? { runs: 0 };
    const runsBefore = (await dayOf(ledger)).runs;
    const first = ask(slow, "r5");
    await vi.waitFor(() => expect(slow.calls).toBe(1));
    const [inFlight] = await entriesOf(ledger, "r5");
    expect(inFlight).toMatchObject({ ok: false, error: expect.stringMatching(/^in flight/) });
    expect(spentDuringCall).toBeCloseTo(inFlight!.costUsd, 12);
    // The second caller sees the first's estimate and stays within the budget by not calling.
    const second = await ask(other, "r6");
    expect(other.calls).toBe(0);
    expect(attemptProblems(second.attempts)).toEqual([
      expect.stringMatching(/would exceed the daily operator budget/),
    ]);

    release();
    expect((await first).items).toEqual(["alpha"]);
    const entries = await entriesOf(ledger, "r5", "r6");
    expect(entries.map((e) => [e.runId, e.ok, e.error, e.usageSource])).toEqual([
      ["r5", true, undefined, "provider"],
    ]);
    const cost = (1000 * 2 + 100 * 10) / 1e6;
    expect(entries[0]!.costUsd).toBeCloseTo(cost, 12);
    expect(await ledger.spentToday("operator", NOW)).toBeCloseTo(cost, 12);
    // Rolled up once, when it closed (the day rollup is shared by this file's ledgers).
    expect((await dayOf(ledger)).runs - runsBefore).toBe(1);
  });
});
