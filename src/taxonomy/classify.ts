import { classOf, type ErrorClass, type ErrorKind } from "./kinds.js";
import { errorFingerprint, maskModel, normalizeMessage } from "./normalize.js";

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
  normalized_message: string;
  fingerprint: string;
}

/**
 * Provider error bodies can be whole HTML pages or megabytes of a streamed reply; every signal we
 * look for sits near the start, and a cap keeps the rule table's cost bounded on hostile input.
 */
const MAX_CLASSIFIED_LENGTH = 16_000;

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
  // Google JSON error body: {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED"}}.
  /"code"\s*:\s*(\d{3})\b/,
];

/** Google canonical status names (JSON bodies, google-genai) and the HTTP status each implies. */
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
  /\b(invalid_argument|failed_precondition|unauthenticated|permission_denied|not_found|resource_exhausted|unavailable|deadline_exceeded)\b/;

/** openai/anthropic SDK exception class names and the HTTP status each one stands for. */
const SDK_ERROR_STATUS: Readonly<Record<string, number>> = {
  badrequesterror: 400,
  authenticationerror: 401,
  permissiondeniederror: 403,
  notfounderror: 404,
  conflicterror: 409,
  unprocessableentityerror: 422,
  ratelimiterror: 429,
  internalservererror: 500,
};
const SDK_ERROR_RE =
  /\b(badrequesterror|authenticationerror|permissiondeniederror|notfounderror|conflicterror|unprocessableentityerror|ratelimiterror|internalservererror)\b/;

function isErrorStatus(n: number): boolean {
  return Number.isInteger(n) && n >= 400 && n <= 599;
}

/**
 * The HTTP status: the caller's when it is an error status (a 200 is what some gateways record
 * for an error streamed inside a successful response), else the first status printed in the
 * text, else the one implied by a Google status name or an SDK exception class.
 */
export function extractStatus(httpStatus: number | null | undefined, message: string): number | null {
  if (typeof httpStatus === "number" && isErrorStatus(httpStatus)) return httpStatus;
  const text = message.toLowerCase();
  for (const re of STATUS_PATTERNS) {
    const m = re.exec(text);
    const n = m?.[1] === undefined ? NaN : Number(m[1]);
    if (isErrorStatus(n)) return n;
  }
  const google = GOOGLE_STATUS_RE.exec(text)?.[1];
  if (google !== undefined) return GOOGLE_STATUS[google] ?? null;
  const sdk = SDK_ERROR_RE.exec(text)?.[1];
  if (sdk !== undefined) return SDK_ERROR_STATUS[sdk] ?? null;
  return null;
}

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
 * Words saying the failure will pass. A hard verdict can get a healthy model disabled, so any
 * sign of a transient condition (or a 5xx/429 status, which are about the provider's state, not
 * about the model id) vetoes it: "model not found, please try again later" is not evidence that
 * the model is gone.
 */
const TRANSIENT_MARKERS =
  /\btemporar(?:y|ily)\b|\btry again (?:later|soon|shortly)\b|\bplease try again\b|\bat the moment\b|\bright now\b|\bcurrently (?:unavailable|overloaded|loading|busy|not available)\b|\bwarming up\b|\bis loading\b/;

const hard =
  (...res: RegExp[]): Test =>
  (e) =>
    !(e.status !== null && (e.status >= 500 || e.status === 429)) &&
    !TRANSIENT_MARKERS.test(e.text) &&
    res.some((re) => re.test(e.text));

// ---- Patterns, grouped by the kind they are evidence for ----------------------------------------

/** Our own validator's texts (the benchmark runner writes these, no provider does). */
const OUR_VALIDATOR =
  /\bempty visible (?:text|output|answer)\b|\btoken budget (?:was )?exhausted\b|\btoken count outside the band\b/;

/** Unambiguous money problems, whatever status they come with. */
const BILLING_STRONG: readonly RegExp[] = [
  // OpenAI: code insufficient_quota (sent as HTTP 429), billing_hard_limit_reached, billing_not_active.
  /\binsufficient_quota\b|\bbilling_hard_limit_reached\b|\bbilling hard limit\b|\bbilling_not_active\b/,
  // Anthropic "Your credit balance is too low…"; OpenRouter 402 "Insufficient credits", "requires more credits".
  /\bcredit balance\b|\binsufficient (?:credits?|balance|funds)\b|\b(?:requires|need|purchase|buy|add) more credits\b|\bout of credits\b|\bcredit limit\b|\bcredits? (?:exhausted|depleted)\b/,
  // 402 reason phrase (DeepInfra, Cerebras, OpenRouter); Bedrock Marketplace INVALID_PAYMENT_INSTRUMENT.
  /\bpayment[ _]required\b|\bpayment instrument\b/,
  // DeepInfra and others: "not enough balance", "your balance is too low", "negative balance".
  /\b(?:not enough|insufficient|negative|low) (?:account )?balance\b|\bbalance (?:is )?(?:too low|insufficient|negative|exhausted)\b/,
  // Fireworks 412 "suspended … monthly spending limit or failure to pay past invoices".
  /\bspend(?:ing)? limit\b|\b(?:past|overdue|unpaid) invoices?\b/,
  // Vertex "This API method requires billing to be enabled" (BILLING_DISABLED).
  /\bbilling to be enabled\b|\bbilling_disabled\b|\bbilling (?:is )?(?:disabled|not enabled)\b/,
];

/** Credential and account problems in words; they pause the provider, never demote a model. */
const AUTH_TEXT: readonly RegExp[] = [
  // OpenAI "Incorrect API key provided", Groq/Together "Invalid API Key", Cerebras "Wrong API Key",
  // Gemini "API key not valid", Anthropic "invalid x-api-key", OpenAI "You didn't provide an API key".
  /\b(?:invalid|incorrect|wrong|missing|expired|revoked|disabled) (?:x-)?api[ _-]?key\b|\binvalid_api_key\b|\bwrong_api_key\b|\bapi[ _-]?key\b(?:[^.\n]|\.(?=\S)){0,40}\b(?:not valid|is invalid|invalid|expired|revoked)\b|\bdidn't provide an api key\b/,
  // Anthropic authentication_error; Vertex "Request had invalid authentication credentials";
  // OpenRouter 401 "No auth credentials found"; the bare 401 reason phrase.
  /\bauthentication_error\b|\binvalid authentication\b|\bauthentication (?:failed|required)\b|\bno auth credentials\b|\bunauthori[sz]ed\b|\bunauthenticated\b/,
  // AWS STS/SigV4: expired or unknown keys.
  /\bsecurity token included in the request is (?:invalid|expired)\b|\bexpiredtoken(?:exception)?\b|\bunrecognizedclientexception\b|\binvalidsignatureexception\b|\bsignature we calculated does not match\b|\btoken (?:has )?expired\b/,
  // Missing local credentials: botocore ProfileNotFound / NoCredentialsError, AWS JS SDK
  // CredentialsProviderError, google-auth DefaultCredentialsError / RefreshError.
  /\bprofilenotfound\b|\bconfig profile \([^)]{0,200}\) could not be found\b|\bnocredentialserror\b|\bunable to locate credentials\b|\bcould not load credentials\b|\bcredentialsprovidererror\b|\bdefault credentials were not found\b|\breauthentication is needed\b|\binvalid_grant\b/,
  // IAM: Bedrock "User: arn:… is not authorized to perform: bedrock:InvokeModel", "Model access is
  // denied due to IAM user or service role is not authorized to perform the required AWS
  // Marketplace actions"; Vertex "Permission 'aiplatform.endpoints.predict' denied"; Anthropic
  // permission_error. These name a model but are fixed once per account, so they are auth.
  /\bnot authorized to perform\b|\bpermission '[^']{1,200}' denied\b|\biam_permission_denied\b|\bpermission_error\b|\bdoes not have permission to use the specified resource\b/,
  // Whole account switched off: Anthropic "This organization has been disabled", Groq
  // organization_restricted, Vertex "… API has not been used in project … or it is disabled".
  /\b(?:organization|account) (?:has been )?(?:disabled|deactivated|restricted)\b|\borganization_restricted\b|\bapi has not been used in project\b|\bservice_disabled\b/,
];

/** The prompt does not fit the model (our profile's problem). */
const CONTEXT_LENGTH: readonly RegExp[] = [
  // OpenAI/Groq/Cerebras "This model's maximum context length is … tokens", code context_length_exceeded.
  /\bcontext_length_exceeded\b|\bmaximum context length\b|\bcontext length exceeded\b/,
  // Anthropic "prompt is too long: 210000 tokens > 200000 maximum"; Bedrock "Input is too long for requested model".
  /\bprompt is too long\b|\binput is too long\b|\bprompt too long\b/,
  /\bexceeds? (?:the )?(?:model's )?(?:maximum )?context (?:window|length|size)\b|\breduce the length of the (?:messages|prompt|input)\b/,
  // Vertex "The input token count (…) exceeds the maximum number of tokens allowed (…)".
  /\binput token count\b(?:[^.\n]|\.(?=\S)){0,60}\bexceeds\b|\bexceeds the maximum number of tokens allowed\b/,
  // Mistral "too large for model with 32768 maximum context length"; TGI (Together, DeepInfra)
  // "`inputs` tokens + `max_new_tokens` must be <= 8193".
  /\btoo large for model with \d+ maximum context length\b|\binputs`? tokens \+ `?max_new_tokens`? must be\b/,
  // OpenAI and Groq 413 "Request too large for … on tokens per minute (TPM): Limit 6000, Requested
  // 9000": one request larger than the per-minute budget never succeeds by retrying, so it is
  // our prompt's size, not a rate limit (checked before the rate-limit rules for that reason).
  /\brequest too large for\b/,
];

/** Refused by a safety system. */
const CONTENT_FILTER: readonly RegExp[] = [
  // Azure/OpenAI content_filter, "content management policy"; Anthropic "Output blocked by content filtering policy".
  /\bcontent_filter\b|\bcontent_policy_violation\b|\bcontent management policy\b|\bcontent filtering policy\b/,
  // OpenAI invalid_prompt "flagged as potentially violating our usage policy"; OpenRouter 403 "your input was flagged".
  /\binvalid_prompt\b|\bflagged\b|\bviolat\w* (?:our|the) usage polic/,
  // Gemini/Vertex finishReason/blockReason SAFETY or PROHIBITED_CONTENT; Bedrock guardrails.
  /\bblocked (?:due to|by) (?:the )?safety\b|\bfinish_?reason\W{0,4}safety\b|\bblock_?reason\W{0,4}(?:safety|prohibited_content)\b|\bprohibited_content\b|\bblocked by (?:the )?guardrail\b|\bguardrail intervened\b/,
];

/** Our request is wrong for this model or endpoint. */
const BAD_REQUEST: readonly RegExp[] = [
  // OpenAI wrong API surface (these come as HTTP 404): "This model is only supported in
  // v1/responses and not in v1/chat/completions", "This is not a chat model and thus not supported
  // in the v1/chat/completions endpoint. Did you mean to use v1/completions?".
  /\b(?:only|not) supported in (?:the )?v1\/|\bnot a chat model\b|\bis a chat model and not supported\b|\bdid you mean to use v1\//,
  // OpenAI "Unsupported parameter: 'max_tokens'…", "Unsupported value: 'temperature'…"; Azure
  // "Unrecognized request argument supplied"; pydantic-based servers "Extra inputs are not
  // permitted"; Bedrock "Malformed input request: extraneous key [top_k] is not permitted"; Groq
  // "property 'x' is unsupported".
  /\bunsupported[ _](?:parameter|value)\b|\bunrecognized request argument\b|\bunknown (?:parameter|field|argument)\b|\bextra inputs are not permitted\b|\bextraneous key\b|\bmalformed input request\b|\bproperty '[^']{1,80}' is unsupported\b/,
  // A named feature the model lacks (Bedrock "This model doesn't support tool use in streaming mode").
  /\b(?:does not|doesn't|do not|don't) support (?:the )?['"`]?(?:parameters?|tools?|tool use|tool_choice|tool calling|functions?|function calling|system(?: messages?| prompts?| role)?|images?|image input|vision|stream(?:ing)?|json(?: mode)?|response_format|structured outputs?|logprobs|temperature|top_[pk]|reasoning(?:_effort)?|thinking|parallel tool calls|max_tokens|stop(?: sequences)?|chat(?: completions?)?|multimodal|audio)\b/,
  // "… is not supported with this model"; Anthropic "temperature and top_p cannot both be
  // specified", "`temperature` may only be set to 1 when thinking is enabled".
  /\b(?:is|are) not supported (?:with|by|for|on) this model\b|\bcannot both be specified\b|\bmay only be set to\b/,
  // max_tokens above the model's output limit (Anthropic, Bedrock, Groq): the profile is wrong.
  /\bmaximum allowed number of output tokens\b|\bmaximum tokens you requested exceeds\b|\bmax_(?:completion_|new_|output_)?tokens`?\s*:?(?:[^.\n]|\.(?=\S)){0,60}\b(?:must be|too large|exceeds?|greater than|less than or equal|above the maximum)\b/,
  // OpenAI "Invalid 'max_output_tokens': integer below minimum value"; "Invalid type for 'messages[0]'";
  // vLLM/HF "… you must provide a chat template".
  /\binvalid '[^']{1,80}'|\binvalid (?:type|value) for\b|\bchat template\b/,
  // OpenAI "Your organization must be verified to stream this model" (code unsupported_value,
  // param stream): the call path we chose is not allowed; calling without streaming works.
  /\borganization must be verified\b/,
  // OpenRouter "No endpoints found that support tool use" / "… that can handle the requested
  // parameters": a capability of our request, unlike "No endpoints found for <model>".
  /\bno endpoints found that (?:support|can handle)\b/,
];

/**
 * A 404 whose body is a web server's, not an API's: Go net/http "404 page not found", an nginx
 * or Cloudflare HTML page, Express "Cannot POST /v1/…", OpenAI "Invalid URL (POST /v1/…)",
 * FastAPI {"detail":"Not Found"}. The route does not exist, so our base URL or path is wrong.
 */
const ROUTE_NOT_FOUND =
  /\b404 page not found\b|<html|<!doctype|\bcannot (?:post|get) \/|\binvalid url \(|\bno route\b|\broute not found\b|"detail"\s*:\s*"not found"/;

/** Provider-side limits on how fast we call. */
const RATE_LIMIT: readonly RegExp[] = [
  // "rate_limit_exceeded" (OpenAI/Groq code), "rate_limit_error" (Anthropic type), "Rate limit
  // reached for …", Bedrock ThrottlingException "Too many requests"/"Too many tokens", "Rate exceeded".
  /\brate[ _]limit(?:ed|s)?\b|\brate_limit_(?:exceeded|error)\b|\brate exceeded\b|\btoo many (?:requests|tokens)\b|\bthrottl/,
  // Per-interval budgets: "tokens per minute (TPM)", Cerebras "Requests per minute limit exceeded",
  // Vertex "…_requests_per_minute_per_project_per_base_model".
  /\b(?:requests|tokens|queries) per (?:minute|min|second|day|hour)\b|\b(?:tpm|rpm|rpd|tpd)\b|per_minute|per_day/,
  // Vertex/Gemini ResourceExhausted "Resource has been exhausted (e.g. check quota)", "Quota exceeded
  // for …"; Bedrock ServiceQuotaExceededException "Your request exceeds the service quota … You can
  // resubmit your request later" (transient: it is a per-minute/per-day token quota).
  /\bquota exceeded\b|\bresource (?:has been )?exhausted\b|\bresource_exhausted\b|\bservicequotaexceeded(?:exception)?\b|\bexceeds the service quota\b/,
];

/**
 * OpenAI's insufficient_quota text without the code. Gemini uses the same words for per-minute
 * free-tier limits, but those also say RESOURCE_EXHAUSTED or a per-minute metric and are caught
 * by the rate-limit rules first.
 */
const BILLING_WEAK = /\bexceeded your current quota\b|\bcheck your plan and billing details\b/;

/** The provider is short of capacity (not our rate). */
const OVERLOADED: readonly RegExp[] = [
  // Anthropic 529 overloaded_error; OpenAI "That model is currently overloaded"; Mistral "Service
  // tier capacity exceeded"; Groq 498 flex capacity.
  /\boverloaded(?:_error)?\b|\bover capacity\b|\bcapacity (?:exceeded|constraints?)\b|\b(?:at|out of|insufficient|no) capacity\b|\bcapacity_exceeded\b/,
  // Cerebras queue_exceeded "We're experiencing high traffic right now!"; Bedrock
  // ModelNotReadyException; TGI (Together) "overloaded or not ready yet"; cold starts.
  /\bhigh (?:demand|traffic|load)\b|\bqueue_exceeded\b|\bserver is busy\b|\bmodel (?:is )?busy\b|\bmodelnotready(?:exception)?\b|\bnot ready to serve\b|\bnot ready yet\b|\bcurrently loading\b|\bwarming up\b/,
];

/**
 * "Try again later" means overloaded (Bedrock ServiceUnavailableException), except on a 429,
 * where it is the provider's way of saying rate-limited (Vertex "429 … Please try again later").
 */
const TRY_LATER = /\btry again later\b|\bretry later\b|\btemporarily unavailable\b/;

/** Our deadline (AbortSignal) or the provider's, at any layer. */
const TIMEOUT: readonly RegExp[] = [
  // No leading \b on purpose: matches ReadTimeout, APITimeoutError, ModelTimeoutException,
  // UND_ERR_CONNECT_TIMEOUT, TimeoutError (exception type), "Request timed out".
  // "timedout" covers node ETIMEDOUT and request's ESOCKETTIMEDOUT.
  /timeout|timed ?out|time-out|deadline[ _]?exceeded/,
  // Our deadline aborts the request: DOMException AbortError "This operation was aborted".
  /\baborterror\b|\boperation was aborted\b|\brequest was aborted\b/,
];

/** The connection itself failed (DNS, TCP, TLS), before or while talking to the provider. */
const NETWORK: readonly RegExp[] = [
  /\be(?:connreset|connrefused|connaborted|notfound|hostunreach|netunreach|pipe|ai_again)\b|\bund_err_(?:socket|closed|connect)\w*/,
  /\bgetaddrinfo\b|\bname or service not known\b|\bnodename nor servname\b|\btemporary failure in name resolution\b|\bdns\b/,
  // undici "fetch failed", node "socket hang up", openai/anthropic APIConnectionError "Connection
  // error.", httpx RemoteProtocolError "incomplete chunked read", botocore EndpointConnectionError.
  /\bsocket hang up\b|\bfetch failed\b|\bconnection (?:error|reset|refused|aborted|closed|lost|failed)\b|\bapiconnectionerror\b|\bconnecterror\b|\bremotedisconnected\b|\bremote end closed connection\b|\bremoteprotocolerror\b|\bincomplete chunked read\b|\bother side closed\b|\bpremature close\b|\bendpointconnectionerror\b|\bcould not connect to the endpoint\b|\bserver disconnected\b|\bnetwork (?:error|is unreachable)\b/,
  /\bssl\b|\btls\b|\bsslerror\b|\bcertificate\b|\bcert_\w+|\berr_tls\w*|\bself[- ]signed\b|\bhandshake\b/,
];

/** The provider says the model was retired. Positive evidence only; vetoed by transient context. */
const RETIRED: readonly RegExp[] = [
  // Groq "The model `x` has been decommissioned and is no longer supported" (model_decommissioned).
  /\bdecommissioned\b|\bmodel_decommissioned\b|\bmodel_(?:retired|deprecated)\b/,
  // Bedrock "This model version has reached the end of its life".
  /\bend of (?:its )?life\b|\bend-of-life\b/,
  // OpenAI "The model `text-davinci-003` has been deprecated" (past tense: a retirement, not a notice).
  /\bmodels?\b(?:[^.\n]|\.(?=\S)){0,120}?\b(?:has been|have been|was|is|is now) (?:deprecated|retired|discontinued|sunset|shut down|removed)\b/,
  // Together/DeepInfra "Model x is deprecated and no longer available".
  /\bmodels?\b(?:[^.\n]|\.(?=\S)){0,120}?\bno longer (?:supported|available|served|offered)\b/,
];

/** A deprecation notice about the future is not a retirement: the call failed for another reason. */
const FUTURE_RETIREMENT =
  /\bwill be (?:deprecated|retired|removed|discontinued|shut down|decommissioned)\b|\bscheduled (?:for|to be) (?:deprecation|retirement|removal)\b/;

/** The model exists but not for this account or call path. Positive evidence only. */
const UNAVAILABLE: readonly RegExp[] = [
  // Fireworks 404 "Model not found, inaccessible, and/or not deployed": the one hard kind its
  // three alternatives share is "not usable by us"; it does not say the id is unknown.
  /\bnot deployed\b/,
  // Bedrock "Invocation of model ID … with on-demand throughput isn't supported. Retry your
  // request with the ID or ARN of an inference profile that contains this model."
  /\bon-demand throughput\b|\bid or arn of an inference profile\b/,
  // Bedrock 403 "You don't have access to the model with the specified model ID"; OpenAI 403
  // "Project `proj_…` does not have access to model `o1`" (code model_not_found, yet the model exists).
  /\b(?:don't|do not|does not|doesn't) have access to (?:the |this )?models?\b/,
  // Groq "The model `x` requires terms acceptance" (model_terms_required).
  /\bmodel_terms_required\b|\brequires terms acceptance\b|\baccept the (?:model )?terms\b/,
  // Together "Unable to access non-serverless model … create and start a new dedicated endpoint";
  // Together code model_not_available "Unable to access model …".
  /\bnon-serverless model\b|\bdedicated endpoint\b|\bmodel_not_available\b|\bunable to access model\b/,
  // OpenRouter "No endpoints found for <model>", "No allowed providers are available for the
  // selected model" (our routing preferences exclude every provider serving it).
  /\bno endpoints found\b|\bno allowed providers are available\b/,
  // Bedrock (Anthropic models) "Model use case details have not been submitted for this account".
  /\buse case details have not been submitted\b/,
  // DeepInfra 404 {"detail":{"error":"Model is not available"}}.
  /\bmodels? (?:is )?not available\b/,
  // OpenAI fine-tuned model shared without permission.
  /\bnot allowed to sample from this model\b/,
];

/**
 * The provider does not know this model id. Positive evidence only. (Here and elsewhere, a
 * "same sentence" window is `(?:[^.\n]|\.(?=\S))`: a period ends a sentence only when followed
 * by whitespace, so ids like "gemini-1.5-pro" or "llama3.1-70b" do not cut the window.)
 */
const NOT_FOUND: readonly RegExp[] = [
  // OpenAI/Groq/Cerebras code model_not_found; Mistral type invalid_model.
  /\bmodel_not_found\b|\binvalid_model\b/,
  // "The model `x` does not exist", Vertex "Publisher Model `…` was not found or your project does
  // not have access to it", Gemini "models/x is not found for API version v1beta", DeepSeek "Model Not Exist".
  /\bmodels?\b(?:[^.\n]|\.(?=\S)){0,160}?\b(?:does not exist|doesn't exist|(?<!\b(?:may|might|could) )not exist|not found|could not be found|cannot be found)\b/,
  // Bedrock "The provided model identifier is invalid", "Could not resolve the foundation model
  // from the provided model identifier"; OpenRouter "x is not a valid model ID"; Mistral
  // "Invalid model: x"; Ollama-style "unknown model".
  /\bprovided model identifier is invalid\b|\bcould not resolve the foundation model\b|\bis not a valid model\b|\binvalid model(?: id| name| identifier)?\s*[:'"`<]|\bunknown model\b|\bno such model\b/,
];

/** Anthropic not_found_error names the model as "model: claude-x"; without it, a 404 is a route. */
const ANTHROPIC_NOT_FOUND = /\bnot_found_error\b/;
const ANTHROPIC_MODEL_FIELD = /\bmodel:\s/;

const isRetired = hard(...RETIRED);
const isAnthropicNotFound = hard(ANTHROPIC_NOT_FOUND);

const AWS_THROTTLED = /\bthrottlingexception\b|\btoomanyrequestsexception\b/;
const AWS_ACCESS_DENIED = /\baccessdeniedexception\b/;
const AWS_SERVER =
  /\b(?:internalserverexception|modelerrorexception|modelstreamerrorexception|serviceunavailableexception)\b/;
const AWS_VALIDATION = /\bvalidationexception\b/;

/**
 * Server-error words for errors that arrive without a status: an error event inside a streamed
 * 200 (OpenAI Responses "type": "server_error", Anthropic "api_error"), or a gateway reason phrase.
 */
const SERVER_ERROR_WORDS =
  /\bserver_error\b|\binternal_server_error\b|\bapi_error\b|\binternal server error\b|\bbad gateway\b|\bservice unavailable\b/;

/**
 * The rule table. First match wins, so the order IS the precedence:
 *
 *  1. Our own validator texts: nothing else can produce them.
 *  2. Money, then credentials, in words: provider-wide kinds beat everything because they arrive
 *     disguised (OpenAI insufficient_quota as a 429, Anthropic low credit as a 400, Bedrock
 *     "Model access is denied due to INVALID_PAYMENT_INSTRUMENT", Vertex "Permission … denied on
 *     resource …/models/x (or it may not exist)"), and pausing a provider never demotes a model.
 *  3. "Ours" kinds with specific wording (context length, safety, wrong surface or parameter):
 *     OpenAI answers a wrong surface with a 404, so these must come before any 404 reasoning.
 *  4. Transient kinds in words (rate limit, overloaded, timeout, network): a failure that says it
 *     will pass is not evidence about the model.
 *  5. Hard kinds, each needing positive evidence in words and vetoed by transient context;
 *     retired before unavailable before not-found (most specific first: Fireworks "not found …
 *     and/or not deployed" is unavailable; OpenAI "does not have access to model" is unavailable
 *     even with code model_not_found).
 *  6. Status codes and exception names, when the words said nothing.
 *  7. Otherwise unknown (left to the batched LLM pass).
 */
const RULES: readonly Rule[] = [
  { kind: "output_invalid", test: any(OUR_VALIDATOR) },
  { kind: "billing", test: any(...BILLING_STRONG) },
  { kind: "auth", test: any(...AUTH_TEXT) },
  { kind: "context_length", test: any(...CONTEXT_LENGTH) },
  { kind: "content_filter", test: any(...CONTENT_FILTER) },
  { kind: "bad_request", test: any(...BAD_REQUEST) },
  { kind: "bad_request", test: (e) => e.status === 404 && ROUTE_NOT_FOUND.test(e.text) },
  { kind: "rate_limit", test: any(...RATE_LIMIT) },
  { kind: "billing", test: any(BILLING_WEAK) },
  { kind: "overloaded", test: any(...OVERLOADED) },
  { kind: "overloaded", test: (e) => e.status !== 429 && TRY_LATER.test(e.text) },
  { kind: "timeout", test: any(...TIMEOUT) },
  { kind: "network", test: any(...NETWORK) },
  { kind: "model_retired", test: (e) => !FUTURE_RETIREMENT.test(e.text) && isRetired(e) },
  { kind: "model_unavailable", test: hard(...UNAVAILABLE) },
  { kind: "model_not_found", test: hard(...NOT_FOUND) },
  { kind: "model_not_found", test: (e) => isAnthropicNotFound(e) && ANTHROPIC_MODEL_FIELD.test(e.text) },
  // AWS exception names without telling words (botocore prints "An error occurred (X)").
  { kind: "rate_limit", test: any(AWS_THROTTLED) },
  { kind: "auth", test: any(AWS_ACCESS_DENIED) },
  { kind: "server_error", test: any(AWS_SERVER) },
  { kind: "bad_request", test: any(AWS_VALIDATION) },
  // Status codes alone. 403 is auth here only because every "this model is not for you" 403
  // was already matched above as model_unavailable.
  { kind: "auth", test: statusIn(401, 403) },
  { kind: "billing", test: statusIn(402) },
  { kind: "rate_limit", test: statusIn(429) },
  // 529 is Anthropic's overloaded; 498 is Groq's flex-tier capacity.
  { kind: "overloaded", test: statusIn(529, 498) },
  // 524 is Cloudflare's origin timeout.
  { kind: "timeout", test: statusIn(408, 504, 524) },
  { kind: "context_length", test: statusIn(413) },
  { kind: "server_error", test: (e) => e.status !== null && e.status >= 500 },
  { kind: "server_error", test: (e) => e.status === null && SERVER_ERROR_WORDS.test(e.text) },
  // A 400/422 means "your request is malformed" and says nothing about the model: ours, never hard.
  { kind: "bad_request", test: statusIn(400, 422) },
  // A bare 404 ("Error code: 404", NotFoundError with no body) has no rule on purpose: the URL
  // did not resolve, which is a wrong base URL as often as an unknown model, and a hard verdict
  // needs the provider to say which. It stays unknown, grouped by fingerprint for the LLM pass
  // (a provider-wide wrong URL shows up as one fingerprint across every model).
];

function evidenceOf(input: ErrorInput): Evidence {
  const message = typeof input.message === "string" ? input.message : "";
  const exc = typeof input.exceptionType === "string" ? input.exceptionType.slice(0, 200) : "";
  // The exception type is prefixed like a Python traceback line ("ThrottlingException: …"), so a
  // rule that looks for an exception name finds it whether the caller passed it separately or
  // it was already part of the message (botocore and the SDKs print it there).
  const raw = (exc ? `${exc}: ${message}` : message).slice(0, MAX_CLASSIFIED_LENGTH).toLowerCase();
  // The model id is masked so that words inside a model name can never trigger a rule.
  const text = maskModel(raw, typeof input.model === "string" ? input.model : null);
  const httpStatus = typeof input.httpStatus === "number" ? input.httpStatus : null;
  return { text, status: extractStatus(httpStatus, text) };
}

/**
 * Classifies one provider error into a kind of DESIGN section 4. Pure and total: it never throws
 * and returns "unknown" when no rule has enough evidence. Precedence is the order of RULES above.
 */
export function classifyError(input: ErrorInput): Classification {
  let kind: ErrorKind = "unknown";
  try {
    const evidence = evidenceOf(input);
    kind = RULES.find((rule) => rule.test(evidence))?.kind ?? "unknown";
  } catch {
    // Unreachable with string input; kept so a caller passing garbage at runtime gets "unknown"
    // rather than an exception on the error-recording path.
    kind = "unknown";
  }
  return { kind, class: classOf(kind) };
}

/** Classify, normalize and fingerprint in one call (what every error writer stores). */
export function describeError(input: ErrorInput): ClassifiedError {
  const c = classifyError(input);
  const message = typeof input.message === "string" ? input.message : "";
  const model = input.model ?? null;
  return {
    ...c,
    normalized_message: normalizeMessage(message, { model }),
    fingerprint: errorFingerprint({ provider: input.provider, kind: c.kind, message, model }),
  };
}
