import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 43 (src/taxonomy/wordings-43.ts; issue 17 item 11): self-hosted serving
 * stacks and their proxies, non-English reports and relays, the product providers' newer features, each
 * family from batch 43's train messages by meaning, in words of our own here (no held-out text). Then the
 * near misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a local server that names its models and refuses the id": [
    {
      message:
        'Invalid model identifier "gpt-x". Please specify a valid downloaded model (e.g., safe-model-nsfw-v2)',
      httpStatus: 400,
      kind: "model_not_found",
    },
    { message: "Only llama-3-8b allowed now, your model mistral-7b", kind: "model_not_found" },
  ],
  "a model not supported, ending a JSON envelope's message (families.ts)": [
    {
      message:
        '[ERROR] [401]: {"type":"error","error":{"type":"ModelError","message":"Model acme-free not supported"}}',
      httpStatus: 401,
      kind: "model_not_found",
    },
  ],
  "the model or its engine not loaded": [
    { message: "Error: engine is not loaded", httpStatus: 400, kind: "model_unavailable" },
    // Read by wordings-23.ts's rule since session 28 (one rule for a model or engine not loaded). A local
    // server's words; a hosted API's "not loaded on the server" loads on demand (batch 66).
    { message: "The model acme-7b was not loaded by the local server", kind: "model_unavailable" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "a free allowance spent under a throttling envelope": [
    {
      message: "status: Throttling.Quota, message: Free tier quota exhausted.",
      httpStatus: 429,
      kind: "billing",
    },
  ],
  "access refused to the caller": [
    { message: "Server refused access. Please try again later.", httpStatus: 403, kind: "auth" },
  ],
  "the prompt longer than the tokenizer's maximum": [
    {
      message:
        "sequence length is longer than the specified maximum sequence length for this model (9000 > 8192)",
      kind: "context_length",
    },
  ],
  "an answer that never came or was cut": [
    { message: "The agent produced no output", httpStatus: 502, kind: "output_invalid" },
    { message: "MaxTokensReachedException: stopped due to max_tokens limit", kind: "output_invalid" },
    { message: "Acme API did not return any data.", kind: "output_invalid" },
    { message: "错误：模型返回空回复", kind: "output_invalid" },
  ],
  "a local server asked for what it was not started or built for": [
    { message: "500 tools param requires --jinja flag", httpStatus: 500, kind: "bad_request" },
    { message: "audio input is not supported by this server", httpStatus: 500, kind: "bad_request" },
    { message: "server was not compiled with multimodal support", kind: "bad_request" },
    { message: "no model id could be identified in the request", kind: "bad_request" },
  ],
  "a local server with no slot free, or a model not ready": [
    { message: "llm busy, retry soon", kind: "overloaded" },
    { message: "model 'm' version 2 is not at ready state", httpStatus: 400, kind: "overloaded" },
  ],
  "queries per second over the limit": [{ message: "Error: QpsOverflowError", kind: "rate_limit" }],
  "a connection that timed out": [{ message: "net::ERR_CONNECTION_TIMED_OUT", kind: "timeout" }],
  "a proxy that reached no upstream": [
    { message: "All connection attempts failed", httpStatus: 503, kind: "network" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model the server says it does not have, in so many words, stays not found; a content block stays one.
  { message: "The model acme-5 does not exist", httpStatus: 404, kind: "model_not_found" },
  {
    message: "Your prompt was flagged as NSFW by the safety system.",
    httpStatus: 400,
    kind: "content_filter",
  },
  // A plain allocated quota (no "free") stays a rate, as batch 24 has it.
  { message: "Allocated quota exceeded", kind: "rate_limit" },
  // An unknown model that is "not at ready state" is one not ready yet (patterns.ts: a retry word), not gone.
  { message: "[400] Request for unknown model: 'acme' version 1 is not at ready state", kind: "overloaded" },
  // Triton's prefix alone says no more than that the request named a model it refused; what follows says why.
  { message: "[400] Request for unknown model: 'acme'", kind: "unknown" },
  { message: "[400] Request for unknown model: 'acme' is not found", kind: "model_not_found" },
  // A model still loading is not a verdict about it.
  { message: "Model acme-7b is loading, please try again later", httpStatus: 503, kind: "overloaded" },
];

describeWordings(
  "the wordings of batch 43 (self-hosted stacks, non-English relays, newer features)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
