import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 38 (src/taxonomy/wordings-38.ts; issue 17 item 11): the product's
 * providers as coding agents, evaluation harnesses and gateways quote them, provider SDK trackers, and
 * chat front-ends and relays, each family from batch 38's train messages by meaning, in words of our own
 * here (no held-out text). Then the near misses each family must leave to the rule they belong to.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model the account's plan keeps from it, under a 401 or 403": [
    {
      message: "meta.llama9-70b-v1:0 is not available for this account. Contact sales for access.",
      httpStatus: 401,
      kind: "model_unavailable",
    },
  ],
  "a router that needs the caller's own key for this model": [
    {
      message: '{"error":{"message":"Anthropic requires your own key to access this model","code":403}}',
      httpStatus: 403,
      kind: "model_unavailable",
    },
  ],
  "a guardrail or a filter that withheld the answer": [
    {
      message: "Request blocked: violated guardrail policies (contentFilter)",
      httpStatus: 400,
      kind: "content_filter",
    },
    { message: 'The provider blocked the response: {"blocked": true}', kind: "content_filter" },
  ],
  "a reply with no body at all": [
    { message: "upstream returned 200 but the response body was empty", kind: "output_invalid" },
    { message: "The call returned empty.", kind: "output_invalid" },
  ],
  "an answer in a markdown fence where JSON was expected": [
    {
      message: "SyntaxError: Unexpected token '`', \"```json\n[1, 2]\" is not valid JSON",
      kind: "output_invalid",
    },
  ],
  "an organisation's own limits on models or providers": [
    { message: "Your workspace restricts model selection", httpStatus: 403, kind: "model_unavailable" },
    { message: "provider not allowed for this organization", httpStatus: 400, kind: "model_unavailable" },
  ],
  "a parameter this model does not let us ask for": [
    {
      message: "You are not allowed to request top logprobs from this model",
      httpStatus: 403,
      kind: "bad_request",
    },
  ],
  "a body that is not JSON at all": [
    { message: "We could not parse the JSON body of your request.", httpStatus: 400, kind: "bad_request" },
  ],
  "a required field missing at a path in our request": [
    { message: "messages.3.content.1.tool_result.tool_use_id: Field required", kind: "bad_request" },
  ],
  "an operation the endpoint does not implement": [
    { message: "Operation is not implemented for this session", kind: "bad_request" },
  ],
  "the provider's 503 inside a client's connection-error wrapper": [
    { message: "APIConnectionError: MistralException - Service Unavailable", kind: "server_error" },
  ],
  "no answer in the time the client allowed": [
    { message: "no response headers within 30 s, giving up", kind: "timeout" },
  ],
  "the request cut off mid-stream, said at the end of a wrapper": [
    { message: "Chat failed while streaming the request: terminated", kind: "network" },
  ],
  "the provider's list of names that leaves ours out": [
    {
      message: "The supported model names are alpha-pro or alpha-lite, but you passed alpha-chat.",
      httpStatus: 400,
      kind: "model_not_found",
    },
  ],
  "no deployment behind the endpoint we called": [
    { message: "No deployment found for this model.", httpStatus: 404, kind: "model_not_found" },
  ],
};

const NEAR_MISSES: Case[] = [
  // An API resource that is not for the account names no model: credentials.
  { message: "The models endpoint is not available for your account", httpStatus: 403, kind: "auth" },
  // A bare "terminated" under a 5xx is the provider's state, not the transport.
  { message: "Error: terminated", httpStatus: 502, kind: "server_error" },
  // A missing key for the whole provider stays auth, not the model's matter.
  { message: "A key is required to access this API", httpStatus: 401, kind: "auth" },
  // The provider's 503 in its own words, with no client wrapper, is the provider's error as before.
  { message: "Service Unavailable", httpStatus: 503, kind: "server_error" },
];

describeWordings("the wordings of batch 38 (agents, SDK trackers, front-ends)", FAMILIES, NEAR_MISSES, {
  families: [
    "a model the account's plan keeps from it, under a 401 or 403",
    "an organisation's own limits on models or providers",
    "the provider's list of names that leaves ours out",
    "no deployment behind the endpoint we called",
  ],
  status: 503,
});
