import { describe, expect, it } from "vitest";
import { classifyError } from "../../../src/taxonomy/classify.js";
import type { ErrorKind } from "../../../src/taxonomy/kinds.js";

/**
 * The concepts the rules were broadened by in issue 17 item 11 (batches 2 and 3 of the corpus),
 * each stated in wordings the corpus does not hold: the rule has to carry the meaning, not the
 * string it was written from. Every row is the text a client library or provider prints for that
 * concept; the second table holds the near misses each concept must not swallow.
 */
interface Case {
  message: string;
  httpStatus?: number;
  kind: ErrorKind;
}

const CONCEPTS: Record<string, Case[]> = {
  "a tool call or answer the model produced is unusable": [
    {
      message: "Error code: 500 - {'error': {'message': 'The model generated malformed output.'}}",
      kind: "output_invalid",
    },
    { message: "ValueError: Failed to parse tool call arguments as JSON", kind: "output_invalid" },
    { message: "Invalid function arguments returned by the model", kind: "output_invalid" },
    { message: "Model produced an invalid tool call: get_weatherget_weather", kind: "output_invalid" },
    { message: "TypeError: Cannot read properties of undefined (reading 'choices')", kind: "output_invalid" },
    { message: "response.candidates is empty", kind: "output_invalid" },
    { message: "No content in response from model", kind: "output_invalid" },
    { message: '{"candidates":[{"finishReason":"OTHER","index":0}]}', kind: "output_invalid" },
  ],
  "a feature our request asked for is refused": [
    { message: "400 Function calling is not enabled for this model", kind: "bad_request" },
    { message: "Streaming is not supported for model: foo/bar", kind: "bad_request" },
    { message: "Error: response_format is not available on this endpoint", kind: "bad_request" },
  ],
  "the provider has no capacity, whatever the status": [
    {
      message: "429 RESOURCE_EXHAUSTED: No capacity available for model gemini-x on the server",
      kind: "overloaded",
    },
    { message: "The engine is currently at capacity", kind: "overloaded" },
  ],
  "a token or request budget with its window": [
    { message: "Request limit (60 per minute) reached", kind: "rate_limit" },
    { message: "500 - Tokens limit (2,000,000 per day) exceeded", kind: "rate_limit" },
  ],
  "the transport was cut before the answer ended": [
    { message: "stream error: stream ID 7; PROTOCOL_ERROR; received from peer", kind: "network" },
    { message: "curl: (92) HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)", kind: "network" },
    {
      message: "http.client.IncompleteRead: IncompleteRead(512 bytes read, 1024 more expected)",
      kind: "network",
    },
    { message: "requests.exceptions.ChunkedEncodingError: Response ended prematurely", kind: "network" },
    {
      message: "aiohttp.client_exceptions.ClientPayloadError: Response payload is not completed",
      kind: "network",
    },
    { message: "Error: Stream ended unexpectedly", kind: "network" },
  ],
  "a server failure in words, without a status": [
    { message: "Vertex AI is unable to process your request.", kind: "server_error" },
    {
      message:
        "litellm.APIConnectionError: {'status_code': 400, 'headers': {':exception-type': 'internalServerException'}}",
      kind: "server_error",
    },
  ],
  "Cloudflare's origin timeouts": [
    { message: "api.example.com | 524: A timeout occurred", httpStatus: 524, kind: "timeout" },
    {
      message: "Error 522: Connection timed out. The origin may be overloaded.",
      httpStatus: 522,
      kind: "timeout",
    },
  ],
  "the model is not hosted where we called it": [
    {
      message: "Publisher Model `claude-opus-4` is not servable in region europe-west4.",
      httpStatus: 400,
      kind: "model_unavailable",
    },
    { message: "The model is not deployed in the region eu-central-1", kind: "model_unavailable" },
  ],
  "a key in any state but usable, or an authentication that fails": [
    { message: "Error code: 400 - API key is disabled", httpStatus: 400, kind: "auth" },
    { message: "The api key you supplied has been deleted.", kind: "auth" },
    { message: "Authentication Fails, Your api key: ****1234 is invalid", kind: "auth" },
  ],
  "a safety block on generated images": [{ message: "finishReason: IMAGE_SAFETY", kind: "content_filter" }],
};

const NEAR_MISSES: Array<Case & { why: string }> = [
  {
    why: "a stream that ended with a 4xx inside is the 4xx's story",
    message:
      'Response stream finished unexpectedly with internal error: API error: 404 Not Found {"message":"Model not found, inaccessible, and/or not deployed"}',
    kind: "model_unavailable",
  },
  {
    why: "the caller's region is an account matter, not the model's hosting",
    message: "This model is not available in your region.",
    httpStatus: 403,
    kind: "auth",
  },
  {
    why: "a hosting verdict is hard, so a 503 vetoes it",
    message: "Publisher Model `x` is not servable in region us-central1",
    httpStatus: 503,
    kind: "server_error",
  },
  {
    why: "the parameters schema we sent is ours to fix, not the model's output",
    message: "Invalid schema for function 'get_weather': 'parameters' must be an object",
    httpStatus: 400,
    kind: "bad_request",
  },
  {
    why: "a context window is not a rate window",
    message: "This model's maximum context length is 8192 tokens, however you requested 9000 tokens",
    kind: "context_length",
  },
];

describe("concepts the taxonomy was broadened by", () => {
  for (const [concept, cases] of Object.entries(CONCEPTS)) {
    it.each(cases)(`${concept}: %s`, ({ message, httpStatus, kind }) => {
      expect(classifyError({ provider: "p", message, httpStatus }).kind).toBe(kind);
    });
  }

  it.each(NEAR_MISSES)("does not overreach: $why", ({ message, httpStatus, kind }) => {
    expect(classifyError({ provider: "p", message, httpStatus }).kind).toBe(kind);
  });
});
