import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings taught by the train split's probes (src/taxonomy/wordings-probes.ts; issue 17 item 11): a
 * first sentence, or an inner message without its status, that already says what the message is, read
 * as the whole message is, in words of our own here (no held-out text). Then the near misses each must
 * leave to their own rule.
 */
const FAMILIES: Record<string, Case[]> = {
  "credits a model or request needs": [
    { message: "Model 'demo/demo-2' requires available credits.", kind: "billing" },
    { message: "This model requires sufficient credits.", kind: "billing" },
  ],
  "a credential of a kind the API does not take": [
    { message: "API keys are not supported by this API.", kind: "auth" },
    { message: "Expected OAuth 2 access token", kind: "auth" },
  ],
  "a user banned, in Chinese": [{ message: "账号已被封禁", kind: "auth" }],
  "the request frequency over its limit, in Chinese": [
    { message: "您的请求频率超出限制", kind: "rate_limit" },
  ],
  "one request's size against a cap in tokens": [
    { message: "Request body too large for demo model. Max size: 4000 tokens.", kind: "context_length" },
    { message: "Too many tokens in this request, split it into smaller batches", kind: "context_length" },
    {
      message: "Context could not be added to prompt (size limit exceeded by 12 tokens)",
      kind: "context_length",
    },
  ],
  "an input type our request chose": [
    { message: "Error: Invalid document type.", kind: "bad_request" },
    { message: "Invalid file type: .exe", kind: "bad_request" },
    { message: "Please provide valid images", kind: "bad_request" },
  ],
  "a file our request uploaded in the wrong format": [
    { message: "The job failed due to a file format error in the training file.", kind: "bad_request" },
    { message: "Format error in your input file", kind: "bad_request" },
  ],
  "a request field named and refused": [
    { message: "Invalid `max_output_tokens` value", kind: "bad_request" },
    { message: "Unsupported response_format: xml", kind: "bad_request" },
    { message: "The tools field in the request is illegal", kind: "bad_request" },
    { message: "Too many inputs in request, split into more batches.", kind: "bad_request" },
    { message: "model is empty", kind: "bad_request" },
    { message: "Body validation error", kind: "bad_request" },
  ],
  "the api-version our request names": [
    { message: "Feature X is available only for api versions 2025-01-01 and later", kind: "bad_request" },
  ],
  "a model deactivated": [
    { message: "The model has been deactivated.", kind: "model_unavailable" },
    { message: "This model was deactivated by its owner", kind: "model_unavailable" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A key or an account deactivated is the credentials' matter.
  { message: "Your API key has been deactivated.", kind: "auth" },
  { message: "The account has been deactivated", kind: "auth" },
  // More credits than a request's tokens stays OpenRouter's money wording.
  { message: "This request requires more credits, or fewer max_tokens.", kind: "billing" },
  // A request too large on a per-minute rate stays a rate limit.
  {
    message: "Request too large for demo-4 on tokens per min (TPM): Limit 30000, Requested 34472.",
    kind: "rate_limit",
  },
  // The model named as what is unsupported or invalid is no request field.
  { message: "Unsupported model: demo-5", kind: "model_not_found" },
  { message: "Invalid `model`.", kind: "unknown" },
];

describeWordings("wordings from the train split's probes", FAMILIES, NEAR_MISSES, {
  families: ["a model deactivated"],
  status: 503,
});
