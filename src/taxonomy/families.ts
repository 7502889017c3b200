/**
 * Families of wording by meaning, for the messages the specific rules in patterns.ts leave
 * unclassified (issue 17 item 11: the classifier abstained too often on real messages whose words,
 * structured codes or error type names did say what happened). They are consulted after every
 * specific rule and every status code (RULES in classify.ts), so they only ever turn an "unknown"
 * into a kind; the hard ones among them still need positive words and are vetoed by transient
 * context like the specific hard rules. A data table.
 */

/**
 * Money in other words: credits run out, a balance or budget exhausted, a payment method, a top-up,
 * an expired trial or subscription, an account in arrears (DashScope "Arrearage", Volcengine
 * "AccountOverdueError") or with an outstanding or unpaid invoice. Strong enough to beat a rate-limit status: a 429 carrying them is a cap
 * that waiting does not lift.
 */
export const BILLING_FAMILY =
  /\bcredits?\b(?:[^.\n]){0,30}?\b(?:run out|ran out|used up|exhausted|depleted|expired|insufficient)\b|\b(?:run|ran|running) out of (?:\w+ )?(?:credits?|balance|funds|tokens? credits?)\b|\b(?:no|zero|0) (?:remaining |available )?credits?\b|\bincluded credits\b|\binsufficient[ _](?:quota|funds|credits?|balance)\b|\b(?:top[ -]?up|recharge) (?:your|the)? ?(?:account|balance|credits?)\b|\badd (?:funds|credits|a payment method|a credit card)\b|\bpayment (?:method|failed|overdue|declined|is required|issue)\b|\barrearage\b|\baccountoverdue\w*|\baccount (?:is )?(?:in arrears|overdue)\b|\b(?:outstanding|unpaid|overdue|past[- ]due) (?:invoices?|bills?|balances?|payments?|charges)\b|\bexceededbudget\b|\bexceeded (?:your |the |its |their )?(?:monthly |daily |weekly |spend(?:ing)? |usage |account |key |team |user |max )?budget\b|\bbudget (?:exceeded|exhausted)\b|\bmax budget\b|\b(?:free )?trial (?:has )?(?:expired|ended)\b|\bsubscription (?:has )?(?:expired|ended|lapsed|been cancell?ed)\b|\bexceeded_current_quota\w*|\bexceeded current quota\b|\binsufficient_\w*quota\b|额度(?:不足|已用尽)|\baccount balance\b|\bbalance\b(?:[^.\n]){0,20}?\b(?:zero|negative|insufficient|exhausted|depleted|not enough|too low)\b|\bpurchase (?:more |additional )?(?:credits|tokens|quota|usage)\b|\bupgrade (?:your |to a )?(?:plan|account|tier|paid plan|subscription)\b|\bmonthly (?:\w+ )?(?:quota|allowance|limit|credits?)\b(?:[^.\n]){0,30}?\b(?:exceeded|exhausted|reached|used)\b|\b(?:exceeded|exhausted|reached|used up) (?:your |the )?monthly\b|\bsubscribe to (?:a |an )?(?:paid )?plan\b|\benable billing\b|\bsubscription (?:is |has been )?(?:disabled|suspended|inactive)\b|\b(?:doesn't|does not|don't|do not) have (?:any |enough |sufficient )?credits?\b|\bexceeded\w*budget\b|\breached the set (?:inference |usage |spend(?:ing)? )?limit\b|\binference limit\b(?:[^.\n]){0,80}?\b(?:paused|reached|exceeded)\b/;

/**
 * Credentials and access in other words, when no model is named as the thing refused. A token not obtained
 * is a credential, not a count, a limit or an id of tokens ("Failed to get token count for the prompt").
 */
export const AUTH_FAMILY =
  /\bcaller does not have permission\b|\bpermission[ _]?denied\b|\binvalid_?api_?key\b|\binvalid (?:credentials|signature|(?:api|access|auth|bearer|session|user) (?:token|key))\b|\bbad credentials\b|\bcredentials? (?:are |is |were |was )?(?:invalid|expired|missing|not valid|rejected|incorrect)\b|\binvalid_?(?:auth|authentication|access)_?token\b|\bnot authori[sz]ed\b|\bauthori[sz]ation (?:header )?(?:is )?(?:missing|invalid|required|denied)\b|\brequest not allowed\b|\binsufficient (?:account |api key |key )?(?:permissions?|privileges|scopes?)\b|\bforbidden\b|\bsession (?:has )?expired\b|\b(?:log ?in|sign ?in) (?:again|required)\b|\b(?:unknown|bad|malformed|unrecognized|unrecognised) (?:x-)?api[ _-]?key\b|\bapi[ _-]?keys? (?:is |are )?(?:unknown|not recognized|malformed|bad)\b|_api_?key\b(?:[^.\n]){0,40}?\b(?:missing|empty|not set|must be set|required|invalid)\b|\bdetermine credentials\b|\bcredentials? (?:not found|could not be (?:found|loaded)|were not found)\b|\b(?:failed|unable) to (?:load|refresh|obtain|get|find|retrieve) (?:\w+ )?(?:credentials\b|(?:access )?token\b(?! ?(?:counts?|usage|limits?|ids?|length|budget|estimates?)\b))|\binvalidclienttokenid\b|\baccess key id you provided does not exist\b|\baadsts\d+|\bdefaultazurecredential\b|\bclientauthenticationerror\b|\bcredentialunavailableerror\b|\bmissing (?:bearer|authorization)\b|\bprovide (?:an?|your|a valid) api[ _-]?key\b|\b(?:user|account|api key|key|organization|org|team|project) not found\b/;

/**
 * The model answered with something unusable: JSON it was asked for and did not produce, an
 * answer our parser or schema rejects, a truncated or missing answer (Groq json_validate_failed
 * "Failed to generate JSON", pydantic "2 validation errors for …", "output parsing failed").
 */
export const OUTPUT_FAMILY =
  /\bjson_validate_failed\b|\bfailed to (?:generate|produce|return) (?:a )?(?:valid )?json\b|\b(?:model|llm|assistant)(?:'s)? (?:output|response|answer|reply|completion)\b(?:[^.\n]){0,40}?\b(?:not valid json|invalid json|could not be parsed|failed to parse|malformed|unparseable|did not match|does not match)\b|\b(?:could not|couldn't|failed to|unable to) (?:parse|decode) (?:the )?(?:model|llm|assistant|structured)(?:'s)? (?:output|response|answer|completion)\b|\boutputparser(?:exception|error)\b|\boutput[ _]pars(?:ing|e)[ _](?:error|failed|failure)\b|\bvalidation errors? for\b|\b(?:response|output|completion|answer) (?:was )?truncated\b|\b(?:model|llm|assistant)\b(?:[^.\n]){0,30}?\b(?:did not|didn't) (?:return|produce|generate|provide) (?:a |any )?(?:valid )?(?:response|output|content|answer|json|tool call|assistant messages?)\b|\breturned an? (?:empty or (?:unparsable|unparseable)|(?:unparsable|unparseable) or empty) response\b|\binvalid (?:response|output) (?:from|received from|returned by|generated by) (?:the )?(?:model|llm)\b|\b(?:invalid|malformed|unparseable|incomplete|truncated) json (?:response|output|from|in (?:the )?(?:model|response))\b|\b(?:failed to|could not|couldn't|unable to) parse (?:the )?(?:json|response|output|completion|structured output)\b|\bno (?:valid )?json (?:object|found|in)\b|\b(?:does not|doesn't|did not|didn't) (?:follow|match|conform to) the (?:expected |required |requested )?(?:format|schema)\b|\bstructured output\b(?:[^.\n]){0,40}?\b(?:failed|invalid|error)\b|\b(?:does|did)(?: not|n't) contain (?:a |any )?(?:valid )?(?:function|tool)[ _]?calls?\b|\bno (?:valid )?(?:tool|function)[ _]?calls?\b(?:[^.\n]){0,20}?\b(?:found|returned|generated|produced|in)\b|\binvalid (?:tool|function)[ _]?calls?\b|\bno final (?:answer|response|output)\b|\b(?:could not|couldn't|unable to|failed to) (?:extract|find|locate|decode) (?:a |any |valid )?(?:json|tool call|function call|answer)\b|\bmax(?:imum)?[ _](?:output[ _])?tokens (?:reached|hit|limit reached)\b|\b(?:reached|hit) (?:the )?max(?:imum)?[ _](?:output[ _])?tokens?\b|\boutput (?:token )?limit (?:reached|hit|exceeded)\b|\b(?:model|llm|assistant)\b(?:[^.\n]){0,30}?\b(?:returned|produced|generated|emitted|gave|sent) (?:an? )?(?:invalid|malformed|unparseable|corrupt|bad|incomplete|truncated) (?:json|output|response|content|answer|tool call|function call)\b/;

/**
 * Our request is malformed, in the words and codes providers use for it: a request field's path
 * (Anthropic "messages.2.content.0…", "messages[3]"), invalid or unsupported parameters, values
 * out of range, schema or format violations, a required field missing, structured codes such as
 * invalid_request_error, invalid_parameter, InvalidParameterValue, wrong_api_format.
 */
export const REQUEST_FAMILY =
  /\binvalid_request_error\b|\binvalid_(?:parameter|param|argument|value|type)s?(?:_value|_error)?\b|\binvalidparam(?:eter)?(?:value)?\b|\bwrong_api_format\b|\binvalid (?:request|parameters?|params?|arguments?|input|value|type|schema|format|payload|body|role|image|content|message|field|enum value)\b|\bunsupported (?:[\w-]{1,30} )?(?:parameter|argument|field|type|format|value|content|media|mime|role|option|tool_choice|feature)s?\b|\bnot supported (?:for|by|with|in|on)\b|\b(?:is|are) not supported\b|\bmessages?(?:\.\d+|\[\d+\])|\b(?:field|param(?:eter)?|property|argument|value) [`'"]?[\w.[\]]{1,60}[`'"]? (?:is (?:required|invalid|missing|not allowed)|must be|should be|cannot be)\b|\bis required\b|\bmust be (?:a |an )?(?:non-?empty|string|integer|number|boolean|array|object|one of|greater|less|between|at least|at most|positive|valid|provided|set|specified|defined)\b|\bvalid range\b|\bout of range\b|\b(?:expected|must contain) (?:a |an |one of |\w+ blocks?\b)|\bcannot be (?:empty|provided|used|combined|specified|set)\b|\bschema\b(?:[^.\n]){0,40}?\b(?:invalid|not supported|not valid|validation|violat)|\bexceeds? (?:the )?(?:max(?:imum)?|limit)\b|\bmalformed (?:request|input|json body|body)\b|\b(?:does not|doesn't|do not|don't) support (?:this|that|these|the specified|the given|the requested) [\w-]+|\bthe (?:format|value|type) of\b(?:[^.\n]){0,80}?\bis invalid\b|\b(?:requests?|conversations?|messages?) (?:should |must )?(?:ends?|starts?|begins?) with (?:a |an )?(?:user|assistant|system|tool|function)\b|\bfailed to deserialize\b|\bunknown variant\b|\bmissing field\b|\bfield required\b|\binput should be\b|\bunexpected (?:field|property|key|argument|parameter|keyword)\b|\badditional properties\b|\b(?:is|are) not (?:a )?valid\b|\bno route for (?:that|this|the) (?:uri|url|path)\b|\bitems? (?:are|is) not persisted\b|\bremove this item from your input\b|\bprovider [`'"]?[\w.-]+[`'"]? (?:is )?not supported\b|\bcould not route to\b|\bis not one of\b|\bis too (?:short|long)\b|\bnot permitted\b|\bunrecognized (?:field|key|argument|parameter|option)\b|\bmust (?:have|contain|include|match)\b|\bcannot contain\b|\binvalid_union\b|\bunprocessable\b|\bis not of type\b|\b(?:is a )?required property\b|\bunknown name\b|\bcannot find field\b|\binvalid json payload\b|\bvalid role\b|\bmust not be (?:empty|null|blank)\b|\bonly (?:supported|allowed|valid) (?:when|if)\b|\bcould not process (?:the )?(?:image|file|input|audio)\b|\binvalid base64\b|\b(?:image|file|audio|payload|request body) (?:size )?(?:is too (?:large|big)|exceeds)\b|\binvalid [\w.]*_id\b|\bno tool output found\b|\btool (?:output|result)s? (?:not found|missing)\b|\bmust (?:use|start with|begin with|be followed by|be preceded by)\b/;

/**
 * Failures on the provider's side in other words, when no status says so: a server error, an
 * internal or unexpected error, Google's status INTERNAL, an error in the service or backend, a
 * provider's answer that is not an API answer, retries exhausted on a retryable failure (AI SDK
 * RetryError "Failed after 3 attempts": it retries rate limits and 5xx only).
 */
export const SERVER_FAMILY =
  /\bserver error\b|\bserver encountered\b|\bencountered an (?:internal |unexpected |unknown )?error\b|\binternal ?(?:server ?)?error\b|\binternal_error\b|\bstatus\W{0,4}internal\b|\b(?:service|backend|upstream|inference) (?:error|failure|failed)\b|\bunknown error\b|\bunexpected error\b|\bfailed to process (?:the |your )?request\b|\binvalid response (?:received )?from (?!(?:the |an? )?(?:model|llm)\b)\w+|\bfailed after \d+ (?:attempts|retries)\b|\bretries exhausted\b|\bcuda (?:error|out of memory)\b|\bout of memory\b|\bengine ?dead\w*|\bengine (?:core )?(?:died|crashed|is dead)\b|\b(?:worker|runner|process|server)(?: process)? (?:has )?(?:crashed|died|terminated unexpectedly|has terminated)\b|\bsegmentation fault\b|\b(?:unable|failed) to (?:service|handle|complete|fulfil+) (?:the |your |this )?request\b|\berror (?:while )?processing (?:the |your |this )?request\b|\binternal (?:failure|exception|fault)\b|\binternalfailure\b/;

/** An HTML page where an API answer was expected, with no status: a proxy or gateway's error page. */
export const HTML_PAGE = /<!doctype html|<html\b/;

/**
 * A retirement in other words: Azure error type ServiceModelDeprecated / ServiceModelDeprecating,
 * a model past its end of life or retirement date, an id-shaped name (a digit in it) said to be
 * deprecated, retired or decommissioned without the word "model": it starts with a letter and holds a
 * digit and a hyphen, colon or slash (gpt-4-32k, claude-2.0), so a path (/v1/completions,
 * api/v1/chat), a field path (messages.0), a date or an API version (v1.0, api-version 2024-02-01)
 * is not taken for a model.
 */
export const RETIRED_FAMILY =
  /\b(?:service)?modeldeprecat(?:ed|ing)\b|\bdeprecated model\b|\bretired model\b|\breached (?:its |the )?(?:end of (?:life|support)|retirement|deprecation|sunset)(?: date)?\b|\bpast (?:its |the )?(?:retirement|deprecation|sunset|end-of-life) date\b|(?<!api[- _]?version\W{0,3})(?:^|[\s`'"(])[`'"]?(?!v\d)(?![\w.:/-]*\/v\d)(?=[\w.:/-]*\d)(?=[\w./]*[-:/])[a-z][\w.:/-]*[`'"]? (?:has been|have been|was|is now|is) (?:deprecated|retired|decommissioned|discontinued|sunset|sunsetted|shut down)\b|(?:^|[\s`'"(])[`'"]?(?!v\d)(?![\w.:/-]*\/v\d)(?=[\w.:/-]*\d)(?=[\w./]*[-:/])[a-z][\w.:/-]*[`'"]? (?:is|has been) (?:no longer (?:available|supported|served|accessible|offered)|obsolete)\b|\bmodels?\b(?:[^.\n]){0,80}?\bobsolete\b/;

/**
 * The model exists but this account or call path cannot use it, in other words: a gated model,
 * access to the model restricted, a model only available on another plan or tier, a model that
 * must be subscribed to or enabled first.
 */
export const UNAVAILABLE_FAMILY =
  /\bgated (?:repo|model)\b|\baccess to (?:the |this )?model\b(?:[^.\n]){0,80}?\b(?:is )?(?:restricted|denied|not allowed)\b|\b(?:no|not have) (?:access|permission) to (?:use |access |call )?(?:this |the |that )?model\b|\bpermission to (?:use|access|call) (?:this |the |that )?model\b|\bmodels?\b(?:[^.\n]){0,60}?\bis only available (?:to|for|on|in|with|through)\b|\bmodels?\b(?:[^.\n]){0,60}?\brequires? (?:a |an )?(?:paid|pro|enterprise|higher|premium|upgraded) (?:plan|tier|subscription|account)\b|\b(?:subscribe to|enable|activate) (?:this|the) model\b|\bmodel (?:is )?not (?:subscribed|activated|provisioned)\b|\bnot (?:authori[sz]ed|allowed|permitted|entitled) to (?:access|use|call|invoke) (?:this|the|that) model\b|\benable access to (?:the |this )?model\b|\bmodels?\b(?:[^.\n]){0,80}?\b(?:private preview|limited preview|allow ?list(?:ed|ing)?|white ?list(?:ed|ing)?|wait ?list|early access)\b|\bmodels?\b(?:[^.\n]){0,60}?\b(?:is|has been) (?:disabled|blocked|suspended|paused|unpublished)\b(?! for (?!(?:this|your|the|our) (?:account|organi[sz]ation|org|project|team|workspace|user|region|key|tier|plan)\b))|\bendpoint (?:is |has been )?(?:paused|stopped|not running)\b|\b(?:plan|tier|subscription) (?:does not|doesn't) (?:include|support|allow|cover) (?:access to )?(?:this |the )?models?\b|\btoo large to be loaded automatically\b|\bmodel_unavailable\b|\b(?:degraded|inactive|unhealthy|undeployed) (?:function|deployment|endpoint)s? cannot be (?:invoked|called|used)\b|\bmodels?\b(?:[^.\n]){0,80}?\bnot (?:available|enabled|accessible|supported) (?:for|to|on|with|in) (?:the |your |this )?(?:free|paid|current|basic|starter|trial) (?:tier|plan|users?|accounts?)\b/;

/**
 * The provider does not know the id, in other words: the model named as the unsupported or
 * unrecognised thing ("Unsupported model: x", "The model x is not supported", not "x is not
 * supported with this model", which is a feature of our request), no model by that name, an id
 * outside the provider's list of models. Not "an unsupported model or …": a provider unsure which of
 * two it refuses says nothing sure of the model (Bedrock "You invoked an unsupported model or your
 * request did not allow prompt caching", cut anywhere after "or"). A model "not supported" that ends
 * the text is left to `MODEL_NOT_SUPPORTED_AT_END`.
 */
export const NOT_FOUND_FAMILY =
  /\bunsupported model\b(?!,? or\b)|\bmodel_not_supported\b|\bmodel(?: id| name)?[ :]+[`'"]?[\w./:-]{1,120}[`'"]? (?:is|was) not (?:supported|recogni[sz]ed)(?! (?:for|in|with|by|on|when|as)\b)(?!\s*$)|\bmodel (?:is )?not (?:supported|recogni[sz]ed)(?! (?:for|in|with|by|on|when|as)\b)(?!\s*$)|\bno (?:such )?model (?:named|with (?:the )?(?:name|id)|matching|found|called)\b|\bnot (?:in|among|one of) (?:the )?(?:list of )?(?:supported |available |allowed |valid )?models\b|\bfunction\b[^.]{0,80}?\bnot found for account\b|\binvalidendpoint(?:ormodel)?\.notfound\b|\bspecified version does not exist\b|\binvalid version or not permitted\b/;

/**
 * A model "not supported" with the text ending there ("ValueError: Model Qwen/Qwen3-4B is not supported", a
 * line cut from "… is not supported for task text-generation and provider nebius"): nothing shows whether a
 * "for …" (a task, an endpoint, a feature) followed, or who refused it (a client library's own check of
 * its argument says so too), so it is the provider's verdict on the model only under the provider's status
 * (opencode's "Model minimax-m3-free is not supported", a 401): classify.ts asks for one. The end of a
 * JSON envelope's message string is the end of the text ('…"message":"Model hy3-preview-free not
 * supported"}}', batch 43).
 */
export const MODEL_NOT_SUPPORTED_AT_END =
  /\bmodel\b(?:(?: id| name)?[ :]+[`'"]?[\w./:-]{1,120}[`'"]?)? (?:is |was )?not (?:supported|recogni[sz]ed)\s*(?:["'`][\s}\]]*)?$/;

/**
 * The service is down for maintenance (Groq's legacy API "service offline for maintenance",
 * "under scheduled maintenance", "maintenance mode"): the provider's side, and it will pass.
 */
export const MAINTENANCE =
  /\b(?:offline|down|unavailable|closed) for (?:scheduled |planned |routine )?maintenance\b|\bunder (?:scheduled |planned )?maintenance\b|\bmaintenance mode\b|\b(?:scheduled|planned) maintenance\b/;

/**
 * More of our malformed request in words, when nothing else decided: a value that does not match
 * the pattern or schema asked for, a role the provider does not know, Go servers' JSON decoding
 * errors ("cannot unmarshal string into Go struct field", "invalid character 'x' looking for
 * beginning of value"), two options that cannot be set together, Gemini's turn-order rules ("Please
 * ensure that function response turn comes immediately after a function call turn", "… multiturn
 * requests alternate between user and model"), a required field missing or not specified
 * ("contents is not specified", "you must specify a model"), an option that may not be enabled
 * with another, a parameter an endpoint does not accept, an attachment that is not a valid image.
 */
export const REQUEST_FAMILY_MORE =
  /\bdoes not match (?:the )?(?:required )?(?:pattern|schema|regex|format)\b|\bunexpected role\b|\bcannot unmarshal\b|\blooking for beginning of (?:value|object key)\b|\bcannot (?:specify|set|pass|provide|use) both\b|\b(?:are|is) mutually exclusive\b|\bplease ensure that (?:the |a )?(?:function|tool|multi-?turn)\b|\balternate between (?:the )?user and\b|\b(?:contents?|messages?|prompt|input|request body) (?:is|are) not specified\b|\bmissing required (?:field|property|parameter|argument|key)\b|\bmust (?:specify|provide|supply) (?:a|an|the|at least)\b|\bmay not be (?:enabled|used|set|combined|specified) (?:when|with|together|while)\b|\bdoes not accept (?:the |a |an )?[\w'"`.-]{1,40} (?:parameter|field|argument|option)\b|\bdoes not represent a valid (?:image|file|document|audio)\b/;
