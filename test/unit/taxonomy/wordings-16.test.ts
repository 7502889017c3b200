import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 16 (src/taxonomy/wordings-16.ts, issue 17 item 11): errors as the
 * TypeScript/JavaScript clients print them (openai-node, the Anthropic and AWS SDKs, the Vercel AI
 * SDK, the Gemini JS SDK) and their transport, each family from batch 16's train messages by meaning,
 * in words of our own here (no held-out text). Then the near misses each family must leave to the rule
 * they belong to, and the hard one under a 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a paid add-on the request needs, in a rate-limit envelope": [
    {
      message:
        '{"type":"error","error":{"type":"rate_limit_error","message":"Extra usage is required for this mode."}}',
      httpStatus: 429,
      kind: "billing",
    },
  ],
  "a gateway's quota ledger": [
    {
      message: "user [7] quota [10] preConsumedQuota [4000] is not enough",
      httpStatus: 403,
      kind: "billing",
    },
  ],
  "a credential scoped to another product": [
    {
      message:
        '{"error":{"type":"invalid_request_error","message":"This API key is only authorized for use with Demo Studio."}}',
      httpStatus: 400,
      kind: "auth",
    },
  ],
  "an SDK that could not obtain credentials": [
    { message: "Error when retrieving credentials from container-metadata: no response", kind: "auth" },
    { message: "CredentialsProviderError: Credential refresh failed for profile demo", kind: "auth" },
  ],
  "a client library giving up on the answer": [
    {
      message: "AI_NoObjectGeneratedError: No object generated: could not parse the response.",
      kind: "output_invalid",
    },
    { message: "InvalidResponseDataError: Expected 'id' to be a string.", kind: "output_invalid" },
    { message: "OpenAIError: missing finish_reason for choice 2", kind: "output_invalid" },
  ],
  "a plan whose users may not use the model": [
    { message: "Free tier users are not able to use Demo Ultra here.", kind: "model_unavailable" },
    {
      message: "Starter plan users are not currently allowed to use demo-large.",
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
  "a transport that broke mid-stream": [
    { message: "Stream closed with error code NGHTTP2_INTERNAL_ERROR", kind: "network" },
    { message: "The response ended without receiving any data.", kind: "network" },
    { message: "DemoSDK Error: Failed to parse the stream", kind: "network" },
  ],
  "a request refused as sent": [
    { message: "Unable to submit request because the tools list is empty.", kind: "bad_request" },
    { message: "http://localhost:9000/v1/chat not found, please verify your API base", kind: "bad_request" },
  ],
  "a gateway's own internal-error name": [
    { message: "GatewayInternalServerError: could not load the route table", kind: "server_error" },
  ],
};

const NEAR_MISSES: Case[] = [
  // Money in plain words stays billing, whatever the wrapper.
  { message: "Your credit balance is too low to access the Demo API.", httpStatus: 400, kind: "billing" },
  // A key that is simply wrong is auth without any scope words.
  { message: "Invalid API key provided.", httpStatus: 401, kind: "auth" },
  // A request over the model's window in Vertex's refusal wording is context length, not a bad request.
  {
    message:
      "Unable to submit request because the input token count (40000) exceeds the maximum number of tokens allowed (32768).",
    httpStatus: 400,
    kind: "context_length",
  },
  // A plain rate limit in the same envelope as the paid add-on stays a rate limit.
  {
    message:
      '{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit."}}',
    httpStatus: 429,
    kind: "rate_limit",
  },
  // A deadline that ran out is a timeout, not a broken stream.
  { message: "Request timed out.", kind: "timeout" },
  // A missing model named as such is not found, not a wrong base URL.
  {
    message: "The model `demo-9` does not exist or you do not have access to it.",
    httpStatus: 404,
    kind: "model_not_found",
  },
];

describeWordings("wordings quoted by TypeScript/JavaScript clients (batch 16)", FAMILIES, NEAR_MISSES, {
  families: ["a plan whose users may not use the model"],
  status: 503,
});
