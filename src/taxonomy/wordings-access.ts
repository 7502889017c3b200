import type { WordingSet } from "./wording-set.js";

/**
 * Broad families by meaning for the access kinds, written from every batch's train messages of those
 * kinds (not from one batch): each regex with a comment naming the meaning and two or more train
 * messages from different sources it covers. Slots and precedence: wording-set.ts. The texts they
 * test are lowercased (unwrap.ts). A data table.
 */

/** A credential's name: an API, access or secret key, a credential, a token qualified as one. */
const CREDENTIAL =
  "(?:(?:x-)?api[ _-]?keys?|access[ _-]?keys?(?: id)?|secret(?:[ _-]?access)?[ _-]?keys?|client[ _-]?secrets?|credentials?|passwords?|(?:access|bearer|auth(?:entication|orization)?|id|identity|refresh|oauth2?|session|security|app check|jwt|personal access|user|client|api|sso|login) tokens?|service[ _-]account(?: keys?)?|(?:subscription|master|virtual|admin|private|gateway|proxy|provider|team|user|project|account) keys?|(?:authori[sz]ation|auth|x-api-key|api-key) headers?|(?:your|the provided|provided|given) token)";

/** A clause that leaves the model id in doubt ("… does not exist or you do not have access to it"). */
const NOT_IN_DOUBT =
  "(?!(?:[^.\\n]|\\.(?=\\S)){0,60}\\bor\\b(?:[^.\\n]|\\.(?=\\S)){0,40}\\b(?:invalid|not exist|does not exist|not found)\\b)";

/**
 * "model" naming the model, not as the adjective of another noun ("the models endpoint", "model
 * parameter", "model file"): those name an API, an option or a local file, never the model refused.
 */
const NOT_A_NOUN_BEFORE =
  "(?![ _-]?(?:endpoints?|apis?|list|routes?|pages?|param(?:eter)?s?|fields?|catalog|server|service|host|files?|weights|director(?:y|ies)|paths?|repo(?:sitory)?|cache)\\b)";

/** "the model", "this specified model", "models" (the model masked or named after it). */
const A_MODEL = `(?:the |this |that )?(?:specified |requested |selected )?models?\\b${NOT_A_NOUN_BEFORE}`;

/** A character of the same sentence that does not start a place the caller is in. */
const NO_PLACE = "(?:(?!\\b(?:countr|region|location|territor))[^.\\n])";

/**
 * A model id by its shape, with no word "model" before it: a letter first, then a digit and a
 * hyphen, colon, slash or at-sign in it (gpt-5, claude-3-opus, org/name:tag); never an account's
 * id (org-…, proj-…, user-…, sk-…).
 */
const MODEL_ID =
  "[`'\"]?(?!(?:org|proj|project|user|team|key|sk|acct|ws|ou|arn)[-_:])(?=[\\w.:/@-]*\\d)(?=[\\w./@]*[-:/@])[a-z][\\w.:/@-]*[`'\"]?(?=[\\s.,;!?)]|$)";

/** What makes a credential unusable: wrong, stale, withdrawn, absent, or exposed. */
const CREDENTIAL_FAILS =
  "(?:invalid|not valid|incorrect|wrong|expired|revoked|missing|not provided|not set|not found|not recogni[sz]ed|unrecogni[sz]ed|rejected|malformed|disabled|leaked|compromised|deleted|does not exist|not associated with|could not be (?:loaded|found|verified|validated|refreshed|decoded)|(?:failed|unable) to (?:verify|validate|refresh|decode))";

/**
 * A credential named with a failure predicate, in either order, within a clause (no sentence end
 * between): Gemini "API key expired. Please renew the API key.", Moonshot "The API Key appears to be
 * invalid or may have expired", Gemini "Your API key was reported as leaked", Firebase "App Check
 * token is invalid", watsonx "an expired token", HF "Invalid credentials in Authorization header",
 * GPUStack "Invalid authentication credentials", Volcengine "The API key in the request is missing
 * or invalid", botocore "Unable to locate credentials".
 */
export const CREDENTIAL_FAILED = [
  new RegExp(`\\b${CREDENTIAL}\\b(?:[^.\\n]|\\.(?=\\S)){0,50}?\\b${CREDENTIAL_FAILS}\\b`),
  new RegExp(
    `\\b(?:invalid|incorrect|wrong|expired|revoked|missing|malformed|unknown|leaked|compromised|bad|no) (?:[\\w-]+ ){0,2}${CREDENTIAL}\\b`,
  ),
  new RegExp(
    `\\b(?:could not|couldn't|unable to|failed to) (?:find|locate|load|read|obtain|get|resolve) (?:[\\w-]+ ){0,2}${CREDENTIAL}\\b`,
  ),
  // A bare token said to be bad, never a counted or parsed token ("max tokens", "unexpected token
  // in JSON", "invalid token id").
  /(?<!\b(?:max|output|input|completion|prompt|stop|special|thinking|reasoning|budget|num|number of|total|context|unexpected) )\btoken (?:provided |supplied |given |used )?(?:is |was |has been )?(?:invalid|expired|revoked|not valid)\b|\b(?:invalid|expired|revoked) (?:auth |access )?token\b(?! (?:ids?|counts?|index|type|usage|limits?|budget|in|at|near|after|before|while|when|on)\b)(?! ?[<'"`{(])/,
  // The header that carries the credential, missing or bad: "Header 'Authorization' is missing".
  /\bheader [`'"]?(?:authorization|x-api-key|api-key)[`'"]? (?:is )?(?:missing|required|invalid|malformed|empty)\b/,
];

/**
 * Signing in failed or is needed, by the event rather than the credential: Anthropic "OAuth
 * authentication is currently not allowed for this organization" / "not supported", MiniMax "login
 * fail: Please carry the API secret key", Bedrock "Please run /login", gcloud "Reauthentication is
 * needed", Gemini CLI "Authentication failed: Token refresh failed".
 */
export const SIGN_IN_FAILED =
  /(?<!payment |card )\b(?:authentication|authori[sz]ation|oauth2?|log ?in|sign[ -]?in|sso) (?:has |was |is )?(?:currently )?(?:failed|fail|failure|denied|rejected|expired|required|needed|not (?:allowed|supported|permitted|enabled|configured))\b|\b(?:please|you must|you need to) (?:log ?in|sign ?in|re-?authenticate|authenticate|re-?login)\b|\b(?:not|must be) (?:logged|signed) in\b|\b(?:failed|unable) to (?:authenticate|authori[sz]e)\b|\bcould(?: not|n't) (?:authenticate|authori[sz]e)\b|\brun [`'"]?\/?[\w -]{0,30}login\b/;

/**
 * An account, key or caller refused the provider, an API or a service (not a model): Claude "Your
 * organization does not have access to Claude", Anthropic "Your API key does not have permission to
 * use the specified resource", Azure "Principal does not have access to API/Operation", Gemini
 * "Requests to this API … are blocked" (API_KEY_SERVICE_BLOCKED), Vertex CONSUMER_INVALID, Copilot
 * "not authorized to use this Copilot feature" / "access to this endpoint is forbidden".
 */
export const ACCOUNT_REFUSED =
  /\b(?:organi[sz]ation|org|account|team|project|workspace|user|principal|caller|client|key|token|credential|you)(?:'s)? (?:does not|doesn't|do not|don't) have (?:the )?(?:required |necessary |sufficient )?(?:access|permissions?|rights|privileges|scopes?) (?:to|for) (?!(?:use |access |call |invoke )?(?:(?:the |this |that |any )?(?:specified |requested |selected )?models?|it|them|one)\b|(?:use |access |call |invoke )?[`'"]?(?=[\w.:/@-]*\d)(?=[\w./@]*[-:/@])[a-z])|\brequests to this (?:api|service|method|endpoint)\b[^\n]{0,200}?\bare blocked\b|\binsufficient (?:\w+ )?(?:scopes?|permissions?|privileges)\b|\baccess_token_scope_insufficient\b|\bapi_key_service_blocked\b|\bconsumer_(?:invalid|suspended)\b|\baccess to this (?:api|endpoint|service|resource|feature|operation) is (?:forbidden|denied|not allowed)\b|\bnot (?:allowed|permitted) to access (?:this|the|that) (?:project|organi[sz]ation|workspace|resource|api|endpoint|service|team|account)\b/;

/**
 * A client's or SDK's exception naming the credential or permission failure, with no telling words
 * after it: litellm AuthenticationError, cohere UnauthorizedError, botocore NoCredentialsError, AWS
 * NotAuthorizedException, and codes such as authentication_token_expired, invalid_authentication_error.
 * (Not PermissionDeniedError: SDKs raise it for every 403, a model refused to an account included.)
 */
export const AUTH_EXCEPTION =
  /\b[\w.]*(?:auth|authentication|unauthori[sz]ed|notauthori[sz]ed|credentials?)_?(?:error|exception)\b|\b(?:authentication|auth)_token_(?:expired|invalid)\b|\b(?:invalid|expired|missing)_(?:token|credentials?|auth)\b/;

/**
 * Money run out or owed, by the money noun and its state, in either order: DeepSeek "Insufficient
 * Balance", Zhipu "Insufficient balance or no resource package", Continue "You have no credits
 * remaining", Gemini "Your prepayment credits are depleted", Copilot "Monthly AI credits exhausted",
 * OpenRouter "This account never purchased credits". "Load balance…" is no money.
 */
export const MONEY_RUN_OUT =
  /(?<!load[ -]?)\b(?:credits?|balance|funds|prepa(?:id|yment)(?: credits?| balance)?|wallet)\b(?:[^.\n]){0,30}?\b(?:run out|ran out|used up|exhausted|depleted|insufficient|not enough|too low|is zero|is negative|is empty|remaining: 0)\b|\b(?:not enough|insufficient|no|zero|negative|low) (?:remaining |available |prepaid |account )?(?:credits?|(?<!load[ -]?)balance|funds)\b(?! (?:check|lookup|api|endpoint))|\bnever purchased credits\b|\b(?:exhausted|used up|run out of|ran out of|depleted) (?:all )?(?:of )?(?:your|the|its|their|this account's) (?:[\w-]+ ){0,2}?(?:credits|balance|funds)\b|\bcredits?(?: remaining| left)?: ?0(?![.\d])(?: remaining| left)?\b/;

/**
 * A payment that failed or is owed, or billing that must be set up before anything runs: Fireworks
 * "failure to pay past invoices", Bedrock INVALID_PAYMENT_INSTRUMENT, Gemini "free tier is not
 * available in your country. Please enable billing on your project" (billing, not where the caller
 * is: the caller can pay to be served), Codebuff "suspended due to billing issues".
 */
export const PAYMENT_OWED =
  /\bpayment (?:method )?(?:failed|declined|overdue|past due|was declined|is (?:required|needed|missing|overdue))\b|\bcard (?:was |has been )?declined\b|\b(?:unpaid|overdue|outstanding|past[- ]due) (?:invoices?|balance|bills?|payments?|amount)\b|\badd (?:a )?(?:payment method|credit card|billing (?:information|details))\b|\bbilling (?:is )?(?:not (?:set up|configured|active|enabled)|inactive|required)\b|\bbilling issues?\b|\binvoices? (?:is |are |was )?(?:unpaid|overdue|past due)\b|\bplease (?:recharge|top[ -]?up|pay)\b|\b(?:no|missing|invalid) (?:valid )?payment method\b/;

/**
 * The model exists but is not open to this account, plan, tier or key (never the caller's region,
 * which is auth): OpenAI "Project … does not have access to model", Groq "requires terms
 * acceptance", HF "Model requires a Pro subscription", Together "allowed for build tier 2 and above",
 * Anthropic "Claude Opus is not available with the Claude Pro plan", Copilot "disabled by your
 * organization's policy", Zhipu "subscription plan has not opened GLM-5 permission".
 */
export const MODEL_NOT_FOR_ACCOUNT = [
  // The holder lacks access to the model: "does not have access to model", "Access to model denied",
  // "not allowed to sample from this model", "not eligible for using the model". Not when the same
  // clause offers "or … does not exist / not found / invalid" (then the id itself is in doubt).
  new RegExp(
    `(?:\\b(?:(?:don't|do not|does not|doesn't) have|has no|have no|lacks?|no|without) (?:the )?(?:access|permissions?) (?:to|for) (?:use |access |call |invoke )?${A_MODEL}|\\b(?:cannot|can't|not (?:allowed|permitted|eligible|entitled|authori[sz]ed)) (?:to |for )?(?:use|using|access|call|invoke|sample from) ${A_MODEL}(?! (?:with|for|when|in|together)\\b)|\\baccess to ${A_MODEL}(?:[^.\\n]){0,60}?\\b(?:denied|restricted|not (?:allowed|enabled|granted)))${NOT_IN_DOUBT}`,
  ),
  // The same with the model named by its id only: "You do not have access to gpt-5".
  new RegExp(
    `\\b(?:don't|do not|does not|doesn't) have (?:access|permission) to (?:use |access |call |invoke )?${MODEL_ID}${NOT_IN_DOUBT}`,
  ),
  // The model is not open to this account, plan, tier, key or client: "not available with the
  // Claude Pro plan", "not supported when using Codex with a ChatGPT account", "not available for
  // integrator", "not supported by any provider you have enabled".
  // Never where the caller is ("not available to users in your country" is auth).
  new RegExp(
    `\\bmodels?\\b${NOT_A_NOUN_BEFORE}${NO_PLACE}{0,80}?\\bnot (?:available|enabled|accessible|allowed|permitted|offered|included|open|supported) (?:for|to|on|in|with|under|at|when using|by any) (?:[\\w-]+ ){0,3}?(?:account|organi[sz]ation|org|project|team|workspace|plan|tier|subscription|api key|key|users?|customers?|integrator|provider you have enabled)\\b(?!${NO_PLACE}{0,60}\\b(?:countr|region|location|territor))`,
  ),
  // The model needs a better plan or tier: HF "Model requires a Pro subscription", Together "Access
  // to this model is allowed for build tier 2 and above", OpenAI "must be verified to use the model".
  /\bmodels?\b(?:[^.\n]){0,80}?\b(?:requires?|reserved for|restricted to|limited to|only (?:available|allowed|accessible) (?:to|for|on)|allowed for) (?:a |an |the )?(?:(?:paid|pro|plus|team|enterprise|premium|higher|upgraded|business) (?:plan|tier|subscription|account|users?|customers?|organi[sz]ation)|verified (?:organi[sz]ation|account)|build tier|tier \d)\b|\bmust be verified to (?:use|access)\b/,
];

/**
 * The model must first be activated, enabled or subscribed to for this account, or was blocked by
 * its admin: Volcengine ModelNotOpen "has not activated the model … activate the model service",
 * Groq model_permission_blocked_org "blocked at the organization level", Copilot "This model is
 * disabled by your organization's policy".
 */
export const MODEL_NOT_ENABLED =
  /\b(?:has not|have not|hasn't|haven't|not yet|did not|didn't) (?:been )?(?:activated|enabled|subscribed to|granted access to|requested access to|opened|purchased) (?:the |this |that )?models?\b|(?<!\b(?:for|with|on|by|to|of|in) (?:the |this |that )?)\bmodels?\b(?:[ :]+[`'"]?[\w./:@-]+[`'"]?)? (?:is|has) not (?:been |yet )?(?:enabled|activated|provisioned|subscribed)\b(?! for (?:this |the )?(?:request|feature|endpoint|tool|mode)s?\b)|\b(?:has not|have not|hasn't|haven't|not yet|did not|didn't) (?:yet )?accepted (?:the )?(?:[\w-]+ )?(?:terms|license|licence|eula)\b(?:[^.\n]){0,40}?\bmodels?\b|\bmodelnotopen\b|\bmodel_permission_blocked\w*|\bblocked at the (?:organi[sz]ation|org|project|account|team) level\b|\bmodels?\b(?:[^.\n]){0,60}?\b(?:disabled|not enabled) (?:by|in|for) (?:your |the |this )?(?:organi[sz]ation|org|admin(?:istrator)?|account|project|team|workspace|enterprise)\b/;

/**
 * The model is served only on another call path than the one used: a dedicated, provisioned or
 * reserved endpoint or deployment, not on-demand or serverless (Bedrock "Invocation of model ID …
 * with on-demand throughput isn't supported", Together "Unable to access non-serverless model …
 * create and start a new dedicated endpoint", "The dedicated endpoint for … is not running").
 */
export const MODEL_NOT_ON_THIS_PATH =
  /\bmodels?\b(?:[^.\n]){0,80}?\b(?:requires?|needs?|only (?:available|supported|accessible) (?:via|through|on|with|as)|must be (?:deployed|served) (?:on|as|to)) (?:a |an )?(?:dedicated|provisioned|reserved|custom) (?:endpoint|deployment|throughput|capacity|instance)s?\b|\b(?:dedicated|provisioned) (?:endpoint|deployment)s?\b(?:[^.\n]){0,80}?\b(?:is |are )?(?:not (?:running|deployed|active)|stopped|paused)\b|\b(?:on-demand|serverless) (?:throughput |inference )?(?:is not|isn't|not|is unavailable) (?:supported|available|offered)\b|\bnon-serverless models?\b/;

/**
 * No credential to send at all, whatever status the gateway wraps it in: CLIProxyAPI 503
 * "auth_unavailable: no auth available (providers=…)", "no credentials configured for provider".
 * Early (auth slot): it must beat the 503 the gateway reports its own missing key with.
 */
export const NO_CREDENTIAL =
  /\bno (?:auth|authentication|credentials?|api[ _-]?keys?) (?:is |are )?(?:available|configured|provided|supplied)\b|\bauth_unavailable\b/;

/**
 * A hard family kept off any sentence that names where the caller is (country, region, location,
 * territory) or a retirement (deprecated, retired, decommissioned, discontinued, sunset, end of life,
 * no longer), before or after its match: the caller's place closes the whole provider, which is auth
 * (patterns.ts AUTH_TEXT), never evidence about the model; a model gone for everyone is retired
 * (the retirement rules), not closed to this account.
 */
function onlyAboutAccess(re: RegExp): RegExp {
  const other =
    "\\b(?:countr|region|location|territor|deprecat|retir|decommission|discontinu|sunset|end of life|end-of-life|no longer)";
  return new RegExp(`(?<!${other}[^.\\n]{0,80})(?:${re.source})(?![^.\\n]{0,80}${other})`, re.flags);
}

export const WORDINGS_ACCESS: WordingSet = {
  billing: [MONEY_RUN_OUT, PAYMENT_OWED],
  auth: [NO_CREDENTIAL],
  unavailable: [...MODEL_NOT_FOR_ACCOUNT, MODEL_NOT_ENABLED, MODEL_NOT_ON_THIS_PATH].map(onlyAboutAccess),
  authLate: [...CREDENTIAL_FAILED, SIGN_IN_FAILED, ACCOUNT_REFUSED, AUTH_EXCEPTION],
};
