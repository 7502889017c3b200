import type { WordingSet } from "./wording-set.js";

/**
 * Families by meaning for the access kinds (auth, billing, model_unavailable), written from every
 * batch's train messages of those kinds. Slots and precedence: wording-set.ts; the texts are
 * lowercased (unwrap.ts). A data table.
 *
 * The broad auth families (a credential named with a failure predicate, signing in that failed, an
 * account refused an API, credential exception names: 8 to 44 train auth messages each, from 4 to 13
 * batches, none of another kind) sit in `authLate`, which classify.ts consults after the status codes:
 * consulted before them (where this round first put them) they overrode a status that was right.
 */

/** A credential's name: an API, access or secret key, a credential, a token qualified as one. */
const CREDENTIAL =
  "(?:(?:x-)?api[ _-]?keys?|access[ _-]?keys?(?: id)?|secret(?:[ _-]?access)?[ _-]?keys?|client[ _-]?secrets?|credentials?|(?:access|bearer|auth(?:entication|orization)?|id|identity|refresh|oauth2?|session|security|app check|jwt|personal access|user|client|api|sso|login) tokens?|(?:subscription|master|virtual|admin|private|gateway|proxy|provider|team|user|project|account) keys?|(?:authori[sz]ation|auth|x-api-key|api-key) headers?)";

/** What makes a credential unusable: wrong, stale, withdrawn, absent, or exposed. */
const CREDENTIAL_FAILS =
  "(?:invalid|not valid|incorrect|wrong|expired|revoked|missing|not provided|not set|not found|not recogni[sz]ed|unrecogni[sz]ed|rejected|malformed|disabled|leaked|compromised|deleted|does not exist|could not be (?:loaded|found|verified|validated|refreshed|decoded)|(?:failed|unable) to (?:verify|validate|refresh|decode))";

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
];

/**
 * Signing in failed or is needed, by the event rather than the credential: Anthropic "OAuth
 * authentication is currently not allowed for this organization" / "not supported", MiniMax "login
 * fail: Please carry the API secret key", Bedrock "Please run /login", gcloud "Reauthentication is
 * needed", Gemini CLI "Authentication failed: Token refresh failed".
 */
export const SIGN_IN_FAILED =
  /(?<!payment |card )\b(?:authentication|authori[sz]ation|oauth2?|log ?in|sign[ -]?in|sso) (?:has |was |is )?(?:currently )?(?:failed|fail|failure|denied|rejected|expired|required|needed|not (?:allowed|supported|permitted|enabled|configured))\b|\b(?:please|you must|you need to) (?:log ?in|sign ?in|re-?authenticate|authenticate|re-?login)\b|\b(?:failed|unable) to (?:authenticate|authori[sz]e)\b|\brun [`'"]?\/?[\w -]{0,30}login\b/;

/**
 * An account, key or caller refused the provider, an API or a service (named as such: a model, a
 * tool, a file or a feature refused is not this): Anthropic "Your API key does not have permission to
 * use the specified resource", Azure "Principal does not have access to API/Operation", Gemini
 * "Requests to this API … are blocked" (API_KEY_SERVICE_BLOCKED), Vertex CONSUMER_INVALID, Copilot
 * "not authorized to use this Copilot feature" / "access to this endpoint is forbidden".
 */
export const ACCOUNT_REFUSED =
  /\b(?:organi[sz]ation|org|account|team|project|workspace|user|principal|caller|client|key|token|credential|you)(?:'s)? (?:does not|doesn't|do not|don't) have (?:the )?(?:required |necessary |sufficient )?(?:access|permissions?|rights|privileges|scopes?) (?:to|for) (?:use |access |call )?(?:the |this |that |any )?(?:[\w-]+ ){0,2}?(?:apis?(?:\/operation)?|operations?|services?|resources?|endpoints?|platform|console)\b|\brequests to this (?:api|service|method|endpoint)\b[^\n]{0,200}?\bare blocked\b|\bapi_key_service_blocked\b|\bconsumer_(?:invalid|suspended)\b|\baccess to this (?:api|endpoint|service|resource|feature|operation) is (?:forbidden|denied|not allowed)\b/;

/**
 * The caller's network address refused (session 27, from sentences of our own): "Your IP address is not in the
 * allowlist", "Requests from this IP are not allowed", "origin not whitelisted for this key". An account's
 * setting, not a model's; rate words that say a block will pass are read first (a 429, "too many requests").
 */
export const CALLER_ADDRESS_REFUSED =
  /\b(?:ip(?: address(?:es)?)?|client address|origin|referr?er)\b(?:[^.\n]|\.(?=\S)){0,60}?\b(?:not (?:in|on) (?:the |your |an? )?(?:allow|white)[ -]?list|not (?:allow|white)[ -]?listed|(?:is |are )?not (?:allowed|permitted|authori[sz]ed))\b(?![^.\n]{0,60}\b(?:too many|rate|temporar))/;

/**
 * A client's or SDK's exception naming the credential or permission failure, with no telling words
 * after it: litellm AuthenticationError, cohere UnauthorizedError, botocore NoCredentialsError, AWS
 * NotAuthorizedException, and codes such as authentication_token_expired, invalid_authentication_error.
 * (Not PermissionDeniedError: SDKs raise it for every 403, a model refused to an account included.)
 */
export const AUTH_EXCEPTION =
  /\b[\w.]*(?:auth|authentication|unauthori[sz]ed|notauthori[sz]ed|credentials?)_?(?:error|exception)\b|\b(?:authentication|auth)_token_(?:expired|invalid)\b/;

/**
 * The model must first be activated, enabled or subscribed to by this account: Volcengine
 * ModelNotOpen "Your account … has not activated the model … Please activate the model service in
 * the Ark Console" (its first sentence alone was unknown). Kept this narrow because the slot it
 * plugs into (unavailable) comes before the rate-limit, billing and request rules: a broad hard
 * family there can take a verdict those rules got right.
 */
export const MODEL_NOT_ACTIVATED =
  /\b(?:has not|have not|hasn't|haven't|not yet) (?:been )?(?:activated|enabled|subscribed to) (?:the |this |that )?models?\b|\bmodelnotopen\b/;

/**
 * A token shaped like a model id: a letter first, then id characters, holding a digit and a hyphen, colon
 * or slash ("demo-7b", "meta.llama-3-70b-instruct"), not a version ("v2"). It starts where no id character
 * precedes it and its lookaheads are bounded, so a long run of id characters (a megabyte of one letter or of
 * hex) is not rescanned from every position (that was quadratic: 1 s a message).
 */
export const MODEL_ID = String.raw`(?<![\w.:/-])(?!v\d)(?=[\w.:/-]{0,100}\d)(?=[\w.]{0,100}[-:/])[a-z][\w.:/-]{0,200}`;

/** A model as the object of a sentence: the word, or a token shaped like its id. */
const A_MODEL = String.raw`(?:the |this |that )?(?:models?\b|${MODEL_ID})`;

/**
 * Access to a model never granted to the caller, or the model not switched on for its account, in plain
 * words: "Your organization has not been granted access to demo-7b", "You haven't been given access to
 * this model", "demo-7b is not enabled for your project". The object is a model (A_MODEL): access not
 * granted to a project, an API or a resource is a credential's matter (auth, the rules before).
 */
export const MODEL_ACCESS_NOT_GRANTED = new RegExp(
  String.raw`\b(?:has not|have not|hasn't|haven't|was not|were not|wasn't|weren't|not yet|never) been (?:granted|given) access to ${A_MODEL}|(?:\bmodels?\b[^.\n]{0,60}?|${A_MODEL} )(?:is not|isn't|is not yet|are not|aren't) (?:enabled|activated|provisioned|turned on|switched on) (?:for|on|in) (?:your|this|the) (?:account|project|organi[sz]ation|org|workspace|subscription|tenant|team)\b`,
);

/** A model named as the thing asked for: A_MODEL, or "the specified (requested, selected) model". */
const THE_MODEL = String.raw`(?:(?:the |this |that )?(?:specified |requested |selected |chosen )model\b|${A_MODEL})`;

/**
 * A model kept from this caller, said with the model (the word or its id) as what is kept: a plan or tier
 * it needs ("demo-7b requires a Pro subscription", "… is only available to Team and Enterprise
 * workspaces"), a permission the caller lacks for it ("You do not have permission to use demo-7b", "not
 * authorized to use model demo-7b", "Insufficient permissions for model demo-7b"), an approval or licence
 * it needs first ("restricted to approved organizations", "Access to demo-7b requires approval", "accept
 * the license terms for demo-7b", "This model is gated"). The account's other models still work, so it is
 * model_unavailable (the conventions: a model kept from the tier or plan). Consulted before the
 * credential rules (a 403 permission wording would read as auth), so the model must be the object: a
 * permission for a resource, a project or an API is still auth.
 */
export const MODEL_KEPT_FROM_CALLER = new RegExp(
  `(?:${[
    // (The model first once, then what is said of it: one scan of the text for a model, not three.)
    String.raw`${A_MODEL} (?:(?:requires|needs) an? (?:pro|plus|paid|premium|team|enterprise|business|higher|upgraded|different)\b[^.\n]{0,30}?\b(?:subscription|plan|tier|account|license|licence)\b|(?:is|are) (?:only available|available only|restricted|limited) (?:on|to|for|with|in)\b(?![^.\n]{0,60}\b(?:endpoint|api|route|surface)s?\b)|(?:is|are) available (?:on|to|for|with|in) [^.\n]{1,60}? only\b)`,
    String.raw`\b(?:do not|don't|does not|doesn't|did not|didn't) have (?:the )?(?:permissions?|rights?|authori[sz]ation) to (?:use|access|call|invoke) ${THE_MODEL}`,
    String.raw`\b(?:not|isn't|aren't) (?:authori[sz]ed|permitted|allowed|entitled) to (?:use|access|call|invoke) ${THE_MODEL}`,
    String.raw`\binsufficient (?:permissions?|privileges?|rights) (?:for|to (?:use|access|call)) ${THE_MODEL}`,
    String.raw`\baccess to ${A_MODEL} (?:requires|needs|is pending) (?:an? )?(?:approval|request|review)\b`,
    String.raw`\baccept (?:the )?(?:license|licence|terms|eula|agreement)\b[^.\n]{0,40}?\b(?:for|of) ${THE_MODEL}`,
    String.raw`\b(?:this |the )?(?:model|repo(?:sitory)?) is gated\b|\bgated models?\b`,
    // The model's access refused as such, with no cause given: DashScope's 403 Model.AccessDenied "Model
    // access denied." (Bedrock's "Model access is denied due to IAM user …" or "… due to
    // INVALID_PAYMENT_INSTRUMENT" name the account's cause: credentials or money, their own rules).
    String.raw`\bmodel access (?:is |was |has been )?denied\b(?![^\n]{0,40}\b(?:due to|because)\b)`,
  ].join("|")})` +
    // "… or the model does not exist" leaves open which: the not-found rules' (a hedge between the two).
    String.raw`(?!(?:[^.\n]|\.(?=\S)){0,80}\bor\b[^.\n]{0,40}\b(?:does not|doesn't|may not|might not) exist)`,
);

/**
 * A provider that does not know the model, said in plain words rather than "not found": "We couldn't find
 * a model called demo-7b", "The model you asked for isn't something we serve", "We don't serve demo-7b".
 * A model file, its weights or its config not found is a local server's disk, not the provider's list.
 */
export const MODEL_UNKNOWN_PLAIN = new RegExp(
  String.raw`\b(?:could not|couldn't|can't|cannot|can not|unable to|did not|didn't|failed to) find (?:a |the |any |that |this |your )?(?:requested )?model\b(?! (?:file|weights|config|directory|folder|path)\b)|\bwe (?:do not|don't) (?:serve|host|offer|provide|recogni[sz]e) ${A_MODEL}|\bmodels?\b[^.\n]{0,60}?\b(?:is not|isn't) (?:something|one|a model) (?:that )?we (?:serve|host|offer|provide|support|recogni[sz]e)\b|\b(?:is not|isn't) a model (?:that )?we (?:serve|host|offer|provide|support|recogni[sz]e)\b`,
);

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
  // The family first, as a lookahead: the lookbehind then runs only where the family matches, not at
  // every position of the text (which made each wrapped family cost about 80 us a message).
  return new RegExp(
    `(?=(?:${re.source}))(?<!${other}[^.\\n]{0,80})(?:${re.source})(?![^.\\n]{0,80}${other})`,
    re.flags,
  );
}

/**
 * A free tier closed to the caller, with billing as the way in: Gemini 400 FAILED_PRECONDITION
 * "Gemini API free tier is not available in your country. Please enable billing on your project in
 * Google AI Studio." (batch 11, train). The country is why the free tier is closed; what the operator
 * does about it is pay, so it is money (billing), read before the caller's-place rule makes it auth.
 */
export const FREE_TIER_NEEDS_BILLING = /\bfree tier\b[^\n]{0,80}?\b(?:enable|set up|add) billing\b/;

/**
 * Said before the status codes, in words no request error uses (session 28, from sentences of our own; the
 * broad credential family above sits late): a key or token withdrawn ("Key has been revoked" under a 400), an
 * authentication token malformed, and the caller's place named as the request's ("The API is not offered in
 * the location of your request", which a rule about where a model is hosted read as model_unavailable).
 * Batch 69 added the caller's place said as where the request comes from: Zed 451 "Access to Anthropic
 * models is not available from this data center (HKG)", read as the model unavailable without its prefix.
 */
const CREDENTIAL_WITHDRAWN =
  /\b(?:api[ _-]?)?(?:keys?|tokens?) (?:has been|have been|was|were|is|are) (?:revoked|deactivated)\b|\b(?:authentication|auth|access|bearer|oauth2?) token (?:is |was )?malformed\b/;
const CALLER_PLACE =
  /\b(?:location|region|country|territory) of (?:your|the) (?:request|call|caller|client)\b|\bnot (?:available|allowed|permitted|offered) from (?:this|your|the caller's) (?:data ?cent(?:er|re)|region|location|country|network)\b/;

export const WORDINGS_ACCESS: WordingSet = {
  billing: [FREE_TIER_NEEDS_BILLING],
  auth: [NO_CREDENTIAL, CREDENTIAL_WITHDRAWN, CALLER_PLACE],
  authLate: [...CREDENTIAL_FAILED, SIGN_IN_FAILED, ACCOUNT_REFUSED, CALLER_ADDRESS_REFUSED, AUTH_EXCEPTION],
  unavailableFirst: [MODEL_KEPT_FROM_CALLER].map(onlyAboutAccess),
  unavailable: [MODEL_NOT_ACTIVATED, MODEL_ACCESS_NOT_GRANTED].map(onlyAboutAccess),
  notFound: [MODEL_UNKNOWN_PLAIN],
};
