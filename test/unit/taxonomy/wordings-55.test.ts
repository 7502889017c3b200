import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 55 (src/taxonomy/wordings-55.ts, and a timeout setting named in advice
 * in patterns.ts; issue 17 item 11): Anthropic's and Bedrock's request errors, OpenAI's and Google's newer
 * surfaces, and transport failures from many HTTP clients, each family from batch 55's train messages by
 * meaning, in words of our own here (no held-out text). Batch 55 brought no hard wording of its own; its
 * families are all other classes. Then the near misses.
 */
const NOT_HARD: Record<string, Case[]> = {
  "streaming our call must or must not use": [
    { message: "Streaming is not supported for this deployment", httpStatus: 403, kind: "bad_request" },
    { message: "500 Streaming is required for requests this long", httpStatus: 500, kind: "bad_request" },
  ],
  "no key set on our side": [{ message: "Connection failed: API key is not set", kind: "auth" }],
  "a guardrail that fired": [
    {
      message: "illegal_argument_exception: guardrail was triggered",
      httpStatus: 400,
      kind: "content_filter",
    },
  ],
  "tool calls a parser could not read": [
    { message: "No valid tool calls in the answer", kind: "output_invalid" },
  ],
  "an invalid argument carried by a socket's close": [
    { message: "websocket closed: Request contains an invalid argument.", kind: "bad_request" },
  ],
  "a server shedding load at admission": [
    { message: "stream closed: load shedding in effect", kind: "overloaded" },
  ],
  ".NET's and Winsock's deadlines": [
    {
      message: "Unable to read data from the transport connection: The operation was canceled.",
      kind: "timeout",
    },
    { message: "HttpRequestException: SocketException (10060): no answer", kind: "timeout" },
  ],
  "a relay's fetch that failed, a stream cut, an origin out of reach": [
    { message: "502 upstream: fetch failed", httpStatus: 502, kind: "network" },
    { message: "gateway: stream interrupted", kind: "network" },
    { message: "The response ended prematurely.", kind: "network" },
    { message: "Cloudflare could not reach the origin", kind: "network" },
  ],
  "a timeout setting named in advice is not a timeout": [
    { message: "Connection error. (set REQUEST_TIMEOUT_MS=60000 to wait longer)", kind: "network" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model not found behind a relay's fetch words is still the relay failing to fetch: no hard verdict.
  { message: "fetch failed: model gpt-x not found", kind: "network" },
  // A guardrail that is itself not found is our request's id, not a filter that fired.
  { message: "Guardrail gr-1 was not found", httpStatus: 404, kind: "bad_request" },
];

describeWordings(
  "the wordings of batch 55 (request errors, newer surfaces, transport failures)",
  NOT_HARD,
  NEAR_MISSES,
  {
    families: [],
    status: 503,
  },
);
