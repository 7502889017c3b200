import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { decideWithLlm } from "../../src/operator/llm-decision.js";
import type {
  OperatorLlmBackend,
  OperatorLlmRequest,
  OperatorLlmResponse,
} from "../../src/providers/llm/backend.js";
import { OperatorVerdictsRepository } from "../../src/storage/operator-verdicts-repository.js";
import { SpendRepository } from "../../src/storage/spend-repository.js";
import { openTestDatabase } from "../helpers/database.js";
import { NOW, realisticSituations } from "../unit/operator-llm/fixtures.js";

/**
 * The decision loop over scripted backends (what HTTP cannot easily script: a backend that ignores
 * its abort signal), with the real ledger and verdict cache; the HTTP paths are
 * operator-llm-decision.test.ts.
 */

const { db } = await openTestDatabase("decision_loop");
let stores = 0;

/** A ledger and a verdict cache of their own on the test database. */
function freshStores() {
  stores++;
  return {
    ledger: SpendRepository.over(db, `spend_${stores}`),
    cache: new OperatorVerdictsRepository(db, `verdicts_${stores}`),
  };
}

class ScriptedBackend implements OperatorLlmBackend {
  readonly requests: OperatorLlmRequest[] = [];
  constructor(
    readonly backend: string,
    readonly model: string,
    private readonly reply: (
      request: OperatorLlmRequest,
    ) => OperatorLlmResponse | Promise<OperatorLlmResponse>,
  ) {}
  complete(request: OperatorLlmRequest): Promise<OperatorLlmResponse> {
    this.requests.push(request);
    return Promise.resolve().then(() => this.reply(request));
  }
}

function answerFor(
  request: OperatorLlmRequest,
  usage = { inputTokens: 1000, outputTokens: 200 },
): OperatorLlmResponse {
  const ids = [...request.user.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
  const verdicts = ids.map((id) => ({
    situation_id: id,
    reasoning: "r",
    action: "monitor",
    confidence: 0.6,
  }));
  return { text: JSON.stringify({ verdicts }), usage, finishReason: "stop" };
}

/** No policy version set: the environment's budgets apply. */
const policies = { current: () => Promise.resolve({ policy: defaultPolicy() }) };

const config = loadConfig({
  OPERATOR_LLM_PRICES: '{"m1": {"input": 2, "output": 10}, "m2": {"input": 1, "output": 4}}',
  OPERATOR_DAILY_BUDGET_USD: "1",
  OPERATOR_LLM_TIMEOUT_MS: "200",
});

function deps(chain: OperatorLlmBackend[], { ledger, cache } = freshStores()) {
  return { config, chain, spend: ledger, policies, verdictCache: cache, now: NOW, runId: "run-1" };
}

describe("decideWithLlm over scripted backends", () => {
  it("moves on when a backend ignores its abort signal: the deadline is enforced around it", async () => {
    const deaf = new ScriptedBackend("openai", "m1", () => new Promise(() => {}));
    const good = new ScriptedBackend("groq", "m2", (request) => answerFor(request));
    const stores = freshStores();
    const result = await decideWithLlm(realisticSituations(2), deps([deaf, good], stores));
    expect(result.ok).toBe(true);
    expect((await stores.ledger.forRun("run-1")).map((e) => [e.backend, e.ok, e.error])).toEqual([
      ["openai", false, "openai m1: timed out after 200 ms"],
      ["groq", true, undefined],
    ]);
  });

  it("counts tokens itself when the provider reports no usage, so spend is never zero by omission", async () => {
    const silent = new ScriptedBackend("openai", "m1", (request) =>
      answerFor(request, { inputTokens: 0, outputTokens: 0 }),
    );
    const stores = freshStores();
    const result = await decideWithLlm(realisticSituations(2), deps([silent], stores));
    expect(result.ok).toBe(true);
    const [entry] = await stores.ledger.forRun("run-1");
    expect(entry?.usageSource).toBe("counted");
    expect(entry?.inputTokens).toBeGreaterThan(500);
    expect(entry?.outputTokens).toBeGreaterThan(20);
    expect(entry?.costUsd).toBeCloseTo((entry!.inputTokens * 2 + entry!.outputTokens * 10) / 1e6, 12);
  });

  it("says garbage when a backend answered nonsense, even if another failed to answer", async () => {
    const down = new ScriptedBackend("openai", "m1", () => Promise.reject(new Error("HTTP 503")));
    const babbling = new ScriptedBackend("groq", "m2", () => ({
      text: "I am not sure.",
      usage: { inputTokens: 10, outputTokens: 5 },
      finishReason: "stop",
    }));
    const result = await decideWithLlm(realisticSituations(2), deps([down, babbling]));
    expect(result).toMatchObject({ ok: false, reason: "garbage" });
    if (!result.ok)
      expect(result.detail).toBe(
        "openai:m1: HTTP 503; groq:m2: no usable verdict in the answer: answer contains no usable JSON; situation sit_b8cdfbac69c2: no usable verdict, the deterministic suggestion applies; situation sit_327f5421c8ad: no usable verdict, the deterministic suggestion applies",
      );
  });

  it("keeps cached verdicts on a failed result", async () => {
    const { cache } = freshStores();
    const situations = realisticSituations(2);
    const good = new ScriptedBackend("openai", "m1", (request) => answerFor(request));
    await decideWithLlm(situations.slice(0, 1), deps([good], { ...freshStores(), cache }));
    const down = new ScriptedBackend("openai", "m1", () => Promise.reject(new Error("HTTP 500")));
    const result = await decideWithLlm(situations, deps([down], { ...freshStores(), cache }));
    expect(result).toMatchObject({ ok: false, reason: "unavailable" });
    expect(result.reused.map((v) => v.situationId)).toEqual([situations[0]!.id]);
    // Only the situation without a cached verdict was asked about.
    expect(down.requests[0]?.user).not.toContain(situations[0]!.id);
    expect(down.requests[0]?.user).toContain(situations[1]!.id);
  });
});
