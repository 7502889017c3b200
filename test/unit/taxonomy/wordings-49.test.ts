import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 49 (src/taxonomy/wordings-49.ts, its Japanese wording in wordings-ja-ko.ts, "isn't deployed" in patterns.ts and "does
 * not yet include access" in wordings-42.ts; issue 17 item 11), each family from batch 49's train messages by
 * meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model the account may not access, in Japanese": [
    { message: "原因: このモデルにアクセスする権限がありません", httpStatus: 403, kind: "model_unavailable" },
  ],
  "a model a gateway's allow-list leaves out": [
    {
      message: 'upstream said: model "acme/large-2" is not allowed, allowed: ["acme/small-1"]',
      kind: "model_unavailable",
    },
  ],
  "a model behind a preview programme": [
    { message: "Request early access in the console before using Acme 4 models.", kind: "model_unavailable" },
  ],
  "a server that does not know the model's architecture": [
    { message: "ValueError: The model_type 'acmeformer' is not recognized", kind: "model_unavailable" },
  ],
  "a model no provider deploys, in the contraction": [
    { message: "This model isn't deployed by any hosting partner yet.", kind: "model_unavailable" },
  ],
  "a plan that does not yet include the model": [
    { message: "Your plan does not yet include access to Acme-5.", kind: "model_unavailable" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "a word filter's code under a 403": [
    { message: '{"code":"sensitive_words_detected"}', httpStatus: 403, kind: "content_filter" },
  ],
  "a finish reason that says the content was refused": [
    { message: "completion finished with reason: blacklist", kind: "content_filter" },
  ],
  "a thing of ours that is not a model, not found by its id": [
    { message: "404 No thread found with id 'thread_123'.", kind: "bad_request" },
    { message: "The knowledge base 'kb-docs' in project 'p' was not found.", kind: "bad_request" },
    { message: "InvokeInlineAgent operation: the alias does not exist", kind: "bad_request" },
  ],
  "a field of our request in a validation path, whatever code wraps it": [
    {
      message: '{"code":"server_error","message":"messages.2.content.0.source: Value is malformed"}',
      kind: "bad_request",
    },
  ],
  "a schema keyword the grammar compiler does not implement": [
    {
      message: 'Grammar error: Unimplemented keywords: ["patternProperties"]',
      httpStatus: 500,
      kind: "bad_request",
    },
  ],
  "a stalled answer given up on": [{ message: "agent stalled: no progress in 30 seconds", kind: "timeout" }],
};

const NEAR_MISSES: Case[] = [
  // A request's field "not allowed" is not a model kept from the account: the id must be quoted.
  { message: "The model field is not allowed here", httpStatus: 400, kind: "bad_request" },
  // A model that may not do one thing is a request matter, not a model kept from the account.
  { message: 'model "acme-1" is not allowed to call tools', httpStatus: 400, kind: "bad_request" },
  // A model not found by its id is still the hard rule's.
  { message: "The model 'acme-9' was not found.", kind: "model_not_found" },
  // Progress words with no deadline are not a timeout.
  { message: "no progress was saved", kind: "unknown" },
];

describeWordings(
  "the wordings of batch 49 (2026 protocol changes, things not found that are not models)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
