import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 18's train messages (test/fixtures/taxonomy/provider-errors-18.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 18 is what self-hosted chat apps, builders, editors and API relays (one-api, new-api and
 * their kin, often in Chinese) print around the providers' errors.
 */
/** A character of a sentence naming a model: a dot only inside a version ("4.5"), no word of a plan or an API. */
const NAME_CHAR = String.raw`(?:(?!\b(?:plan|tier|subscription|key|api|endpoint|feature|version|region|account|trial|offer)s?\b)(?:[^.\n]|\.(?=\d)))`;

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
  retired: [
    // A model withdrawn with its successor named, whatever the subject is called: "Claude Sonnet 4.5
    // is no longer available. Please switch to Claude Sonnet 4.6." (the replacement is the positive
    // evidence; "no longer available" alone could be an account's or a region's).
    // The subject (from the start of its sentence) and the successor must read as models (a
    // versioned name), not a plan, a tier, a key, an API, an endpoint or a feature.
    new RegExp(
      String.raw`(?:^|[.!?:]\s)${NAME_CHAR}{0,80}?\d${NAME_CHAR}{0,80}?\bis no longer (?:available|offered|served)\b[.,;:]? *(?:please )?(?:switch|migrate|move|upgrade) to ${NAME_CHAR}{0,40}?\d`,
      "m",
    ),
  ],
  request: [
    // Our code calling what the openai SDK removed: "APIRemovedInV1: openai.lib._old_api.APIRemovedInV1:
    // You tried to access openai.Model, but this is no longer supported in openai>=1.0.0".
    /\bapiremovedin\w+\b|\bno longer supported in openai ?>= ?\d/,
  ],
};
