import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 57 (src/taxonomy/wordings-57.ts, and Chinese "not found" with the verb
 * first in patterns.ts; issue 17 item 11): the hard class at the providers beyond the big first-party ones,
 * and the provider-wide class with its borders, each family from batch 57's train messages by meaning, in
 * words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "an id unknown, which the provider says may also be retired": [
    {
      message: "The requested model does not exist or was removed.",
      httpStatus: 404,
      kind: "model_not_found",
    },
  ],
  "a model not found, the verb first, in Chinese": [
    { message: "没有找到该模型", kind: "model_not_found" },
    { message: "未找到此模型", kind: "model_not_found" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "a tool server's or another service's credentials refused": [
    { message: "Error from MCP server: 403 Forbidden", httpStatus: 403, kind: "bad_request" },
    { message: "McpSyncClientAuthorizationException: token rejected", kind: "bad_request" },
    { message: "Slack API error 401", httpStatus: 401, kind: "bad_request" },
  ],
  "a user switched off by the account's admin": [
    { message: "connection failed: user has been disabled", kind: "auth" },
  ],
  "an endpoint the model does not serve": [
    { message: "rerank is not an available endpoint for the model", kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model disabled by the organisation's policy is that model kept from the account, not the user.
  { message: "This model is disabled by your organization's policy.", kind: "model_unavailable" },
  // A model's file or configuration not found, in Chinese, is a local server's setup, not a model id unknown.
  { message: "未找到模型文件 /models/x.gguf", kind: "unknown" },
  // The provider's own credentials refused, with no tool server named, stay auth.
  { message: "API error 401: Unauthorized", httpStatus: 401, kind: "auth" },
];

describeWordings(
  "the wordings of batch 57 (the hard class beyond the big providers, the provider-wide class's borders)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
