import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 36's train messages (test/fixtures/taxonomy/provider-errors-36.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 36 is the long tail: non-English sources (Russian, Korean, Japanese and
 * Chinese providers and relays), model-serving stacks (Triton, TensorRT-LLM, TGI, LoRAX, Xinference) and
 * clients in other languages, and apps that call providers (RAG, translation, data tools).
 */
export const WORDINGS_36: WordingSet = {
  billing: [
    // A credit balance named in an error reason's SCREAMING_CASE, with words between: Gemini 429
    // RESOURCE_EXHAUSTED with reason "INSUFFICIENT_G1_CREDITS_BALANCE" (the account's credits, not a rate).
    /\binsufficient_(?:[a-z0-9]+_){0,3}(?:credits?|balance|funds)\b/,
  ],
  auth: [
    // A token refused with nothing else said of it: Pollinations '{"error":"Invalid or unrecognized token
    // provided","status":500}' (the status in the body is the relay's, the refusal is the credential's).
    /\b(?:invalid|unrecogni[sz]ed|expired)(?: or (?:invalid|unrecogni[sz]ed|expired))? token (?:provided|supplied|given|passed)\b/,
    // A client library that found no key to send: LangChain "Did not find openai_api_key, please add an
    // environment variable `OPENAI_API_KEY`".
    /\bdid not find [a-z_]*api_?key\b/,
    // A relay group open only to certain clients: sub2api "this group only allows Claude Code clients".
    /\bonly allows? [\w .-]{1,40} clients?\b/,
    // The account locked, disabled or banned (Chinese): Zhipu "您的账户已被锁定,请联系客服解锁".
    /(?:账户|账号|帐户|帐号)(?:已)?被(?:锁定|禁用|封禁|停用)/,
  ],
  contentFilter: [
    // Content refused as non-compliant (Chinese): "由于提问含不合规内容被Azure过滤" (filtered for
    // non-compliant content), "内容违规", "敏感内容".
    /不合规内容|内容(?:不合规|违规)|违规内容|敏感(?:内容|词)/,
  ],
  context: [
    // The prompt over the server's token cap, in a serving stack's words: TensorRT-LLM "The sum of prompt
    // length (9351.0), query length (0) should not exceed max_num_tokens (8192)".
    /\bprompt length\b[^\n]{0,80}?\b(?:should|must) not exceed\b/,
  ],
  output: [
    // A stream with no answer in it: "Provider returned an empty stream with no finish_reason", Codex
    // "stream has sent too many empty messages".
    /\bempty stream\b|\btoo many empty (?:messages|chunks|responses|events)\b/,
  ],
  request: [
    // A parameter the server does not take, whatever status it came back under: Qwen 500 "Unsupported
    // param: tools".
    /\bunsupported param(?:eter)?s?: ?[\w.'"`]+/,
    // A model that cannot take what our request adds to it: LoRAX "This model does not support adapter loading."
    /\bmodel does not support (?:lora )?adapters?(?: loading)?\b/,
    // Tool messages out of order in our conversation, as a chat template raises it (under a 500):
    // "Message has tool role, but there was no previous assistant message with a tool call!"
    /\bno (?:previous|preceding) assistant message with a tool call\b/,
    // More of one kind of input than the API takes: Baidu 336221 "max number of documents is 64".
    /\bmax(?:imum)? number of [a-z ]{1,30} is \d+\b/,
    // The model does not support this way of calling it (Chinese): Zhipu "当前模型不支持 ${method} 调用方式".
    /不支持[^\n，。,]{0,30}(?:调用方式|参数)/,
  ],
  rateLimit: [
    // Requests limited in frequency (Chinese): "请求限频，请稍后重试".
    /限频/,
  ],
  overloaded: [
    // A model or provider out of capacity, in a reason code or in Japanese: Vertex 503
    // "MODEL_CAPACITY_EXHAUSTED", "予期せぬ容量制限により、Claudeは現在応答できません" (an unexpected capacity
    // limit), "混雑" (congestion), "過負荷" (overload).
    /(?:\b|_)capacity[_ ]exhausted\b|容量制限|混雑|過負荷|高負荷/,
  ],
  unavailable: [
    // A model's endpoint not deployed yet: Hugging Face "Cannot create a client for this Inference Endpoint
    // as it is not yet deployed".
    /\b(?:endpoint|deployment|model)\b[^\n]{0,40}?\bis not (?:yet )?deployed\b/,
  ],
  retired: [
    // A model faded out, CLOVA Studio's word for one it withdrew: "model fade out".
    /\bmodel (?:has been |is )?fad(?:e|ed|ing) out\b/,
  ],
  notFound: [
    // A model identifier the provider declares invalid: YandexGPT gRPC INVALID_ARGUMENT "invalid model_uri"
    // (as Bedrock's "The provided model identifier is invalid").
    /\binvalid model[_ ](?:uri|id|identifier)\b/,
  ],
};
