/** HTTP status extraction: the caller's status, or the one an SDK or gateway printed in the text. */

/**
 * Status codes as SDKs and gateways print them, tried in order; the first 4xx/5xx found wins.
 * The earlier system only knew the first three shapes, so "429 - Resource has been exhausted"
 * and "404 not deployed" went unclassified.
 */
const STATUS_PATTERNS: readonly RegExp[] = [
  // openai/anthropic/groq python SDKs: "Error code: 404 - {...}".
  /\berror code:?\s*(\d{3})\b/,
  // "status: 429", "status_code=503", '"status": 429', "Status Code: 400" (AWS), "statusCode: 403" (JS),
  // Mistral SDK "API error occurred: Status 400", axios "Request failed with status code 503".
  /\bstatus(?:[ _]?code)?["']?\s*[:=]?\s*["']?(\d{3})\b/,
  // "HTTP 503", "HTTP/1.1 502", "http status 500".
  /\bhttp(?:\/\d(?:\.\d)?)?\s*(?:status\s*)?(\d{3})\b/,
  // google-api-core / gRPC: "NotFound: 404 Publisher Model …", "ResourceExhausted: 429 …".
  /\b(?:notfound|permissiondenied|unauthenticated|resourceexhausted|internalservererror|internal|serviceunavailable|unavailable|deadlineexceeded|invalidargument|failedprecondition|badrequest|toomanyrequests|aborted)\s*:\s*(\d{3})\b/,
  // python requests: "404 Client Error: Not Found for url: …".
  /\b(\d{3}) (?:client|server) error\b/,
  // Leading code with a dash, colon or reason phrase: "429 - Resource has been exhausted",
  // "404 page not found" (Go net/http), "503 Service Unavailable", "429 RESOURCE_EXHAUSTED" (google-genai).
  /^\W{0,3}(\d{3})\]?\s*(?:-|:|\b(?:page not found|not found|too many requests|bad request|unauthorized|forbidden|payment required|internal|bad gateway|service unavailable|gateway time-?out|request time-?out|resource (?:has been )?exhausted|overloaded|unprocessable|[a-z]+_[a-z_]+)\b)/,
  // Bodies and wrappers: Google {"error": {"code": 429}}, Python reprs {'code': 400}, gateways
  // {"code": "404"}; "API Error: 404 {…}", "Error 400 with provider …", "Error response 401 while fetching".
  /["']code["']\s*:\s*["']?(\d{3})\b/,
  /\berror(?: response)?:?\s*\(?(\d{3})\b/,
  // Clients in their own words: "API returned 503", "request failed with 429", "responded with
  // HTTP 402", "code=500", "code: 404" (unquoted, Go and Java clients), "a 502 error".
  /\b(?:returned|responded with|answered with|failed with|got|received)\s+(?:an?\s+)?(?:http\s+)?(?:status\s+)?(?:code\s+)?(\d{3})\b/,
  /\bcode\s*[=:]\s*(\d{3})\b/,
  /\b(\d{3})\s+(?:error|status)\b/,
];

/**
 * Google canonical status names (JSON bodies, google-genai) and the HTTP status each implies.
 * UNAVAILABLE is also a word of English ("the selected model is unavailable for this API credential",
 * batch 44): it names 503 only where a status stands, as a status or code value or after a status
 * code ('"status": "UNAVAILABLE"', "code = Unavailable", "503 UNAVAILABLE"); the other names are
 * spelt as no sentence spells them.
 */
const GOOGLE_STATUS: Readonly<Record<string, number>> = {
  invalid_argument: 400,
  failed_precondition: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  resource_exhausted: 429,
  internal: 500,
  unavailable: 503,
  deadline_exceeded: 504,
};
const GOOGLE_STATUS_RE =
  /\b(invalid_argument|failed_precondition|unauthenticated|permission_denied|not_found|resource_exhausted|deadline_exceeded)\b|(?:\bstatus["']?\s*[:=]?\s*["']?|\bcode\s*[:=]?\s*["']?|\b\d{3}\s+)(unavailable)\b/;

/**
 * openai/anthropic SDK exception class names, and google.api_core's (python-genai and the Vertex
 * SDK raise "google.api_core.exceptions.ServiceUnavailable: …"), and the HTTP status each stands for.
 */
const SDK_ERROR_STATUS: Readonly<Record<string, number>> = {
  badrequesterror: 400,
  invalidargument: 400,
  failedprecondition: 400,
  permissiondenied: 403,
  resourceexhausted: 429,
  serviceunavailable: 503,
  deadlineexceeded: 504,
  authenticationerror: 401,
  permissiondeniederror: 403,
  notfounderror: 404,
  conflicterror: 409,
  unprocessableentityerror: 422,
  ratelimiterror: 429,
  internalservererror: 500,
  // .NET HttpStatusCode and Java/Spring HttpStatus names as clients print them ("Unsuccessful API
  // response TooManyRequests", "BAD_REQUEST" is Google's INVALID_ARGUMENT family above).
  toomanyrequests: 429,
  badrequest: 400,
  paymentrequired: 402,
  badgateway: 502,
  gatewaytimeout: 504,
};
const SDK_ERROR_RE =
  /\b(toomanyrequests|badrequest|paymentrequired|badgateway|gatewaytimeout|badrequesterror|authenticationerror|permissiondeniederror|notfounderror|conflicterror|unprocessableentityerror|ratelimiterror|internalservererror|invalidargument|failedprecondition|permissiondenied|resourceexhausted|serviceunavailable|deadlineexceeded)\b/;

/**
 * HTTP reason phrases printed without their code ("openai.APIError: Service Unavailable",
 * "Generation failed - Bad Request"): the phrase names the status as surely as the number.
 */
const REASON_PHRASE_STATUS: Readonly<Record<string, number>> = {
  "bad request": 400,
  unauthorized: 401,
  "payment required": 402,
  forbidden: 403,
  "method not allowed": 405,
  "request timeout": 408,
  "payload too large": 413,
  "request entity too large": 413,
  "unprocessable entity": 422,
  "too many requests": 429,
  "internal server error": 500,
  "bad gateway": 502,
  "service unavailable": 503,
  "gateway timeout": 504,
};
/** "Gone" is a common word, so it names 410 only as the whole message ("Error: Gone", "410 Gone"). */
const GONE_RE = /^\W*(?:error\W*)?(?:410\W*)?gone\W*$/;
// The phrases are words and spaces only, so they go into a pattern as they are.
const REASON_PHRASE_RE = new RegExp(`\\b(${Object.keys(REASON_PHRASE_STATUS).join("|")})\\b`);

/**
 * A code followed by its own reason phrase, anywhere in the text ("POST \"https://…\": 404 Not Found",
 * "resulted in a `503 Service Unavailable` response"): the pair is a status line, which a count or
 * an id never is. Only a matching pair counts ("500 not found" is not one). "Not found" alone is a
 * common phrase, so it names 404 only here, after its code.
 */
const CODE_PHRASE_STATUS: Readonly<Record<string, number>> = { ...REASON_PHRASE_STATUS, "not found": 404 };
const CODE_WITH_PHRASE_RE = new RegExp(
  `\\b([45]\\d\\d)\\s+(${Object.keys(CODE_PHRASE_STATUS).join("|")})\\b`,
  "g",
);

function codeWithItsPhrase(text: string): number | null {
  for (const m of text.matchAll(CODE_WITH_PHRASE_RE)) {
    if (CODE_PHRASE_STATUS[m[2]!] === Number(m[1])) return Number(m[1]);
  }
  return null;
}

/**
 * A google.rpc.Status body, whose code is a gRPC code, not an HTTP one: {'code': 13, 'message': 'Failed
 * to send request.', 'details': []}. The shape (a one- or two-digit code, a message, a details list) is
 * the evidence; each code is read as the HTTP status Google's own mapping gives it.
 */
const GRPC_STATUS_BODY_RE =
  /["']code["']\s*:\s*(\d{1,2})\s*,\s*["']message["']\s*:\s*(?:"[^"\n]*"|'[^'\n]*')\s*,\s*["']details["']\s*:\s*\[/;
/** gRPC's numeric codes by their canonical names, whose HTTP statuses GOOGLE_STATUS gives. */
const GRPC_CODE_NAME: Readonly<Record<number, string>> = {
  3: "invalid_argument",
  4: "deadline_exceeded",
  5: "not_found",
  7: "permission_denied",
  8: "resource_exhausted",
  9: "failed_precondition",
  13: "internal",
  14: "unavailable",
  16: "unauthenticated",
};

function isErrorStatus(n: number): boolean {
  return Number.isInteger(n) && n >= 400 && n <= 599;
}

/**
 * The HTTP status: the caller's when it is an error status (a 200 is what some gateways record
 * for an error streamed inside a successful response), else the first status printed in the
 * text, else the one implied by a Google status name, an SDK exception class or a reason phrase.
 */
export function extractStatus(httpStatus: number | null | undefined, message: string): number | null {
  if (typeof httpStatus === "number" && isErrorStatus(httpStatus)) return httpStatus;
  const text = message.toLowerCase();
  for (const re of STATUS_PATTERNS) {
    const m = re.exec(text);
    const n = m?.[1] === undefined ? NaN : Number(m[1]);
    if (isErrorStatus(n)) return n;
  }
  const paired = codeWithItsPhrase(text);
  if (paired !== null) return paired;
  const grpc = GRPC_CODE_NAME[Number(GRPC_STATUS_BODY_RE.exec(text)?.[1])];
  if (grpc !== undefined) return GOOGLE_STATUS[grpc] ?? null;
  const googleMatch = GOOGLE_STATUS_RE.exec(text);
  const google = googleMatch?.[1] ?? googleMatch?.[2];
  if (google !== undefined) return GOOGLE_STATUS[google] ?? null;
  const sdk = SDK_ERROR_RE.exec(text)?.[1];
  if (sdk !== undefined) return SDK_ERROR_STATUS[sdk] ?? null;
  if (GONE_RE.test(text)) return 410;
  const phrase = REASON_PHRASE_RE.exec(text)?.[1];
  return phrase === undefined ? null : (REASON_PHRASE_STATUS[phrase] ?? null);
}
