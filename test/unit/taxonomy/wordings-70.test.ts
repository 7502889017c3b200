import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 70 (src/taxonomy/wordings-70.ts, and the families it extends in
 * wordings-request.ts, patterns.ts, phrasings.ts and classify.ts; issue 17 item 11), each family from batch 70's
 * train messages by meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "an API version the provider no longer takes, named or not": [
    { message: "The API version is no longer supported. Please update your client.", kind: "bad_request" },
    { message: "Error: api version not supported", httpStatus: 466, kind: "bad_request" },
    { message: "api-version '2023-05-15' was not recognised", httpStatus: 404, kind: "bad_request" },
  ],
  "web browsing or search as a feature the model lacks": [
    { message: "The selected model does not support web search.", kind: "bad_request" },
    { message: "this API doesn't support browsing", kind: "bad_request" },
  ],
  "a model not supported in the client's version": [
    {
      message: "Model acme-9 is not supported in 1.4 version of the plugin. Please upgrade.",
      kind: "model_unavailable",
    },
    { message: "This model is not supported in this version of the desktop app", kind: "model_unavailable" },
  ],
  "a 407 from a proxy on our side": [
    { message: "Request failed with status code 407", httpStatus: 407, kind: "network" },
    { message: "407 Proxy Authentication Required", httpStatus: 407, kind: "network" },
  ],
  "a concurrent request slot waited for": [
    { message: "timed out while waiting for a free concurrency slot", kind: "rate_limit" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A request that timed out for itself stays a timeout; a key refused stays credentials.
  { message: "Request timed out after 60s", kind: "timeout" },
  { message: "Invalid API key provided", httpStatus: 401, kind: "auth" },
  // A model the provider retired, said so, stays retired; a model unknown stays hard.
  {
    message: "The model acme-1 has been deprecated and is no longer supported",
    httpStatus: 404,
    kind: "model_retired",
  },
  { message: "The model `demo-7` does not exist", httpStatus: 404, kind: "model_not_found" },
];

describeWordings(
  "the wordings of batch 70 (gateways' own strings, agent apps' model errors, transport failures)",
  FAMILIES,
  NEAR_MISSES,
  { families: ["a model not supported in the client's version"], status: 503 },
);
