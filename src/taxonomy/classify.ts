import { classOf, type ErrorClass, type ErrorKind } from "./kinds.js";
import { errorFingerprint, maskModel, normalizeMessage } from "./normalize.js";
import {
  ANTHROPIC_MODEL_FIELD,
  ANTHROPIC_NOT_FOUND,
  AUTH_TEXT,
  AWS_ACCESS_DENIED,
  AWS_SERVER,
  AWS_THROTTLED,
  AWS_VALIDATION,
  BAD_REQUEST,
  IN_REQUEST_BODY,
  BILLING_STRONG,
  CAPACITY_SHORTAGE,
  BILLING_WEAK,
  CONTENT_FILTER,
  CONTEXT_LENGTH,
  EMPTY_ANSWER,
  FUTURE_RETIREMENT,
  MODEL_NOT_AVAILABLE_BARE,
  MODEL_OUTPUT_INVALID,
  NOT_AVAILABLE_WHY,
  NETWORK,
  NETWORK_WRAPPERS,
  NOT_FOUND,
  OUR_VALIDATOR,
  OVERLOADED,
  RATE_LIMIT,
  RETIRED,
  ROUTE_NOT_FOUND,
  URL_NOT_FOUND,
  NAMES_A_MODEL,
  SERVER_ERROR_RETRYABLE,
  SERVER_ERROR_WORDS,
  STREAM_CUT_OFF,
  PROXY_WANTS_CREDENTIALS,
  TIMEOUT,
  TRANSIENT_MARKERS,
  ANOTHER_THING_MISSING,
  HEDGED_CAUSES,
  TRY_LATER,
  UNAVAILABLE,
} from "./patterns.js";
import {
  AUTH_FAMILY,
  BILLING_FAMILY,
  HTML_PAGE,
  MAINTENANCE,
  MODEL_NOT_SUPPORTED_AT_END,
  NOT_FOUND_FAMILY,
  OUTPUT_FAMILY,
  REQUEST_FAMILY,
  REQUEST_FAMILY_MORE,
  RETIRED_FAMILY,
  SERVER_FAMILY,
  UNAVAILABLE_FAMILY,
} from "./families.js";
import {
  CONTENT_FILTER_CODES,
  CONTEXT_TOO_LARGE,
  ECOSYSTEM_WORDINGS as ECO,
  FIELD_PATH_INVALID,
  HOST_CANNOT_HOLD,
  PARAM_INCORRECT,
  PER_INTERVAL,
  PROMPT_OVER_BOUND,
  PROMPT_SIZE_NOT_BUDGET,
  REFUSED_FOR_CONTENT,
  REQUEST_VALIDATOR,
  TOO_MANY_TOKENS,
  UPSTREAM_NO_RESPONSE,
  WAIT_WORDS,
  TRACKER_WORDINGS as TRK,
  AGENT_WORDINGS as AGT,
  USAGE_LIMIT_TRY_LATER,
  VERIFIED_FOR_FEATURE,
} from "./phrasings.js";
import { compileLexicon, lexicalKind, type Lexicon } from "./lexicon.js";
import LEXICON_COUNTS from "./lexicon-counts.json" with { type: "json" };
import { extractStatus } from "./status.js";
import { unwrap } from "./unwrap.js";
import { MORE } from "./wordings.js";

export { extractStatus } from "./status.js";

export interface ErrorInput {
  provider: string;
  httpStatus?: number | null;
  message: string;
  exceptionType?: string | null;
  model?: string | null;
}

export interface Classification {
  kind: ErrorKind;
  class: ErrorClass;
}

export interface ClassifiedError extends Classification {
  /** What decided the kind (`errors classify` shows it: a lexicon verdict is a weaker reading). */
  basis: Basis;
  normalized_message: string;
  fingerprint: string;
}

/**
 * Provider error bodies can be whole HTML pages or megabytes of a streamed reply; every signal we
 * look for sits near the start, and a cap keeps the rule table's cost bounded on hostile input.
 */
const MAX_CLASSIFIED_LENGTH = 16_000;

/** What the rules look at: the lowercased text (exception type prefixed, model masked) and the status. */
interface Evidence {
  text: string;
  status: number | null;
}

type Test = (e: Evidence) => boolean;

interface Rule {
  kind: ErrorKind;
  test: Test;
}

const any =
  (...res: RegExp[]): Test =>
  (e) =>
    res.some((re) => re.test(e.text));

const statusIn =
  (...codes: number[]): Test =>
  (e) =>
    e.status !== null && codes.includes(e.status);

/**
 * A status that says the failure will pass: a 429, or a 5xx other than 501 Not Implemented (the server
 * does not do what was asked, and will not tomorrow: Databricks answers a retired serving endpoint so).
 */
const transientStatus = (status: number | null): boolean =>
  status !== null && ((status >= 500 && status !== 501) || status === 429);

// The status first (a comparison), then the rule's own words: most rules do not match, and then none of
// the vetoes' texts need reading.
const hard =
  (...res: RegExp[]): Test =>
  (e) =>
    !transientStatus(e.status) &&
    res.some((re) => re.test(e.text)) &&
    !TRANSIENT_MARKERS.test(e.text) &&
    !HEDGED_CAUSES.test(e.text) &&
    !ANOTHER_THING_MISSING.test(e.text);

const isRetired = hard(...RETIRED);
const isAnthropicNotFound = hard(ANTHROPIC_NOT_FOUND);
const isRetiredInOtherWords = hard(RETIRED_FAMILY);
const isRetiredInBatchWords = hard(...MORE.retired);
const isUnusableAnswer = any(...MORE.outputLate);
const saysTimedOut = any(...TIMEOUT);

/**
 * The rule table. First match wins, so the order IS the precedence:
 *
 *  1. Our own validator texts: nothing else can produce them.
 *  2. Money, then credentials, in words: provider-wide kinds beat everything because they arrive
 *     disguised (OpenAI insufficient_quota as a 429, Anthropic low credit as a 400, Bedrock
 *     "Model access is denied due to INVALID_PAYMENT_INSTRUMENT", Vertex "Permission … denied on
 *     resource …/models/x (or it may not exist)"), and pausing a provider never demotes a model.
 *     A caller's location the provider does not serve is an account matter too (auth).
 *  3. "Ours" kinds in specific words (context length, safety, an unusable answer, wrong surface
 *     or parameter), before any status: OpenAI answers a wrong surface with a 404.
 *  4. Transient kinds in words (rate limit, overloaded, timeout, network): a failure that says it
 *     will pass is not evidence about the model.
 *  5. Hard kinds, each needing positive evidence in words and vetoed by transient context;
 *     retired before unavailable before not-found (Fireworks "not found … and/or not deployed"
 *     and OpenAI "does not have access to model" are unavailable).
 *  6. Status codes and exception names, when the words said nothing.
 *  7. Otherwise the words of a kind, read by the lexicon (lexicon.ts: never hard, only by a clear
 *     margin), else unknown (left to the batched LLM pass).
 */
const RULES: readonly Rule[] = [
  { kind: "output_invalid", test: any(OUR_VALIDATOR) },
  { kind: "billing", test: any(...BILLING_STRONG, ...TRK.billing, ...AGT.billing, ...MORE.billing) },
  { kind: "model_not_found", test: hard(...AGT.notFoundFirst, ...MORE.notFoundFirst) },
  { kind: "model_unavailable", test: hard(...AGT.unavailableFirst, ...MORE.unavailableFirst) },
  { kind: "content_filter", test: any(REFUSED_FOR_CONTENT, ...MORE.contentFilterFirst) },
  { kind: "bad_request", test: any(...MORE.requestFirst) },
  { kind: "network", test: any(PROXY_WANTS_CREDENTIALS) },
  { kind: "auth", test: any(...AUTH_TEXT, ...ECO.auth, ...TRK.auth, ...AGT.auth, ...MORE.auth) },
  { kind: "context_length", test: any(...CONTEXT_LENGTH, ...ECO.context, ...TRK.context, ...MORE.context) },
  {
    kind: "context_length",
    test: (e) =>
      (e.status === null || e.status === 400 || e.status === 413) &&
      TOO_MANY_TOKENS.test(e.text) &&
      !PER_INTERVAL.test(e.text) &&
      !WAIT_WORDS.test(e.text),
  },
  // The prompt over the model's bound in any words (phrasings.ts), unless the count is a budget or a deadline.
  {
    kind: "context_length",
    test: (e) =>
      PROMPT_OVER_BOUND.test(e.text) &&
      !PER_INTERVAL.test(e.text) &&
      !WAIT_WORDS.test(e.text) &&
      !PROMPT_SIZE_NOT_BUDGET.test(e.text),
  },
  { kind: "content_filter", test: any(...CONTENT_FILTER, ...MORE.contentFilter) },
  { kind: "content_filter", test: any(CONTENT_FILTER_CODES) },
  // A validator's error located in our request body, before the words of an unusable answer it may quote.
  { kind: "bad_request", test: any(IN_REQUEST_BODY) },
  {
    kind: "output_invalid",
    test: any(
      ...MODEL_OUTPUT_INVALID,
      EMPTY_ANSWER,
      ...ECO.output,
      ...TRK.output,
      ...AGT.output,
      ...MORE.output,
    ),
  },
  // A model "not supported by" the provider, its version or deployment (phrasings.ts) is not our parameter.
  {
    kind: "model_unavailable",
    test: hard(...ECO.unavailable, ...TRK.unavailable, ...AGT.unavailable, ...MORE.unavailable),
  },
  // A host that cannot hold the model says so under a 500 or 507 (phrasings.ts): the model's matter there.
  {
    kind: "model_unavailable",
    test: (e) =>
      (e.status === null || e.status === 500 || e.status === 507) &&
      !TRANSIENT_MARKERS.test(e.text) &&
      HOST_CANNOT_HOLD.test(e.text),
  },
  { kind: "bad_request", test: any(...BAD_REQUEST, ...ECO.request, ...TRK.request, ...MORE.request) },
  { kind: "bad_request", test: any(VERIFIED_FOR_FEATURE) },
  { kind: "bad_request", test: (e) => e.status === 404 && ROUTE_NOT_FOUND.test(e.text) },
  {
    kind: "bad_request",
    test: (e) => e.status === 404 && URL_NOT_FOUND.test(e.text) && !NAMES_A_MODEL.test(e.text),
  },
  { kind: "overloaded", test: any(CAPACITY_SHORTAGE) },
  { kind: "rate_limit", test: any(...RATE_LIMIT, ...MORE.rateLimit) },
  { kind: "billing", test: any(BILLING_WEAK) },
  { kind: "billing", test: any(BILLING_FAMILY) },
  { kind: "rate_limit", test: any(USAGE_LIMIT_TRY_LATER) },
  // Cloudflare 522/524: the origin did not connect or answer in time; their pages guess at an
  // overloaded origin, but the event is a timeout.
  { kind: "timeout", test: statusIn(522, 524) },
  { kind: "overloaded", test: any(...OVERLOADED, ...AGT.overloaded, ...MORE.overloaded) },
  { kind: "server_error", test: any(...AGT.server, ...MORE.server) },
  { kind: "timeout", test: any(UPSTREAM_NO_RESPONSE) },
  // (Not under a 429, a rate, nor a 408 or 504, a deadline: "Gateway timeout, please try again later";
  // nor where the words say the deadline passed: "Operation timed out. Please try again later.")
  {
    kind: "overloaded",
    test: (e) =>
      e.status !== 429 && e.status !== 408 && e.status !== 504 && TRY_LATER.test(e.text) && !saysTimedOut(e),
  },
  // A prompt too big in other words (phrasings.ts), once no rate or capacity words claimed it.
  { kind: "context_length", test: (e) => CONTEXT_TOO_LARGE.test(e.text) && !PER_INTERVAL.test(e.text) },
  { kind: "server_error", test: any(SERVER_ERROR_RETRYABLE, ...ECO.server) },
  { kind: "timeout", test: any(...TIMEOUT, ...MORE.timeout) },
  // A 4xx or 5xx answer means the provider was reached: transport words in it describe its own
  // upstream ("503 upstream connect error … Connection refused") or a client's wrapper around the
  // answer ("Connection failed: Error code: 400 - … invalid model ID"), so the words or the status
  // decide below. 408 is the request timing out on the way.
  {
    kind: "network",
    test: (e) => !(e.status !== null && e.status >= 400 && e.status !== 408) && any(...NETWORK)(e),
  },
  { kind: "network", test: (e) => e.status === null && STREAM_CUT_OFF.test(e.text) },
  // A stream the server says it terminated, whatever status the gateway wrapped it in.
  { kind: "network", test: any(...TRK.network, ...MORE.network) },
  { kind: "model_retired", test: (e) => !FUTURE_RETIREMENT.test(e.text) && isRetired(e) },
  { kind: "model_unavailable", test: hard(...UNAVAILABLE) },
  // "Model not available" with nothing said of why is evidence only as the provider's 404 for the model
  // or beside a reason in the account's terms (patterns.ts).
  {
    kind: "model_unavailable",
    test: (e) => (e.status === 404 || NOT_AVAILABLE_WHY.test(e.text)) && hard(MODEL_NOT_AVAILABLE_BARE)(e),
  },
  { kind: "model_not_found", test: hard(...NOT_FOUND) },
  { kind: "model_not_found", test: (e) => isAnthropicNotFound(e) && ANTHROPIC_MODEL_FIELD.test(e.text) },
  // The same hard kinds in other words (families.ts, then the batches' wordings.ts), same veto.
  { kind: "model_retired", test: (e) => !FUTURE_RETIREMENT.test(e.text) && isRetiredInOtherWords(e) },
  { kind: "model_unavailable", test: hard(UNAVAILABLE_FAMILY) },
  { kind: "model_not_found", test: hard(NOT_FOUND_FAMILY) },
  // A model "not supported" that ends the text, only as the provider's answer (families.ts).
  { kind: "model_not_found", test: (e) => e.status !== null && hard(MODEL_NOT_SUPPORTED_AT_END)(e) },
  { kind: "model_retired", test: (e) => !FUTURE_RETIREMENT.test(e.text) && isRetiredInBatchWords(e) },
  { kind: "model_not_found", test: hard(...MORE.notFound) },
  // AWS exception names without telling words (botocore prints "An error occurred (X)"). They
  // name what happened, so they outrank a client's wrapper class around them (litellm
  // "APIConnectionError … ':exception-type': 'serviceUnavailableException'").
  { kind: "rate_limit", test: any(AWS_THROTTLED) },
  { kind: "auth", test: any(AWS_ACCESS_DENIED) },
  { kind: "server_error", test: any(AWS_SERVER) },
  { kind: "bad_request", test: any(AWS_VALIDATION) },
  { kind: "network", test: any(NETWORK_WRAPPERS) },
  // Credentials and unusable answers in other words, before a status can file them elsewhere (the
  // batches' answer families unless a 5xx says the provider failed first).
  { kind: "auth", test: any(AUTH_FAMILY) },
  // (Not under a 401 or 403: a client that could not parse a refusal was refused, not answered.)
  { kind: "output_invalid", test: (e) => !(e.status === 401 || e.status === 403) && any(OUTPUT_FAMILY)(e) },
  { kind: "output_invalid", test: (e) => !(e.status !== null && e.status >= 500) && isUnusableAnswer(e) },
  // Status codes alone. 403 is auth here only because every "this model is not for you" 403
  // was already matched above as model_unavailable.
  // 451 Unavailable For Legal Reasons: the provider does not serve the caller's location.
  { kind: "auth", test: statusIn(401, 403, 451) },
  { kind: "billing", test: statusIn(402) },
  { kind: "rate_limit", test: statusIn(429) },
  // 529 is Anthropic's overloaded; 498 is Groq's flex-tier capacity.
  { kind: "overloaded", test: statusIn(529, 498) },
  { kind: "timeout", test: statusIn(408, 504) },
  // 407 Proxy Authentication Required: a proxy on our side of the network wants credentials, not the provider.
  { kind: "network", test: statusIn(407) },
  { kind: "context_length", test: statusIn(413) },
  { kind: "server_error", test: (e) => e.status !== null && e.status >= 500 },
  { kind: "server_error", test: (e) => e.status === null && SERVER_ERROR_WORDS.test(e.text) },
  // A 400/422 means "your request is malformed" and says nothing about the model: ours, never hard.
  // 405 Method Not Allowed: our URL or verb is wrong, not the model.
  // 410 Gone with no words: the endpoint we call was withdrawn (xAI answers a retired API path so);
  // like a bare 404 it does not say the model is gone, and a retired model says so in words above.
  { kind: "bad_request", test: statusIn(400, 405, 410, 422) },
  // Credentials in the batches' broad words, only where no status decided (wording-set.ts).
  { kind: "auth", test: any(...MORE.authLate) },
  // Words that name our malformed request or the provider's failure, when no status decided.
  { kind: "bad_request", test: any(REQUEST_FAMILY) },
  {
    kind: "bad_request",
    test: any(REQUEST_VALIDATOR, FIELD_PATH_INVALID, PARAM_INCORRECT, ...ECO.validator),
  },
  { kind: "bad_request", test: any(REQUEST_FAMILY_MORE, ...MORE.requestLate) },
  {
    kind: "server_error",
    test: (e) => !(e.status !== null && e.status < 500) && any(SERVER_FAMILY, ...MORE.serverLate)(e),
  },
  { kind: "server_error", test: (e) => e.status === null && HTML_PAGE.test(e.text) },
  { kind: "server_error", test: (e) => !(e.status !== null && e.status < 500) && MAINTENANCE.test(e.text) },
  // A bare 404 ("Error code: 404", NotFoundError with no body) has no rule on purpose: a wrong base
  // URL as often as an unknown model. It stays unknown for the LLM pass, grouped by fingerprint.
];

function evidenceOf(input: ErrorInput): Evidence {
  const message = typeof input.message === "string" ? input.message : "";
  const exc = typeof input.exceptionType === "string" ? input.exceptionType.slice(0, 200) : "";
  // The exception type is prefixed like a Python traceback line ("ThrottlingException: …"), so a
  // rule that looks for an exception name finds it whether the caller passed it separately or
  // it was already part of the message (botocore and the SDKs print it there).
  const raw = (exc ? `${exc}: ${message}` : message).slice(0, MAX_CLASSIFIED_LENGTH);
  // The model id is masked so that words inside a model name can never trigger a rule.
  const text = maskModel(unwrap(raw), typeof input.model === "string" ? input.model : null);
  const httpStatus = typeof input.httpStatus === "number" ? input.httpStatus : null;
  return { text, status: extractStatus(httpStatus, text) };
}

/** The kind the rules alone give (what the wording tests check): the first rule that matches, else unknown. */
export function ruleKind(input: ErrorInput): ErrorKind {
  const evidence = evidenceOf(input);
  return RULES.find((rule) => rule.test(evidence))?.kind ?? "unknown";
}

let lexicon: Lexicon | undefined;

/** What decided a kind: a rule's words or status, the lexicon's vocabulary, or nothing (unknown). */
export type Basis = "rules" | "lexicon" | "none";

function classifyWithBasis(input: ErrorInput): Classification & { basis: Basis } {
  let kind: ErrorKind = "unknown";
  let basis: Basis = "none";
  try {
    kind = ruleKind(input);
    if (kind !== "unknown") basis = "rules";
    else {
      kind = lexicalKind((lexicon ??= compileLexicon(LEXICON_COUNTS)), input);
      if (kind !== "unknown") basis = "lexicon";
    }
  } catch {
    // Unreachable with string input; kept so a caller passing garbage at runtime gets "unknown"
    // rather than an exception on the error-recording path.
    kind = "unknown";
    basis = "none";
  }
  return { kind, class: classOf(kind), basis };
}

/**
 * Classifies one provider error into a kind of DESIGN section 4. Pure and total: it never throws
 * and returns "unknown" when neither a rule nor the lexicon has enough evidence. Precedence is the
 * order of RULES above, then the lexicon.
 */
export function classifyError(input: ErrorInput): Classification {
  const { kind } = classifyWithBasis(input);
  return { kind, class: classOf(kind) };
}

/** Classify, normalize and fingerprint in one call (what every error writer stores). */
export function describeError(input: ErrorInput): ClassifiedError {
  const c = classifyWithBasis(input);
  const message = typeof input.message === "string" ? input.message : "";
  const model = input.model ?? null;
  return {
    ...c,
    normalized_message: normalizeMessage(message, { model }),
    fingerprint: errorFingerprint({ provider: input.provider, kind: c.kind, message, model }),
  };
}
