import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 41's train messages (test/fixtures/taxonomy/provider-errors-41.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 41 is the lines between kinds of one class: context length against our
 * request's other limits, billing against credentials, overloaded against server errors, an unusable
 * answer against our request, retired against unavailable.
 */
export const WORDINGS_41: WordingSet = {
  billing: [
    // A relay key's or an organisation's balance short of the call: new-api 403 "token quota is not enough,
    // token remain quota: $0.14, need quota: $0.16"; Stability "Your organization does not have enough
    // balance to request this action".
    /\b(?:token |key )?quota is not enough\b|\bremain(?:ing)? quota\b[^\n]{0,20}\bneed quota\b/,
    /\bdoes not have enough (?:balance|credits?|funds)\b/,
    // A cloud project with no billing set up: Google 403 "The project to be billed has not configured billing."
    /\bhas not configured billing\b|\bbilling (?:is )?not (?:enabled|configured) (?:for|on) (?:this|the) project\b/,
  ],
  auth: [
    // A key refused in so many words, whatever status: Anthropic 400 "Not a valid API key for this workspace".
    /\bnot a valid api key\b/,
  ],
  context: [
    // llama.cpp (LM Studio) cannot fit the prompt it must keep: "Cannot truncate prompt with n_keep (15028)
    // >= n_ctx (7424)".
    /\bcannot truncate prompt\b|\bn_keep\b[^\n]{0,20}>=\s*n_ctx\b/,
  ],
  output: [
    // A client that could not turn the model's text into the type it asked for: Spring AI "Could not parse
    // the given text to the desired target type"; vLLM's harmony parser on a model's malformed message:
    // "unexpected tokens remaining in message header".
    /\bcould not parse the (?:given |model['’]s )?(?:text|output|response) (?:to|into) the (?:desired |target )?(?:target )?type\b/,
    /\bunexpected tokens remaining in message (?:header|body)\b/,
  ],
  overloaded: [
    // A relay whose pool has no account free for the model: chat2api 503 "No available account for model:
    // DeepSeek-R1-Search"; a server with no inference worker free, in Chinese: "没有可用的推理服务"; other
    // requests still running on a one-at-a-time API: Zhipu "当前还有其他请求正在进行".
    /\bno available accounts? for (?:the )?model\b/,
    /没有可用的推理服务|无可用的推理服务|其他请求正在进行/,
  ],
  unavailable: [
    // A model the account's plan does not include until a kind of credit is turned on: Anthropic "Usage
    // credits are required for this model." (a model kept from the plan, as the label conventions have it;
    // credits required for a feature such as a long context, with no model named, stay billing). Written
    // when batch 41's train part took train hard recall under its floor, from batch 40's train miss.
    /\b(?:usage )?credits? (?:are|is) required (?:for|to use) this model\b/,
  ],
};
