import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 67 (src/taxonomy/wordings-67.ts; issue 17 item 11), each family from batch
 * 67's train messages by meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a guardrail named with its refusal": [
    {
      message:
        '{"error":{"message":"Guardrail blocked: we cannot process requests that contain secrets.","code":"500"}}',
      kind: "content_filter",
    },
  ],
  "gRPC's credentials plugin failing": [
    { message: "503 Getting metadata from plugin failed with error: token file unreadable", kind: "auth" },
  ],
  "a publisher model the call does not support": [
    {
      message: "400 INVALID_ARGUMENT: Do not support publisher model demo-embed-2",
      kind: "model_unavailable",
    },
  ],
  "WebKit's fetch failure at the end of a wrapper": [
    {
      message: "[Client Error]: Error fetching from https://api.example.com/v1/chat: Load failed",
      kind: "network",
    },
    { message: "TypeError: Load failed", kind: "network" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model whose weights failed to load names what failed (not the transport); a guardrail's own misconfiguration
  // is our request.
  { message: "Error: model load failed: weights file missing", httpStatus: 500, kind: "server_error" },
  { message: "The provided guardrail identifier is invalid.", httpStatus: 400, kind: "bad_request" },
];

describeWordings(
  "the wordings of batch 67 (community SDKs in other languages, Vertex's and Bedrock's SDKs and apps)",
  FAMILIES,
  NEAR_MISSES,
  { families: ["a publisher model the call does not support"], status: 503 },
);
