import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The broad transport families (src/taxonomy/wordings-transport.ts, issue 17 item 11), written across
 * every batch's train messages of the transient kinds: each family in words of our own (no corpus
 * text), then the near misses each must leave to the rule they belong to. None gives a hard verdict,
 * so every family is also checked under a 5xx and with a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "a service down for now, without capacity words": [
    { message: "The inference service is temporarily unavailable.", httpStatus: 503, kind: "server_error" },
    { message: '{"message":"API currently down, come back soon"}', kind: "server_error" },
    { message: "Backend was momentarily offline. Please try again later.", kind: "server_error" },
  ],
  "the provider's own error with a retry hint": [
    { message: "Internal server error. Please retry in a minute.", kind: "server_error" },
    { message: "An unexpected error has occurred; try again later.", kind: "server_error" },
  ],
  "a stream the provider ended with finish_reason error": [
    {
      message: "APIConnectionError: DemoException - demo raised a streaming error - finish_reason: error",
      httpStatus: 502,
      kind: "server_error",
    },
    { message: "Received chunk {'is_finished': True, 'finish_reason': 'error'}", kind: "server_error" },
  ],
  "the provider's own failure in words": [
    { message: "Upstream raised an exception while generating", kind: "server_error" },
    { message: "the server ran into a problem with this call", kind: "server_error" },
  ],
  "a crash inside the provider, quoted": [
    {
      message: 'DemoException - {"error":"Cannot read properties of undefined (reading \'headers\')"}',
      kind: "server_error",
    },
    { message: "worker said: segmentation fault (core dumped)", kind: "server_error" },
  ],
  "the provider's own side at fault": [
    { message: "Something went wrong on our end.", kind: "server_error" },
    { message: "An unexpected error occurred on our side.", kind: "server_error" },
    { message: "We ran into a problem on our end", kind: "server_error" },
  ],
  "no backend left to serve": [{ message: "no healthy upstreams", kind: "server_error" }],
  "a 5xx stated in words": [
    { message: "DemoException: the reply had a status code of 502 and was rejected", kind: "server_error" },
  ],
  "a gateway's or backend's error class name": [
    { message: "DemoBackendError: request could not be served", kind: "server_error" },
    { message: "UpstreamException raised by the router", kind: "server_error" },
  ],
  "a deadline passed in other words": [
    { message: "The call took longer than 90 seconds and was stopped.", kind: "timeout" },
    { message: "No response received within 30s from the model host.", kind: "timeout" },
    { message: "Gave up: no answer after 120 seconds", kind: "timeout" },
    { message: "The job exceeded the maximum execution time.", kind: "timeout" },
  ],
  "a connection that failed or broke": [
    { message: "Connection lost while reading the reply", kind: "network" },
    { message: "connection was reset by the peer", kind: "network" },
    { message: "Could not connect to the demo endpoint", kind: "network" },
    { message: "TypeError: Failed to fetch", kind: "network" },
    { message: "A failure occurred while connecting to the demo host.", kind: "network" },
    { message: "NS error: PR_CONNECT_RESET_ERROR", kind: "network" },
  ],
  "the network or the host name": [
    { message: "Network error while sending the prompt", kind: "network" },
    { message: "dial tcp: lookup api.example.org: no such host", kind: "network" },
  ],
  "TLS and certificates": [
    { message: "SSLCertVerificationError: hostname mismatch", kind: "network" },
    { message: "SSLEOFError: unexpected", kind: "network" },
  ],
  "a transport exception class name": [
    { message: "httpx.RemoteProtocolError: server hung up", kind: "network" },
    { message: "aiohttp.ClientConnectorError: Cannot connect", kind: "network" },
    { message: "SocketException: OS Error", kind: "network" },
    { message: "urllib3 NewConnectionError: Failed to establish a new connection", kind: "network" },
    { message: "ProxyError: the tunnel went away", kind: "network" },
  ],
  "a body cut short or a socket gone": [
    { message: "Premature close", kind: "network" },
    { message: "write: broken pipe", kind: "network" },
    { message: "Remote end closed connection without response", kind: "network" },
    { message: "net::ERR_CONNECTION_CLOSED", kind: "network" },
  ],
  "a stream torn down or cut in transit": [
    { message: "http2: server sent GOAWAY and closed the connection", kind: "network" },
    { message: "websocket: close 1006 (abnormal closure)", kind: "network" },
    { message: "The event stream was interrupted after 3 chunks", kind: "network" },
  ],
  "the provider short of servers in other words": [
    { message: "All GPUs are busy, please wait.", kind: "overloaded" },
    { message: "Our cluster is under heavy load.", kind: "overloaded" },
    { message: "You are in the waiting line; your queue position is 12.", kind: "overloaded" },
  ],
};

const NEAR_MISSES: Case[] = [
  // Our side in the caller's words, or the provider's side under a 4xx, is not the provider failing.
  { message: "Something went wrong on your end.", kind: "unknown" },
  { message: "Something went wrong on our end.", httpStatus: 400, kind: "bad_request" },
  // OpenRouter's "error_finish" beside a rate limit is the rate limit.
  {
    message: "Too many tokens, please wait before trying again. finish_reason: error_finish",
    kind: "rate_limit",
  },
  // A block reason of 0 or none blocked nothing: the empty answer cut at its token budget is ours.
  {
    message:
      "content='' response_metadata={'prompt_feedback': {'block_reason': 0}, 'finish_reason': 'MAX_TOKENS'}",
    kind: "output_invalid",
  },
  { message: "prompt_feedback { block_reason: SAFETY }", kind: "content_filter" },
  // A WebSocket closed with code 1008 "(policy violation)" names the close, not a safety verdict.
  { message: "received 1008 (policy violation) live session not found", kind: "unknown" },
  { message: "Request rejected: policy violation", kind: "content_filter" },
  // A client's "connection failed" wrapper around a 4xx answer: the answer decides.
  { message: "Connection failed: Error code: 400 - invalid parameter 'top_k'", kind: "bad_request" },
  { message: "Failed to connect to API: 401 Unauthorized", kind: "auth" },
  { message: "Network Error: API error: 422 Unprocessable Entity", kind: "bad_request" },
  // Fetching a named thing is not the transport failing.
  { message: "Failed to fetch model data: permission denied", httpStatus: 403, kind: "auth" },
  // Envoy's words for its own upstream failing stay the provider's error.
  {
    message: "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
    httpStatus: 503,
    kind: "server_error",
  },
  // A model (not a service) unavailable for now with capacity words stays overloaded.
  { message: "The model is overloaded. Please try again later.", httpStatus: 503, kind: "overloaded" },
  // A queue merely mentioned in a validation error is not a wait for servers.
  { message: "messages.0: queue position must be a number", httpStatus: 400, kind: "bad_request" },
  // A plain try-later without any failure noun stays where it was.
  { message: "The server is busy. Please try again later.", kind: "overloaded" },
  // Our client failing on an answer without choices is an unusable answer, not the provider crashing.
  { message: "TypeError: Cannot read properties of undefined (reading 'choices')", kind: "output_invalid" },
  // A stream error that names a structured-output failure is not transport.
  { message: "LLM stream error [structured-output-parse-failed]: not JSON", kind: "output_invalid" },
  // The provider's error with a retry hint that names a deadline is left to the timeout rule.
  {
    message: "Internal server error, please retry: the upstream call timed out",
    httpStatus: 500,
    kind: "timeout",
  },
  // A connect timeout is still read as a timeout by the earlier rule.
  { message: "Connection Error, Request timed out.", kind: "timeout" },
  // A gateway error class around a 404 answer: the status decides, never a server error.
  { message: "UpstreamError: Error code: 404", httpStatus: 404, kind: "unknown" },
  // A timeout's status stated in words is not read as the provider's failure.
  { message: "the reply had a status code of 504", kind: "unknown" },
  // A local runner whose process ended for a model reason keeps its status verdict.
  { message: "llama runner process has terminated: exit status 2", httpStatus: 500, kind: "server_error" },
  // Rate limits keep their kind whatever the retry words.
  { message: "Rate limit reached. Please try again later.", httpStatus: 429, kind: "rate_limit" },
];

describeWordings("broad transport families across batches", FAMILIES, NEAR_MISSES, {
  families: Object.keys(FAMILIES),
  status: 503,
});
