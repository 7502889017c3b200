import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 21 (src/taxonomy/wordings-21.ts, issue 17 item 11): what LLM
 * gateways, proxies and observability products report when the provider behind them fails, each
 * family from batch 21's train messages by meaning, in words of our own here (no held-out text).
 * Then the near misses each family must leave to the rule they belong to, and the hard ones under a
 * 5xx or a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "an account out of credit or over its billing limit": [
    { message: "The provider account is out of credit.", httpStatus: 502, kind: "billing" },
    { message: "Your workspace is over its spending limit for this month", kind: "billing" },
  ],
  "a relay that refuses a client other than its own": [
    {
      message: "You are using a non-official desktop client, which is not allowed",
      httpStatus: 500,
      kind: "auth",
    },
  ],
  "a gateway's guardrail checks that failed": [
    { message: "Guardrail checks for this request failed", httpStatus: 446, kind: "content_filter" },
    { message: "The request failed the guardrail check 'pii'", kind: "content_filter" },
  ],
  "a model whose terms the caller has not accepted": [
    {
      message: "Account has not agreed to the demo-3 model terms",
      httpStatus: 403,
      kind: "model_unavailable",
    },
    { message: "You have not accepted the model license for demo-2", kind: "model_unavailable" },
  ],
  "a model not eligible for a call path": [
    { message: "Model demo.large-1 is not eligible for batch inference.", kind: "model_unavailable" },
    { message: "HTTP 400: model_not_available_for_this_plan", kind: "model_unavailable" },
  ],
  "a router with no provider able to serve the model": [
    { message: "No available providers for the requested model", httpStatus: 400, kind: "model_unavailable" },
    { message: "No eligible provider can serve the selected model.", kind: "model_unavailable" },
  ],
  "a malformed request quoted inside a gateway's 500": [
    { message: "500 upstream said: Improperly formed request.", kind: "bad_request" },
  ],
  "a gateway that got no answer from the provider": [
    { message: "Failed to get response from provider", httpStatus: 400, kind: "server_error" },
    {
      message: "The proxy ran into an error forwarding your call. Please try again later",
      kind: "server_error",
    },
    { message: "upstream stream error", httpStatus: 200, kind: "server_error" },
  ],
  "a gateway that could not reach the provider": [
    { message: "Could not reach the AI provider.", httpStatus: 502, kind: "network" },
    {
      message: "error sending request for url (https://api.example.com/v1/chat)",
      httpStatus: 502,
      kind: "network",
    },
  ],
};

const NEAR_MISSES: Case[] = [
  // A response from the provider that names a 4xx is that 4xx's matter.
  { message: "Failed to get response from provider: 401 Unauthorized, invalid API key", kind: "auth" },
  // A 5xx it did get, then a transport error, is the provider's failure.
  {
    message:
      "All 2 attempts failed. Last status: 503 Service Unavailable. Error: error sending request for url (x)",
    kind: "server_error",
  },
  // Terms and licences of the service, not of a model, are not a model closed to the caller.
  { message: "You have not agreed to the terms of service", httpStatus: 403, kind: "auth" },
  // A provider named without a model is not a model closed to us.
  { message: "No available providers", kind: "unknown" },
  // Rate limits and capacity keep their kinds.
  { message: "Too many requests, please try again later", httpStatus: 429, kind: "rate_limit" },
  { message: "The server is overloaded. Please try again later", kind: "overloaded" },
];

describeWordings(
  "wordings of gateways, proxies and observability products (batch 21)",
  FAMILIES,
  NEAR_MISSES,
  {
    families: [
      "a model whose terms the caller has not accepted",
      "a model not eligible for a call path",
      "a router with no provider able to serve the model",
    ],
    status: 503,
  },
);
