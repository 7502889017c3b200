import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 68 (src/taxonomy/wordings-68.ts; issue 17 item 11), each family from batch
 * 68's train messages by meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a required parameter of our call missing, after a transport word": [
    { message: "Connection failed: missing required path parameter: deployment-id", kind: "bad_request" },
  ],
  "a realtime session over its allowed length": [
    {
      message: "ConnectionClosed: 1001 going away. The session reached the maximum duration of 30 minutes.",
      kind: "bad_request",
    },
  ],
  "a skill or a route of ours not found": [
    { message: 'not_found_error: "Skill does not exist"', httpStatus: 404, kind: "bad_request" },
    { message: '{"error":"Route /v2/agents/run not found"}', kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A connection that failed for itself stays a network failure; a model not found stays hard.
  { message: "Connection failed: ECONNREFUSED 127.0.0.1:443", kind: "network" },
  { message: "The model `demo-7` does not exist", httpStatus: 404, kind: "model_not_found" },
];

describeWordings(
  "the wordings of batch 68 (compatible providers, Azure, OpenAI's and Anthropic's newest API surfaces)",
  FAMILIES,
  NEAR_MISSES,
  { families: [], status: 503 },
);
