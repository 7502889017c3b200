import { describeWordings, type Case } from "./wording-cases.js";

/**
 * What a hard verdict needs when a log keeps only a message's first sentence (issue 17 item 11, the
 * train probe "first sentence"): a model "not available" with nothing said of why is not evidence about
 * the model (src/taxonomy/patterns.ts MODEL_NOT_AVAILABLE_BARE), and a client's own registry that lacks
 * an id says nothing of the provider (wordings-20.ts). In words of our own (no held-out text).
 */
const FAMILIES: Record<string, Case[]> = {
  "a model not available under the provider's 404": [
    {
      message: "Error code: 404 - {'detail': {'error': 'Model is not available'}}",
      kind: "model_unavailable",
    },
    { message: "Model not available", httpStatus: 404, kind: "model_unavailable" },
  ],
  "a model not available with the account's reason beside it": [
    {
      message: 'Model "demo-2" is not available. It may be disabled by your organization\'s policy.',
      kind: "model_unavailable",
    },
    {
      message: "The model demo-2 is not available: blocked by your administrator.",
      kind: "model_unavailable",
    },
  ],
  "a model not available for someone or somewhere": [
    { message: 'The requested model is not available for integrator "demo".', kind: "model_unavailable" },
    {
      message: "The requested demo model is not available to the configured accounts.",
      kind: "model_unavailable",
    },
    { message: "Model demo-2 is not available on this endpoint", kind: "model_unavailable" },
  ],
  "a client's registry lookup, by its exception's name": [
    { message: 'RubyLLM::ModelNotFoundError: Unknown model: "demo-9".', kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A heading or a sentence that says nothing of why: the region, the plan or the hour.
  { message: "Model not available", kind: "unknown" },
  { message: "Model not available", httpStatus: 400, kind: "bad_request" },
  { message: 'The model "demo-2" is not available.', kind: "unknown" },
  // "not available" for now is transient, whatever the complement.
  { message: "The model is not available at the moment.", kind: "unknown" },
  // The caller's place stays auth.
  { message: "Model not available\nThis model provider doesn't serve your region.", kind: "auth" },
  // A provider's own unknown model stays hard.
  { message: "Unknown model: demo-9", httpStatus: 404, kind: "model_not_found" },
];

describeWordings("a hard verdict from a first sentence needs positive evidence", FAMILIES, NEAR_MISSES, {
  families: [
    "a model not available under the provider's 404",
    "a model not available with the account's reason beside it",
    "a model not available for someone or somewhere",
  ],
  status: 503,
});
