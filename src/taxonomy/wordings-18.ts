import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 18's train messages (test/fixtures/taxonomy/provider-errors-18.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 18 is what self-hosted chat apps, builders, editors and API relays (one-api, new-api and
 * their kin, often in Chinese) print around the providers' errors.
 */
export const WORDINGS_18: WordingSet = {
  billing: [
    // A relay's ledger refusing to reserve the call's cost, under an "Access denied" envelope:
    // "[LLM] Access denied: 预扣费额度失败, 用户剩余额度: ＄2.53, 需要预扣费额度: ＄2.63" (pre-charging
    // the quota failed; the user's remaining quota; the quota to pre-charge).
    /预扣费额度失败|预扣费(?:额度)?不足|剩余额度不足/,
  ],
  output: [
    // A relay finding the model's stream empty: "模型流响应为空，请检查模型流输出是否正常" (the
    // model's stream response is empty; check that the model's stream output is normal).
    /(?:响应|输出|回复|返回)(?:内容)?为空/,
  ],
  unavailable: [
    // A model the caller's plan or key does not cover: "model default does not work with your current
    // plan or API key".
    /\bmodels?\b(?:[^.\n]){0,60}?\b(?:does not|doesn't|do not|don't) work with (?:your|the|this) (?:current )?(?:plan|tier|subscription|api key)\b/,
    // A relay that has no price for the model, so it will not serve it: new-api "模型 grok-2-1212
    // 倍率或价格未配置 … Model grok-2-1212 ratio or price not set, please set or start self-use mode"
    // (code model_price_error).
    /\bmodel_price_error\b|倍率或价格未配置|\bratio or price not (?:set|configured)\b/,
  ],
  request: [
    // Our code calling what the openai SDK removed: "APIRemovedInV1: openai.lib._old_api.APIRemovedInV1:
    // You tried to access openai.Model, but this is no longer supported in openai>=1.0.0".
    /\bapiremovedin\w+\b|\bno longer supported in openai ?>= ?\d/,
  ],
};
