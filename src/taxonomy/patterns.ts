/**
 * The classifier's vocabulary: what providers, SDKs and gateways say, grouped by the kind each
 * phrase is evidence for. A data table; the precedence between them is RULES in classify.ts.
 */

/**
 * Words saying the failure will pass. A hard verdict can get a healthy model disabled, so any
 * sign of a transient condition (or a 5xx/429 status, which are about the provider's state, not
 * about the model id) vetoes it: "model not found, please try again later" is not evidence that
 * the model is gone; nor is "try again in a minute" or "retry after 20 seconds" (a retry with its
 * delay, session 28), unless a condition comes first (Bedrock "If you have already filled out the
 * form, try again in 15 minutes" is about a model not enabled yet). "Please retry" is "please try
 * again" (batch 66), and neither counts when a condition follows ("Please retry if you think this is a
 * transient error", batch 37). The same words in Chinese, and
 * in the other languages whose hard wordings the rules read (wordings-i18n.ts, wordings-ja-ko.ts):
 * "inténtelo más tarde", "versuchen Sie es später erneut", "réessayez plus tard", "временно",
 * "しばらくしてから", "一時的", "잠시 후"; and since session 25
 * (wordings-languages.ts) in Indonesian, Vietnamese, Turkish, Dutch, Ukrainian, Arabic, Persian, Hebrew, Hindi,
 * Thai and Polish: "coba lagi nanti", "thử lại sau", "daha sonra tekrar deneyin", "tijdelijk", "тимчасово",
 * "حاول لاحقًا", "موقت", "נסה שוב מאוחר יותר", "बाद में प्रयास", "ชั่วคราว", "spróbuj ponownie później".
 */
export const TRANSIENT_MARKERS =
  /\btemporar(?:y|ily)\b|\btry again (?:later|soon|shortly)\b|(?<!\bif [^.\n]{0,80}?,? )\b(?:try again|retry) (?:in|after) (?:a |an |\d+ )?(?:few )?(?:seconds?|minutes?|moments?|bit|while|hours?)\b|\bplease (?:try again|retry)\b(?! with (?:a |an )?(?:different|another|other|valid|supported|correct)\b| (?:if|once|when|after you)\b)|\bat the moment\b|\bright now\b|\bcurrently (?:unavailable|overloaded|loading|busy|not available)\b|\bwarming up\b|\bis loading\b|\bis not ready\b|\bnot (?:at|in) (?:a )?ready state\b|请稍后再试|稍后重试|\b(?:inténtalo|inténtelo|vuelva a intentarlo|tente novamente|versuchen sie es|réessayez|riprova(?:re)?)\b[^.\n]{0,30}(?:más tarde|mais tarde|später|plus tard|più tardi)|(?:más tarde|mais tarde|später|plus tard|più tardi)[^.\n]{0,20}(?:de nuevo|novamente|erneut|à nouveau|di nuovo)|vorübergehend|temporalmente|temporairement|temporaneamente|temporariamente|временно|попробуйте (?:позже|ещё раз позже|еще раз позже)|しばらく(?:して|経って)|後でもう一度|一時的|잠시 후|나중에 다시|일시적|coba lagi (?:nanti|sebentar lagi|beberapa saat)|thử lại sau|tạm thời|daha sonra (?:tekrar )?deneyin|geçici|probeer het later|\btijdelijk|спробуйте (?:пізніше|ще раз пізніше)|тимчасово|حاول[^.\n]{0,20}لاحق|مؤقت|بعدا[ً]? (?:دوباره )?تلاش|موقت|נסה(?:ו)? שוב מאוחר יותר|זמני|बाद में (?:पुनः |फिर से )?(?:प्रयास|कोशिश)|अस्थायी|ลองอีกครั้งในภายหลัง|ชั่วคราว|spróbuj(?:cie)? ponownie później|tymczasowo/;

/**
 * A client's guess at what went wrong, hedged, or one that names our base URL as a cause: Continue
 * "Likely causes: InvalidapiBase: https://… Model/deployment not found for: …"; "This may mean that you
 * forgot to add '/v1'". A list of possible causes is not evidence about the model, and a "not found"
 * beside a base URL called invalid is as likely our URL as the model (why a bare 404 has no rule), so
 * either vetoes a hard verdict as retry words do.
 */
export const HEDGED_CAUSES =
  /\b(?:likely|possible|probable) causes?\b|\bthis (?:may|might|could) mean\b|\binvalid ?(?:api ?base|base ?url)\b/;

/**
 * Something other than the model named as what does not exist or is gone: "The model called a tool that does
 * not exist: search_web", "the model tried to read a path that was not found", "Model returned a reference to
 * a document that is no longer available", "The model's response was not found in the cache"; a parameter
 * called an unknown model parameter; a feature used with the model that is not enabled ("Tool use with this
 * model is not enabled"). The model is the one acting there, or the owner of what is missing, and
 * "model … does not exist" across the sentence is not evidence that the model is unknown (session 27, from
 * sentences of our own), so it vetoes a hard verdict as retry words do. Ollama's "pull model manifest: file
 * does not exist" is the model's own manifest, and stays evidence. Session 28 added, from sentences of our own:
 * a parameter, field or option of the request ("The dimensions parameter does not exist for this model"); a job,
 * a prompt, a store or a card "for this model"; an endpoint, an API or a feature retired ("The completions
 * endpoint is decommissioned for chat models"); and a model that is no id at all, named as null, None or
 * undefined ("model: null is not a valid model"), which is a request that sent no model. Batch 64: a thing
 * "deprecated for this model" is a parameter of ours, never the model itself (OpenCode Zen 400 "temperature is
 * deprecated for this model."). Not "not supported for this model": batch inference or fine-tuning not
 * supported for a model is model_unavailable by the label conventions (wordings-54.ts).
 */
export const ANOTHER_THING_MISSING =
  /(?<!manifest:? )\b(?:tools?|functions?|files?|paths?|documents?|director(?:y|ies)|folders?|threads?|sessions?|assistants?|voices?|buckets?|collections?|indexes|index|tables?|columns?|plugins?|extensions?|templates?|datasets?|attachments?|images?|pages?|users?|responses?|outputs?|answers?|results?|repl(?:y|ies)|completions?|parameters?|params?|fields?|arguments?|options?|jobs?|batch(?:es)?|prompts?|stores?|cards?|caches?)\b(?:\s+(?:named\s+|called\s+)?['"`][^'"`\n]{1,80}['"`])?(?:\s+(?:for|of|used by|owned by|attached to|in|on|with) (?:this|the|that|your) model)?\s+(?:that |which )?(?:does not exist|doesn't exist|did not exist|was not found|is not found|not found|could not be found|cannot be found|(?:is|are|was|were) no longer available|no longer exists?)\b|\b(?:endpoints?|apis?|features?|generation|routes?|surfaces?|sdks?|librar(?:y|ies)|clients?|formats?|modes?)\b(?:\s+(?:for|of|used by|in|on|with) (?:this|the|that|your) model)?\s+(?:is|are|has been|have been|was|were) (?:now )?(?:decommissioned|discontinued|deprecated|retired|removed|shut down|sunset)\b|\b(?:is|are|has been|have been) deprecated for (?:this|the) model\b|\bunknown model (?:parameters?|fields?|options?|arguments?|propert(?:y|ies)|settings?|keys?)\b|\bwith (?:this|the) model (?:is|are) not (?:enabled|available|allowed|supported)\b|\bmodel(?:\s*[=:]\s*|\s+)['"`]?(?:none|null|undefined|nil)\b['"`]?\s*(?:\.\s*)?(?:is not a valid model|is (?:not valid|invalid|unknown)|(?:does|did) not exist|doesn't exist|(?:was |is )?not found)\b/;

/** Our own validator's texts (the benchmark runner writes these, no provider does). */
export const OUR_VALIDATOR =
  /\bempty visible (?:text|output|answer)\b|\btoken budget (?:was )?exhausted\b|\btoken count outside the band\b/;

/** Unambiguous money problems, whatever status they come with. */
export const BILLING_STRONG: readonly RegExp[] = [
  // OpenAI: code insufficient_quota (sent as HTTP 429), billing_hard_limit_reached, billing_not_active.
  // Anthropic type billing_error (402).
  /\binsufficient_quota\b|\bbilling_error\b|\bbilling_hard_limit_reached\b|\bbilling hard limit\b|\bbilling_not_active\b/,
  // Anthropic "Your credit balance is too low…"; OpenRouter 402 "Insufficient credits", "requires more credits".
  /\bcredit balance\b|\binsufficient (?:credits?|balance|funds)\b|\b(?:requires|need|purchase|buy|add) more credits\b|\bout of credits\b|\bcredit limit\b|\bcredits? (?:exhausted|depleted)\b/,
  // 402 reason phrase (DeepInfra, Cerebras, OpenRouter); Bedrock Marketplace INVALID_PAYMENT_INSTRUMENT.
  /\bpayment[ _]required\b|(?:\b|_)payment[ _]instrument\b/,
  // litellm proxy BudgetExceededError "Budget has been exceeded! Current cost: …": the key's spend cap.
  /\bbudgetexceedederror\b|\bbudget has been exceeded\b/,
  // DeepInfra and others: "not enough balance", "your balance is too low", "negative balance".
  /\b(?:not enough|insufficient|negative|low) (?:account )?balance\b|\bbalance (?:is )?(?:too low|insufficient|negative|exhausted)\b/,
  // Fireworks 412 "suspended … monthly spending limit or failure to pay past invoices"; Google
  // Cloud 429 ResourceExhausted "Your billing account has exceeded its monthly spending cap" (a
  // money cap that a per-minute wait does not lift, whatever status carries it).
  /\bspend(?:ing)? (?:limit|cap)\b|\b(?:past|overdue|unpaid) invoices?\b|\bbilling account\b(?:[^.\n]){0,40}?\b(?:exceeded|suspended|closed|disabled|delinquent)\b/,
  // Vertex "This API method requires billing to be enabled" (BILLING_DISABLED).
  /\bbilling to be enabled\b|\bbilling_disabled\b|\bbilling (?:is )?(?:disabled|not enabled)\b/,
  // Chinese-language providers and gateways (Zhipu 1113 "余额不足或无可用资源包,请充值", "您的账户已欠费"):
  // insufficient balance, in arrears, please top up.
  /余额不足|欠费|请充值|充值后/,
  // DashScope code Arrearage: "Access denied, please make sure your account is in good standing"
  // (an overdue payment; the words say account standing, the code says arrears).
  /\b(?:in|on) good standing\b/,
  // OpenRouter 402 in the passive: "More credits are required to run this request. 128000 token
  // capacity required, 19484 available".
  /\bmore credits are required\b|\bcredits? (?:are|is) required to (?:run|complete|process)\b/,
  // An account, team or key that has no credits, whatever envelope carries it: xAI's 403 "The caller
  // does not have permission to execute the specified operation" around "Your newly created team
  // doesn't have any credits yet" (the permission words are the envelope; credits are what is missing).
  /\b(?:doesn't|does not|don't|do not) have (?:any|enough) credits?\b/,
];

/** Credential and account problems in words; they pause the provider, never demote a model. */
export const AUTH_TEXT: readonly RegExp[] = [
  // OpenAI "Incorrect API key provided", Groq/Together "Invalid API Key", Cerebras "Wrong API Key",
  // Gemini "API key not valid", Anthropic "invalid x-api-key", OpenAI "You didn't provide an API key".
  /\b(?:invalid|incorrect|wrong|missing|expired|revoked|disabled) (?:x-)?api[ _-]?key\b|\binvalid_api_key\b|\bwrong_api_key\b|\bapi[ _-]?key\b(?:[^.\n]|\.(?=\S)){0,40}\b(?:not valid|is invalid|invalid|expired|revoked|not found|required|missing|not provided|not set|disabled|deleted|deactivated|inactive|not active|blocked|suspended|must be (?:set|provided|specified))\b|\bdidn't provide an api key\b|\bno api key\b/,
  // Gemini answers a bad key with HTTP 400 INVALID_ARGUMENT: "API key not valid. Please pass a valid
  // API key." (reason API_KEY_INVALID); DeepInfra {"message": "Not authenticated"}.
  // Clients and gateways in their own words: "Authorization failed, please check your API key".
  /\bapi_key_invalid\b|\bpass a valid api key\b|\bauthori[sz]ation failed\b|\bcheck your api[ _-]?key\b|\bnot authenticated\b|\bmissing authentication token\b|\binvalid (?:access|bearer|auth(?:entication)?|session) token\b|\b(?:access|bearer|auth(?:entication)?|session) token (?:is |was |has )?(?:been )?(?:invalid|expired|revoked)\b/,
  // Anthropic authentication_error; Vertex "Request had invalid authentication credentials";
  // OpenRouter 401 "No auth credentials found"; the bare 401 reason phrase.
  /\bauthentication_error\b|\binvalid authentication\b|\bauthentication (?:failed|fails|failure|required)\b|\bno auth credentials\b|\bunauthori[sz]ed\b|\bunauthenticated\b/,
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
  /\b(?:organization|account) (?:has been |is |was )?(?:disabled|deactivated|restricted|suspended|banned)\b|\borganization_restricted\b|\bapi has not been used in project\b|\bservice_disabled\b/,
  // The same in the other word order and as a code: OpenAI account_deactivated "This key is
  // associated with a deactivated account", "You do not have an account because it has been
  // deleted or deactivated"; Bedrock ValidationException "Operation not allowed" (an account not
  // yet cleared to invoke any model: every model answers it alike).
  /\baccount_deactivated\b|\b(?:deactivated|disabled|suspended|banned|deleted) (?:account|organi[sz]ation)\b|\bhas been deleted or deactivated\b|\boperation not allowed\b/,
  // Where the caller is, not which model: Gemini 400 FAILED_PRECONDITION "User location is not
  // supported for the API use", OpenAI 403 unsupported_country_region_territory, Bedrock "Access to
  // Anthropic models is not allowed from unsupported countries, regions, or territories", HTTP 451
  // "… is not available in your region", gateways' RegionError "… not available in your country".
  // The whole provider is closed to this account, so it pauses the provider like bad credentials.
  // Chinese-language gateways: invalid or expired token or key, authentication failed, unauthorised.
  /无效的?(?:令牌|api ?key|密钥)|(?:令牌|api ?key|密钥)(?:已)?(?:过期|无效|错误)|鉴权失败|认证失败|未授权/,
  /\buser location is not supported\b|\bunsupported[ _](?:countr(?:y|ies)|regions?|territor(?:y|ies)|locations?)\b|\bcountry, region,? or territory\b|\bregionerror\b|\byour (?:country|region|location|territory) is not (?:supported|allowed)\b|\bnot (?:available|supported|allowed|permitted) (?:in|from) your (?:country|region|location|territory)\b|\bunavailable for legal reasons\b/,
  // A key by another name: "401 Invalid model key or Incorrect local model configuration" (a
  // client's wording for the provider's 401); the key is bad, not the model id it sits beside.
  /\b(?:invalid|incorrect|wrong|expired|revoked) (?:model|service|provider|access|secret|account) key\b/,
];

/** The prompt does not fit the model (our profile's problem). */
export const CONTEXT_LENGTH: readonly RegExp[] = [
  // OpenAI/Groq/Cerebras "This model's maximum context length is … tokens", code context_length_exceeded.
  /\bcontext_length_exceeded\b|\bmaximum context length\b|\bcontext length exceeded\b/,
  // litellm ContextWindowExceededError; code context_window_exceeded; Anthropic stop_reason
  // model_context_window_exceeded (the answer ran into the window).
  /\bcontextwindowexceedederror\b|\b(?:model_)?context_window_exceeded\b/,
  // Mistral embeddings "Too many tokens in batch. Max is 16384 got 17555": one request too big, not a rate.
  /\btoo many tokens in (?:the |this |a )?(?:batch|request|input|prompt)\b/,
  // Anthropic "prompt is too long: 210000 tokens > 200000 maximum"; Bedrock "Input is too long for requested model".
  /\bprompt is too long\b|\binput is too long\b|\bprompt too long\b/,
  /\bexceeds? (?:the )?(?:model's )?(?:maximum )?context (?:window|length|size)\b|\breduce the length of the (?:messages|prompt|input)\b/,
  // Vertex "The input token count (…) exceeds the maximum number of tokens allowed (…)".
  /\binput token count\b(?:[^.\n]|\.(?=\S)){0,60}\bexceeds\b|\bexceeds the maximum number of tokens allowed\b/,
  // Mistral "too large for model with 32768 maximum context length"; TGI (Together, DeepInfra)
  // "`inputs` tokens + `max_new_tokens` must be <= 8193".
  // Per-request caps: OpenAI "Requested 319487 tokens, max 300000 tokens per request"
  // (max_tokens_per_request); Anthropic 413 request_too_large "Request exceeds the maximum allowed
  // number of bytes"; gateways' "Request Entity Too Large" / "Payload Too Large".
  // DeepInfra "Requested input length 99009 exceeds maximum input length 8192" (sent as a 500).
  /\b(?:input|prompt)(?: length| tokens?| size)?\b(?:[^.\n]|\.(?=\S)){0,40}?\bexceeds?\b(?:[^.\n]|\.(?=\S)){0,40}?\b(?:maximum|max|limit)\b/,
  /\btokens per request\b|\bmax_tokens_per_request\b|\brequest_too_large\b|\bmaximum allowed number of bytes\b|\brequest entity too large\b|\bpayload too large\b/,
  // Chinese-language providers: the context length is exceeded.
  /超出(?:了)?(?:模型)?(?:最大)?(?:上下文|长度|token)|上下文长度(?:超|过长)/,
  // The same in other words: vLLM "longer than the maximum model length", llama.cpp
  // exceed_context_size_error "the request exceeds the available context size", a context window
  // said to be exceeded or full, an input or conversation too long for the model.
  /\bmax(?:imum)?[ _]model[ _]len(?:gth)?\b|\bexceed_context_size\w*|\bcontext (?:window|length|size)\b(?:[^.\n]){0,40}?\b(?:exceed\w*|too (?:long|large|small)|overflow\w*|is full)\b|\b(?:exceed\w*|larger than|longer than)\b(?:[^.\n]){0,30}?\b(?:available |model's )?context(?: window| length| size)\b|\btoo long for (?:the )?(?:model|context)\b|\b(?:messages?|conversation|input) (?:is |are )?too long\b|\binput length\b(?:[^.\n]){0,40}?\b(?:exceed\w*|greater than|longer than|too long)\b/,
  /\btoo large for model with \d+ maximum context length\b|\binputs`? tokens \+ `?max_new_tokens`? must be\b/,
  // The prompt is too long in other servers' words: TGI "`inputs` must have less than 4096 tokens",
  // OpenAI's older "This model's maximum prompt length is 4097 tokens" and "Please reduce your
  // prompt; or completion length", Bedrock "Too many input tokens", "the total number of tokens
  // (prompt + max_tokens) exceeds 8192", LM Studio "loaded with context length of only 4096 tokens",
  // "exceeds the model's token limit". A per-minute or per-day budget in the same words is a rate,
  // and Anthropic's rate-limit advice ("reduce the prompt length … or try again later") is not this.
  /\binputs?[`'"]? (?:tokens? )?must (?:have|be|contain) (?:less|fewer|at most|no more)\b|\bmaximum (?:prompt|input) length is\b|\bplease reduce your prompt\b(?![^\n]{0,60}\btry again)|\btoo many input tokens\b(?! per\b)|\bcontext length of only\b|\bcontext (?:the )?overflows\b/,
  /\btotal (?:number of )?tokens\b(?:(?!\bper\b)[^.\n]){0,40}?\bexceeds?\b(?![^.\n]{0,30}\b(?:per (?:minute|second|hour|day)|rate|quota))|\bexceeds? (?:the )?model(?:'s)? (?:max(?:imum)? )?(?:token|input) limit\b|\b(?:token|input) limit (?:for|of) (?:this|the) model\b|\binput token limit\b(?![^.\n]{0,30}\b(?:per|minute|quota|rate))/,
];

/** Refused by a safety system. */
export const CONTENT_FILTER: readonly RegExp[] = [
  // Azure/OpenAI content_filter, "content management policy"; Anthropic "Output blocked by content filtering policy".
  /\bcontent_filter\b|\bcontent_policy_violation\b|\bcontent management policy\b|\bcontent filtering policy\b/,
  // DeepSeek's moderation answer (HTTP 400 invalid_request_error): "Content Exists Risk".
  /\bcontent exists risk\b/,
  // openai-python ContentFilterFinishReasonError "… the request was rejected by the content filter";
  // Gemini finishReason LANGUAGE ("flagged for using an unsupported language").
  // litellm ContentPolicyViolationError; Anthropic stop_reason "refusal" (a classifier stopped it);
  // "content that violates the policy".
  /\bcontentpolicyviolationerror\b|\bcontent policy violation\b|\b(?:stop_reason|finish_?reason)\W{0,4}refusal\b|\bviolates? (?:the|our|its) (?:content |usage |acceptable use )?polic(?:y|ies)\b/,
  /\bcontentfilterfinishreasonerror\b|\b(?:rejected|blocked|refused|stopped) by (?:the )?content filter\b|\bfinish_?reason\W{0,4}language\b/,
  // OpenAI invalid_prompt "flagged as potentially violating our usage policy"; OpenRouter 403 "your input was flagged".
  /\binvalid_prompt\b|\bflagged\b|\brejected by (?:the )?moderation\b|\bmoderation (?:check )?(?:failed|blocked)\b|\bsafety system\b|\bviolat\w* (?:our|the) usage polic/,
  // Gemini/Vertex finishReason/blockReason SAFETY or PROHIBITED_CONTENT; Bedrock guardrails.
  // Gemini SDKs word the same block many ways: "Message is being blocked for reason: SAFETY",
  // "Candidate was blocked due to RECITATION", "Check the `response.prompt_feedback` to see if the
  // prompt was blocked" (no candidates at all; the PHP client spells it `$promptFeedback`), "…
  // `candidate.safety_ratings` … was blocked".
  // A block reason of 0, None or BLOCK_REASON_UNSPECIFIED (langchain's "'block_reason': 0") says
  // nothing was blocked.
  /\bblocked\b(?:[^.\n]|\.(?=\S)){0,60}\b(?:safety|recitation|prohibited|harm\w*)\b|\b(?:prompt_?feedback|safety_ratings|safety reason)\b(?:[^.\n]|\.(?=\S)){0,80}\bblocked\b(?!['"]?\s*[:=]\s*false\b)|\bblock_?reason\b(?!['"]?\s*[:=]\s*['"]?(?:0|none|null|block_reason_unspecified)\b)|\bfinish_?reason\W{0,4}(?:recitation|blocklist|spii)\b/,
  // An image or text refusal in other words: OpenAI "the prompt may violate our guardrails around
  // nudity…", Stability's safety checker "Potential NSFW content was detected", Google's
  // PUBLIC_ERROR_UNSAFE_GENERATION.
  // Chinese-language providers: sensitive or non-compliant content, content review not passed.
  /(?:包含|含有)?敏感(?:信息|内容|词)|内容(?:违规|不合规)|审核未通过|内容安全/,
  /\bviolate (?:our|the|its) guardrails?\b|\bguardrails? around\b|\bnsfw\b|(?:\b|_)unsafe[_ ](?:generation|content|prompt|image)\b/,
  // Azure "The response was filtered due to the prompt triggering Azure OpenAI's content management policy".
  /\b(?:response|prompt|request|output|completion|content) (?:was|has been) filtered\b|\bfiltered due to\b/,
  // Refusals in other words: harmful or disallowed content, a request rejected for a policy or by moderation.
  // (A WebSocket closed with code 1008 "(policy violation)" is the protocol's name for the close,
  // which the Gemini Live API sends for a session it does not know: not a safety verdict.)
  /\b(?:inappropriate|harmful|unsafe|disallowed|prohibited|explicit|sexual|violent|offensive) content\b|\bcontent (?:moderation|safety)\b|(?<!\b1008 \()\bpolicy violation\b|\b(?:request|prompt|input|output|message|image) (?:was )?(?:rejected|blocked|refused|flagged) (?:due to|because of|for|by)\b(?:[^.\n]){0,40}?\b(?:safety|polic(?:y|ies)|moderation|content)\b/,
  // A request judged risky, in any envelope: Moonshot's 400 "The request was rejected because it was
  // considered high risk", "Your prompt was deemed unsafe".
  /\b(?:considered|deemed|judged|classified as|identified as) (?:to be )?(?:a )?(?:high[- ]risk|unsafe|harmful|risky)\b/,
  // Gemini's Python SDK names the finish reason by its number: "The candidate's
  // [finish_reason](https://ai.google.dev/api/generate-content#finishreason) is 3." 3 SAFETY,
  // 4 RECITATION, 7 BLOCKLIST, 8 PROHIBITED_CONTENT, 9 SPII (the numbers of the other reasons
  // are in MODEL_OUTPUT_INVALID).
  /\bfinish_?reason\b\]?(?:\(https?:[^)\s]*\))?['"]?\s*(?:is|=|:)\s*['"]?[34789]\b(?!\.?\d)/,
  /\bblocked (?:due to|by) (?:the )?safety\b|\bfinish_?reason\W{0,4}safety\b|\bblock_?reason\W{0,4}(?:safety|prohibited_content)\b|\bprohibited_content\b|\bimage_(?:safety|prohibited_content|recitation)\b|\bblocked by (?:the )?guardrail\b|\bguardrail intervened\b/,
];

/**
 * The model answered, but what it produced is unusable: a tool call it could not form, or no
 * output at all. Ours (the prompt or profile needs work), transient-looking but not a provider
 * failure, and never evidence that the model is gone.
 */
export const MODEL_OUTPUT_INVALID: readonly RegExp[] = [
  // Groq 400 tool_use_failed "Failed to call a function. Please adjust your prompt. See
  // 'failed_generation'"; Bedrock ModelErrorException "Model produced invalid sequence as part of
  // ToolUse"; Gemini finishReason MALFORMED_FUNCTION_CALL / UNEXPECTED_TOOL_CALL.
  // openai-python LengthFinishReasonError "Could not parse response content as the length limit was
  // reached"; Gemini finishReason MAX_TOKENS (the answer ran out of its token budget, like our own
  // validator's "token budget exhausted") and TOO_MANY_TOOL_CALLS.
  // Anthropic stop_reason max_tokens and OpenAI finish_reason length say the same; the Responses
  // API says "incomplete … max_output_tokens".
  // Gemini's Python SDK by number ("The candidate's [finish_reason](…) is 2"): 2 MAX_TOKENS, 5 OTHER,
  // 10 MALFORMED_FUNCTION_CALL.
  /\bfinish_?reason\b\]?(?:\(https?:[^)\s]*\))?['"]?\s*(?:is|=|:)\s*['"]?(?:2|5|10)\b(?!\.?\d)/,
  /\blengthfinishreasonerror\b|\blength limit was reached\b|\bfinish_?reason\W{0,4}(?:max_tokens|too_many_tool_calls|length)\b|\bstop_reason\W{0,4}max_tokens\b|\bincomplete\b(?:[^\n]){0,60}?\bmax_output_tokens\b/,
  /\bfailed to call a function\b|\btool_use_failed\b|\bfailed_generation\b|\binvalid sequence as part of tool_?use\b|\bmalformed[ _]function[ _]call\b|\bunexpected_tool_call\b|\btool call (?:validation|generation|parsing) failed\b|\bfailed to parse (?:the )?(?:tool|function) call/,
  // Arguments the model wrote for a tool call that are not valid JSON (not the parameters schema
  // we sent, which is ours): "Failed to parse tool call arguments as JSON", "Invalid function
  // arguments", "tool call arguments could not be parsed".
  /\binvalid (?:json )?(?:tool|function)[ _]?(?:call )?arguments\b|\bfailed to parse (?:the )?(?:tool|function)[ _]?(?:call )?arguments\b|\b(?:tool|function)[ _]?(?:call )?arguments\b(?:[^.\n]){0,40}?\b(?:(?:is|are) not valid json|invalid json|could not be parsed|malformed)\b/,
  // Empty or null choices and empty responses, as SDKs and gateways report them: openai-python
  // "Received response with null value for `choices`", "Response contained no choices", litellm
  // "Response was missing 'choices' key", a KeyError "Error: 'choices'", "returned an empty response".
  // OpenAI 500 model_error "The model produced invalid content. Consider modifying your prompt".
  /\bmodel (?:produced|generated|returned|emitted) (?:invalid|malformed|unparseable|corrupt) (?:content|output|response|json|text)\b/,
  // A tool call the model formed but the provider or server could not use: Vertex "The function
  // call generated by the model is invalid", agents' "Model generated invalid tool call: x", vLLM's
  // parser "Error in extracting tool call from response".
  // A call to a tool we never offered: "Model tried to call unavailable tool 'x'", "called unknown
  // function 'y'" (the model invented it; the tool list we sent is not the problem).
  /\bfailed to (?:generate|produce|emit) (?:a |an )?(?:valid |well-formed )?(?:tool|function)[ _]?calls?\b/,
  /\b(?:tried|attempted) to call (?:an? )?(?:unavailable|unknown|non-?existent|undefined|invalid|unregistered) (?:tool|function)\b|\bcalled (?:an? )?(?:unavailable|unknown|non-?existent|undefined|unregistered) (?:tool|function)\b/,
  /\b(?:function|tool)[ _]?calls?\b(?:[^.\n]|\.(?=\S)){0,40}?\b(?:generated|produced|returned|emitted) by the model (?:is|was) (?:invalid|malformed)\b|\bmodel (?:generated|produced|returned|emitted) (?:an? )?(?:invalid|malformed) (?:function|tool)[ _]?calls?\b|\b(?:error|failed|failure)(?: in| while| to)? (?:extracting|parsing|extract|parse) (?:the )?(?:function|tool)[ _]?calls?\b/,
  // The answer exists but carries nothing a client can read: a JS client reading `choices`/`parts`
  // off a null or absent response ("Cannot read properties of null (reading 'choices')",
  // "n.choices[0] is undefined"), Gemini's SDK "The `response.text` quick accessor only works for
  // simple (single-`Part`) text responses" (the safety-block variants of that sentence are caught
  // as content_filter first), a finish reason of OTHER, or a normal stop with no text ("No response
  // from Anthropic (stop_reason=end_turn, blocks=['thinking'])").
  /\bcannot read propert(?:y|ies) of (?:null|undefined) \(reading '(?:choices|candidates|content|parts|message|text)'\)|\b(?:choices|candidates|parts)(?:\[\d+\])? is (?:undefined|null|empty)\b|\bquick accessor only works\b|\bfinish_?reason\W{0,4}other\b|\bno (?:response|output|content|text)\b(?:[^\n]){0,60}\b(?:stop_reason|finish_?reason)\W{0,4}(?:end_turn|stop)\b/,
  /\bnull value for [`'"]?choices\b|\b(?:contained|with|returned) no (?:choices|candidates|content)\b|\bmissing [`'"]?choices\b|\b(?:key)?error: ['"]choices\b|\bchoices[`'"]? (?:is |was |were )?(?:empty|null|none|missing)\b|\b(?:returned|received|got|produced|generated) (?:an )?empty (?:response|completion|output|content|message|candidates?)\b|\b(?:has|have|had) no (?:choices|candidates)\b|\bno (?:choices|candidates)(?: were| was)? returned\b|"choices"\s*:\s*null\b|\bempty (?:choices|candidates)\b|\bempty response from (?:the )?(?:model|provider|api|llm|upstream)\b|\b(?:model |llm )?(?:response|output|completion) (?:was |is )?empty\b|\bended with (?:an )?empty (?:response|output|text|content|completion)\b|\bno (?:content|output|text) (?:was )?(?:returned|generated|produced)\b|\bno (?:content|output|text|message|choices|candidates) in (?:the )?(?:response|completion|answer)\b|\b(?:did not|didn't|does not|doesn't) contain any (?:candidates|choices|content|text|output)\b/,
  // The model asked for a tool the request never offered (Groq "requested tool does not exist",
  // "attempted to call tool 'x' which was not in request.tools"): the model invented it.
  /\brequested (?:tool|function) (?:does not exist|not found|is not available)\b|\bnot in request\.tools\b/,
  // An answer with the structure but nothing in it, as Gemini SDK reprs print a candidate: "'parts':
  // []" (the content holds no part), "'token_count': 0" (no token was generated).
  /["']?\bparts["']?\s*[:=]\s*\[\s*\]|\b(?:candidates_)?token_count["']?\s*[:=]\s*0\b/,
];

/**
 * An answer whose structure is there but empty, as a body or an SDK repr prints it: `"choices":
 * []`, `candidates=[]`, or a Gemini candidate whose content holds only its role
 * (`content=Content(role='model')`, `"content": {"role": "model"}`): the model returned nothing.
 */
export const EMPTY_ANSWER =
  /["']?\b(?:choices|candidates)["']?\s*[:=]\s*\[\s*\]|\bcontent["']?\s*[:=]\s*(?:content\()?\s*\{?\s*["']?role["']?\s*[:=]\s*["']model["']\s*[)}]/;

/** Our request is wrong for this model or endpoint. */
/**
 * A validator's error located in the request body: FastAPI and pydantic servers (vLLM, Mistral, TGI and
 * the gateways in front of them) answer `'loc': ('body', …)` or `"loc":["body",…]` for a field or a body
 * they rejected, whatever the words beside it (even a JSON decoder's "Expecting ',' delimiter", which
 * elsewhere is a model's answer that did not parse). The location makes it ours.
 */
export const IN_REQUEST_BODY = /['"]loc['"]\s*:\s*[([]\s*['"]body['"]/;

export const BAD_REQUEST: readonly RegExp[] = [
  // No model was sent at all ("Invalid model name passed in model=None"): our request, not an
  // unknown id, so before any hard verdict. (A response object printing "model=None" says nothing.)
  /\bpassed in model=(?:none|null|undefined)\b/,
  // litellm could not tell which provider to call ("LLM Provider NOT provided. Pass in the LLM
  // provider you are trying to call"): our configuration, whatever status its wrapper carries.
  /\bllm provider not provided\b|\bpass in the llm provider\b/,
  // OpenAI wrong API surface (these come as HTTP 404): "This model is only supported in
  // v1/responses and not in v1/chat/completions", "This is not a chat model and thus not supported
  // in the v1/chat/completions endpoint. Did you mean to use v1/completions?".
  /\b(?:only|not) supported in (?:the )?v1\/|\bnot a chat model\b|\bis a chat model and not supported\b|\bdid you mean to use v1\//,
  // OpenAI "Unsupported parameter: 'max_tokens'…", "Unsupported value: 'temperature'…"; Azure
  // "Unrecognized request argument supplied"; pydantic-based servers "Extra inputs are not
  // permitted"; Bedrock "Malformed input request: extraneous key [top_k] is not permitted"; Groq
  // "property 'x' is unsupported".
  /\bunsupported[ _](?:parameter|value)\b|\bunrecognized request argument\b|\bunknown (?:parameter|field|argument)\b|\bextra inputs are not permitted\b|\bextraneous key\b|\bmalformed input request\b|\bproperty '[^']{1,80}' is unsupported\b/,
  // A named feature the model lacks (Bedrock "This model doesn't support tool use in streaming mode"; Chatbox
  // "the current model … API does not support web browsing").
  /\b(?:does not|doesn't|do not|don't) support (?:the )?['"`]?(?:parameters?|tools?|tool use|tool_choice|tool calling|functions?|function calling|system(?: messages?| prompts?| role)?|images?|image input|vision|stream(?:ing)?|json(?: mode)?|response_format|structured outputs?|logprobs|temperature|top_[pk]|reasoning(?:_effort)?|thinking|parallel tool calls|max_tokens|stop(?: sequences)?|chat(?: completions?)?|multimodal|audio|web[ _-]?(?:browsing|search|access)|browsing)\b/,
  // A named feature refused whatever model it names: DeepInfra "Tool calling is not supported for
  // model: x", gateways' "The tool call is not supported".
  /\b(?:tool[ _]?calls?|tool calling|tool use|tools|function calling|function calls?|tool_choice|streaming|system (?:messages?|prompts?)|images?|vision|json mode|response_format|structured outputs?|logprobs|parallel tool calls)\b (?:is|are) not (?:supported|enabled|available)\b/,
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
  /\bmust be verified to stream\b/,
  // Azure: the api-version we sent is wrong ("Unsupported api-version", "Api version 2099-01-01 is
  // not supported", "The model 'x' is not supported in API version 2023-05-15"); unlike Gemini's
  // "models/x is not found for API version v1beta", which is the model's story.
  /\b(?:unsupported|invalid) api[ _-]?version\b|\bapi[ _-]?version\W{0,4}[\w.-]{1,20}\W{0,4}is not supported\b|\bnot supported in (?:the )?api[ _-]?version\b|\binvalidapiversion\b/,
  // OpenRouter "No endpoints found that support tool use" / "… that can handle the requested
  // parameters": a capability of our request, unlike "No endpoints found for <model>".
  /\bno endpoints found that (?:support|can handle)\b/,
  // The conversation we sent is malformed: Anthropic "`tool_use` ids were found without
  // `tool_result` blocks immediately after", "unexpected `tool_use_id` found", gateways' code
  // invalid_request_body.
  // A required field we did not send, or messages in an order the provider refuses: DashScope
  // missing_required_parameter "you must provide a messages parameter", Volcengine MissingParameter
  // "missing `model` parameter", Perplexity/Mistral "user or tool message(s) should alternate with
  // assistant message(s)", Anthropic/Bedrock "roles must alternate"; Azure OperationNotSupported
  // "The chatCompletion operation does not work with the specified model" (an embeddings or
  // completions deployment called for chat).
  /\bmissing_?required_?parameter\b|\bmissingparameter\b|\bmust provide an? [`'"]?\w{1,40}[`'"]? parameter\b|\bmissing [`'"]?\w{1,40}[`'"]? parameter\b|\b(?:should|must) alternate\b|\boperationnotsupported\b|\boperation does not work with the specified model\b/,
  /\btool_use[`'"]? ids? (?:were|was) found without\b|\bunexpected [`'"]?tool_use_id\b|\beach [`'"]?tool_use[`'"]? block must have\b|\binvalid_request_body\b/,
  // The wrong surface, named by the provider: Fireworks "model is missing conversation_config,
  // please use /completions API instead"; AWS UnknownOperationException "The requested operation
  // is not recognized by the service" (a client calling the control-plane host for inference).
  /\buse (?:the )?\/?[\w/.-]{0,40} (?:api|endpoint) instead\b|\bconversation_config\b|\boperation is not recognized by the service\b|\bunknownoperationexception\b/,
  // Something of ours the provider needs sent back in the next request: DeepSeek "The
  // reasoning_content in the thinking mode must be passed back to the API".
  /\bmust be (?:passed|sent|echoed|returned) back\b/,
];

/**
 * A 404 whose body is a web server's, not an API's: Go net/http "404 page not found", an nginx
 * or Cloudflare HTML page, Express "Cannot POST /v1/…", OpenAI "Invalid URL (POST /v1/…)",
 * FastAPI {"detail":"Not Found"}, a Spring-style body naming the path it could not route
 * ({"error": "Not Found", "path": "/v1/…"}). The route does not exist, so our base URL or path is wrong.
 */
export const ROUTE_NOT_FOUND =
  /\b404 page not found\b|<html|<!doctype|\bcannot (?:post|get) \/|\binvalid url \(|\bno route\b|\broute not found\b|["']detail["']\s*:\s*["']not found["']|['"]path['"]\s*:\s*['"]\//;

/**
 * A 404 for a URL the message names ("404 Client Error: Not Found for url: https://…/v1/chat/completions",
 * `POST "https://…/v1/chat/completions/responses": 404 Not Found`), when nothing in it names a model,
 * deployment or endpoint: the path we called is not served, so our base URL or route is wrong. A
 * model's 404 names the model, in its words or in its URL (Bedrock's /model/…/invoke, Vertex's
 * …/models/…:generateContent, Replicate's /models/…), and is read by the hard rules instead.
 * Ollama's own routes (/api/chat, /api/generate) answer 404 for a model not pulled, so they are not
 * a wrong route either.
 */
export const URL_NOT_FOUND = /\bhttps?:\/\/[^\s"'`]+\/[^\s"'`]*|\b(?:post|get) \/v\d[\w/.-]*/;
export const NAMES_A_MODEL =
  /\bmodels?\b|<model>|\bdeployments?\b|\bengines?\b|\bendpoints?\b|\bversions?\b|\/api\/(?:chat|generate)\b/;

/** Provider-side limits on how fast we call. */
export const RATE_LIMIT: readonly RegExp[] = [
  // "rate_limit_exceeded" (OpenAI/Groq code), "rate_limit_error" (Anthropic type), "Rate limit
  // reached for …", Bedrock ThrottlingException "Too many requests"/"Too many tokens", "Rate exceeded".
  /\brate[ _]limit(?:ed|s)?\b|\brate_limit_(?:exceeded|error)\b|\brate exceeded\b|\btoo many (?:concurrent )?(?:requests|tokens)\b|\bconcurren(?:cy|t requests?) limit\b|\b(?:request|token)s? limit\b(?: \([^)\n]{1,40}\))? (?:reached|exceeded|hit)\b|\bthrottl/,
  // Per-interval budgets: "tokens per minute (TPM)", Cerebras "Requests per minute limit exceeded",
  // Vertex "…_requests_per_minute_per_project_per_base_model".
  // OpenAI 503 "Slow Down": "reduce your request rate to its original level".
  /\breduce your request rate\b/,
  // Chinese-language providers (Baidu ERNIE "访问过于频繁，请稍候再试", "并发超限"): requests too
  // frequent, concurrency or frequency over the limit.
  /访问过于频繁|请求过于频繁|请求速度过快|频率超限|并发超限/,
  // Chinese-language providers: requests too frequent, rate limited.
  /请求(?:过于|太)频繁|频率(?:限制|超限)|速率限制|限流/,
  // Azure OpenAI "Number of request tokens has exceeded your per-minute limit"; "per-second rate limit".
  /\bper[- ](?:minute|second|hour|day) (?:rate |request |token )?(?:limit|quota)\b/,
  /\b(?:requests|tokens|queries) per (?:minute|min|second|day|hour)\b|\b(?:tpm|rpm|rpd|tpd)\b|per_minute|per_day/,
  // Vertex/Gemini ResourceExhausted "Resource has been exhausted (e.g. check quota)", "Quota exceeded
  // for …"; Bedrock ServiceQuotaExceededException "Your request exceeds the service quota … You can
  // resubmit your request later" (transient: it is a per-minute/per-day token quota).
  /\bquota exceeded\b|\bresource (?:has been )?exhausted\b|\bresource_exhausted\b|\bservicequotaexceeded(?:exception)?\b|\bexceeds the service quota\b/,
  // The same in other grammatical forms: Together "Request was rejected due to rate limiting. As a
  // free user, your QPS is 1", "rate-limited upstream", queries per second.
  /\brate[ _-]?limit(?:ing|ed)\b|\b(?:your|the) qps\b|\bqps (?:limit|is \d)/,
  // A per-user allowance that comes back by itself: Gemini CLI 429 "You have exhausted your
  // capacity on this model. Your quota will reset after 8h44m7s".
  /\bquota will reset\b|\b(?:quota|limit)s? (?:will )?resets? (?:in|after|at)\b/,
];

/**
 * Spending caps in words, after the rate-limit rules (a per-minute or per-day window is a rate):
 * OpenRouter 403 "Key limit exceeded (total limit)", Anthropic "You have reached your specified
 * workspace API usage limits. You will regain access on <date>", monthly usage caps.
 *
 * OpenAI's insufficient_quota text without the code. Gemini uses the same words for per-minute
 * free-tier limits, but those also say RESOURCE_EXHAUSTED or a per-minute metric and are caught
 * by the rate-limit rules first.
 */
export const BILLING_WEAK =
  /\bexceeded your current quota\b|\bcheck your plan and billing details\b|\bkey limit exceeded\b|\b(?:monthly|workspace|spend(?:ing)?) (?:api )?usage limits?\b|\busage limits? for (?:this|the) month\b|\bregain access on\b/;

/**
 * The provider says it has no capacity for the model, whatever status or quota wording wraps it
 * (Vertex answers "No capacity available for model x on the server" as a 429 RESOURCE_EXHAUSTED
 * with reason rateLimitExceeded; Moonshot a 429 engine_overloaded_error that clients label "Rate limit
 * exceeded"): it is short of servers, not counting our requests. Anthropic's clients say the same
 * outright (batch 25): "Server is temporarily limiting requests (not your usage limit)".
 */
export const CAPACITY_SHORTAGE =
  /\bno capacity available\b|\bserver is (?:temporarily )?limiting requests\b|\bnot your (?:usage|rate) limit\b|\bengine_overloaded\w*|\bengine is (?:currently )?overloaded\b|\b(?:model|server|service|engine) is (?:currently |temporarily )?(?:at|over|out of) capacity\b/;

/** The provider is short of capacity (not our rate). */
export const OVERLOADED: readonly RegExp[] = [
  // Anthropic 529 overloaded_error; OpenAI "That model is currently overloaded"; Mistral "Service
  // tier capacity exceeded"; Groq 498 flex capacity.
  /\boverload(?:ed|ing)?(?:_error)?\b|\bover capacity\b|\bcapacity (?:exceeded|constraints?)\b|\b(?:at|out of|insufficient|no) capacity\b|\bcapacity_exceeded\b/,
  // Cerebras queue_exceeded "We're experiencing high traffic right now!"; Bedrock
  // ModelNotReadyException; TGI (Together) "overloaded or not ready yet"; cold starts.
  // Chinese-language providers: the server or system is busy, the load is saturated.
  /(?:服务器|系统|服务)繁忙|负载(?:过高|已饱和)/,
  /\bhigh (?:demand|traffic|load)\b|\bqueue_exceeded\b|\b(?:server|system|service) is busy\b|\bno available (?:workers|replicas|instances|capacity|servers|backends)\b|\bmodel (?:is )?busy\b|\bmodelnotready(?:exception)?\b|\bnot ready to serve\b|\bnot ready yet\b|\bcurrently loading\b|\bwarming up\b/,
  // A full request queue is a provider short of servers, in any spelling (Groq's legacy 503
  // "ErrorQueueFull", "queue is full"), and heavy traffic in other words ("The model you've selected
  // is experiencing a high volume of traffic").
  /queue_?full\b|\bqueue (?:is |was )?(?:full|at capacity)\b|\bhigh volume of (?:traffic|requests|usage)\b|\bexperiencing (?:a )?(?:high|heavy|unusually high) (?:volume|load|usage|traffic|demand)\b/,
];

/**
 * "Try again later" means overloaded (Bedrock ServiceUnavailableException), except on a 429,
 * where it is the provider's way of saying rate-limited (Vertex "429 … Please try again later").
 */
export const TRY_LATER = /\btry again later\b|\bretry later\b|\btemporarily unavailable\b/;

/** Our deadline (AbortSignal) or the provider's, at any layer. */
export const TIMEOUT: readonly RegExp[] = [
  // No leading \b on purpose: matches ReadTimeout, APITimeoutError, ModelTimeoutException,
  // UND_ERR_CONNECT_TIMEOUT, TimeoutError (exception type), "Request timed out".
  // "timedout" covers node ETIMEDOUT and request's ESOCKETTIMEDOUT. A function named for its
  // deadline (the Anthropic SDK's "at Anthropic.fetchWithTimeout" in a stack trace) says nothing, nor does
  // a setting named for one in advice ("API_TIMEOUT_MS=600000ms, try increasing it" after "Connection error.").
  /(?<!with)timeout(?!_ms\b)|timed ?out|time-out|deadline[ _]?exceeded|\btook too long\b|\bexceeded (?:the |its |our )?(?:[\w-]{1,20} )?deadline\b/,
  // Chinese-language clients: "请求超时" (the request timed out).
  /超时/,
  // A stream that stopped sending: "model stream stalled for 45000ms without data".
  /\b(?:stream|response|request|connection)\b(?:[^.\n]){0,20}?\bstalled\b|\bwithout (?:any )?data for\b/,
  // Our deadline aborts the request: DOMException AbortError "This operation was aborted".
  /\baborterror\b|\boperation was aborted\b|\brequest was aborted\b/,
];

/** The connection itself failed (DNS, TCP, TLS), before or while talking to the provider. */
export const NETWORK: readonly RegExp[] = [
  /\be(?:connreset|connrefused|connaborted|notfound|hostunreach|netunreach|pipe|ai_again)\b|\bund_err_(?:socket|closed|connect)\w*/,
  /\bgetaddrinfo\b|\bname or service not known\b|\bnodename nor servname\b|\btemporary failure in name resolution\b|\bdns\b/,
  // undici "fetch failed", node "socket hang up", openai/anthropic APIConnectionError "Connection
  // error.", httpx RemoteProtocolError "incomplete chunked read", botocore EndpointConnectionError.
  // A stream the other side cut: undici "TypeError: terminated" (cause "SocketError: other side
  // closed"), httpx "peer closed connection without sending complete message body", gateways'
  // stream_terminated.
  /error: terminated\b|\bterminated: typeerror\b|^\W*terminated\W*$|\bstream[ _](?:was )?terminated\b|\bpeer closed connection\b|\bstream (?:disconnected|closed|ended) before\b|\bdisconnected before completion\b|\berror sending request\b|\berror decoding response body\b|\bcannot connect to host\b|\bconnection (?:was )?(?:closed|terminated) (?:unexpectedly|prematurely)\b/,
  // Vercel AI SDK "AI_APICallError: terminated" (above); "Premature end of stream"; the Anthropic
  // SDK's "stream ended without producing a Message".
  /\bpremature end of (?:the )?(?:stream|response|body|file)\b|\bstream ended without (?:producing|sending|emitting)\b/,
  // HTTP/2 stream reset by the server (Go: "stream error: stream ID 353; INTERNAL_ERROR; received
  // from peer"): the transport was cut, whatever the code in it says.
  /\bstream error: stream id \d+\b|\brst_stream\b|\bwas not closed cleanly\b/,
  // A body cut off mid-read, in each client's words: python http.client IncompleteRead, requests
  // ChunkedEncodingError "Response ended prematurely", aiohttp ClientPayloadError "Response payload
  // is not completed".
  /\bincompleteread\b|\bincomplete read\b|\bchunkedencodingerror\b|\bresponse ended prematurely\b|\bclientpayloaderror\b|\bresponse payload is not completed\b/,
  /\bsocket hang up\b|\breset by peer\b|\bsocket (?:was )?closed\b|\bfetch failed\b|\bconnection (?:error|reset|refused|aborted|closed|lost|failed)\b|\bremotedisconnected\b|\bremote end closed connection\b|\bremoteprotocolerror\b|\bincomplete chunked read\b|\bother side closed\b|\bpremature close\b|\bendpointconnectionerror\b|\bcould not connect to the endpoint\b|\bserver disconnected\b|\bnetwork (?:error|is unreachable)\b/,
  /\beof occurred in violation of protocol\b|\bunexpected eof\b|\bssl\b|\btls\b|\bsslerror\b|\bcertificate\b|\bcert_\w+|\berr_tls\w*|\bself[- ]signed\b|\bhandshake\b/,
];

/**
 * A proxy on our side of the network asking for its own credentials (407 Proxy Authentication Required): our
 * network path, not the provider's verdict on our key, so read before the credential words (batch 70).
 */
export const PROXY_WANTS_CREDENTIALS = /\bproxy[- ]authenticat(?:e|ion) required\b|\bproxy-authenticate\b/;

/**
 * A stream or connection that ended before the answer did, in words ("Stream ended unexpectedly",
 * "connection dropped abruptly"). Only when no status was given: "Response stream finished
 * unexpectedly with internal error: … 404 Not Found {…}" is the 404's story, not a transport one.
 */
export const STREAM_CUT_OFF =
  /\b(?:stream|response|connection|socket)\b(?:[^.\n]){0,20}?\b(?:ended|closed|finished|terminated|interrupted|cut off|dropped|aborted)\b(?:[^.\n]){0,20}?\b(?:unexpectedly|prematurely|abruptly|early)\b/;

/**
 * Client exception classes that wrap whatever went wrong (litellm raises APIConnectionError
 * around a Bedrock IAM refusal): evidence of a network failure only when nothing more specific
 * was said, so they are checked after the hard kinds.
 */
export const NETWORK_WRAPPERS = /\bapiconnectionerror\b|\bconnecterror\b/;

/** The provider says the model was retired. Positive evidence only; vetoed by transient context. */
export const RETIRED: readonly RegExp[] = [
  // Groq "The model `x` has been decommissioned and is no longer supported" (model_decommissioned).
  /\bdecommissioned\b|\bmodel_decommissioned\b|\bmodel_(?:retired|deprecated)\b/,
  // Bedrock "This model version has reached the end of its life".
  /\bend of (?:its )?life\b|\bend-of-life\b/,
  // OpenAI "The model `text-davinci-003` has been deprecated" (past tense: a retirement, not a notice).
  // "model" after a dot is a name in code (the openai SDK's "openai.Model … is no longer supported
  // in openai>=1.0.0" is its own API removed), not a model, here and below.
  /(?<!\.)\bmodels?\b(?:[^.\n]|\.(?=\S)){0,120}?\b(?:has been|have been|was|is|is now) (?:deprecated|retired|discontinued|sunset|shut down|removed)\b/,
  // A retirement with its date: Gemini "[404 Not Found] Gemini 1.0 Pro Vision has been deprecated on
  // July 12, 2024. Consider switching to different model"; Azure "is in deprecating state and
  // cannot be used", SiliconFlow's code 20012 "Model is deprecating, please switch to …" (refused now, not
  // a notice for a date); Bedrock "This Model is marked by provider as Legacy".
  /\b(?:has been|have been|was|were) (?:deprecated|retired|decommissioned|discontinued|sunset|shut down) (?:on|as of|since) \w|\bin (?:a )?deprecat(?:ing|ed) state\b|(?<!\.)\bmodels?\b[^.\n]{0,60}?\b(?:is|are) deprecating\b(?! (?:on|in|after|from|at)\b)|\bmarked (?:by (?:the )?provider )?as (?:legacy|deprecated|retired)\b/,
  // A model retired by its provider, even where the text also says "not found": "Model not found —
  // retired by xAI." (a retirement says more than an id unknown; "to be retired by June" is a notice).
  /(?<!\.)\bmodels?\b[^.\n]{0,80}?(?<!\bbe )\bretired by\b/,
  // Together/DeepInfra "Model x is deprecated and no longer available"; in other words of our own (session 28),
  // "Model sunset: x stopped serving on 2025-07-21", "The model you requested was taken offline permanently".
  /(?<!\.)\bmodels?\b(?! (?:servers?|service|host|runner|backend)\b)(?:[^.\n]|\.(?=\S)){0,120}?\b(?:no longer (?:supported|available|served|offered)|(?:stopped|ceased) serving(?! (?:requests|traffic|calls)\b)|(?:taken|went|gone) offline (?:for good|permanently)|permanently (?:taken offline|offline|removed|unavailable|shut down))\b/,
];

/** A deprecation notice about the future is not a retirement: the call failed for another reason. */
export const FUTURE_RETIREMENT =
  /\bwill be (?:deprecated|retired|removed|discontinued|shut down|decommissioned)\b|\bscheduled (?:for|to be) (?:deprecation|retirement|removal)\b/;

/**
 * "model" as the subject of a sentence, with the id between when there is one: masked (<model>),
 * quoted, or id-shaped (a digit or a separator in it). "The models endpoint is not available"
 * names no model, so it is not positive evidence.
 */
const MODEL_SUBJECT = String.raw`\bmodels?(?:\s+(?:<model>|[${"`"}'\"][^${"`"}'\"\n]{1,120}[${"`"}'\"]|\S*[\d/:_-]\S*))?\s+`;

/**
 * "not available" with a complement saying for whom or where, not when ("at the moment" is transient),
 * and a complement there at all: "… not available in your" cut before its noun does not say whether the
 * account, its plan or its region (credentials' matter, patterns above) is meant.
 */
const NOT_AVAILABLE_TO = String.raw`not available (?:for|to|on|in|with|via|through|from) (?!(?:now|the moment|this time|present|the time being)\b)(?!(?:your|the|this|its|a|an)?\W*$)`;

/**
 * A model "not available" with nothing said of why (DeepInfra's 404 {"detail":{"error":"Model is not
 * available"}}, a client's heading "Model not available" above "This model provider doesn't serve
 * your region"): the words alone are not evidence about the model (classify.ts). The provider's 404
 * for it is, and so is a reason in the account's own terms beside it (NOT_AVAILABLE_WHY).
 */
export const MODEL_NOT_AVAILABLE_BARE = new RegExp(
  `\\bmodels? (?:is )?not available\\b|${MODEL_SUBJECT}(?:is|are) not available\\b`,
);

/**
 * Why a model is not available, in the account's terms: its organisation's policy or administrator
 * turned it off (Copilot "✗ Model "x" is not available. It may be disabled by your organization's
 * policy."). Said of the account, not of the hour, so it makes a bare "not available" evidence.
 */
export const NOT_AVAILABLE_WHY =
  /\b(?:disabled|blocked|not allowed|turned off|restricted) by (?:your |the )?(?:organi[sz]ation|enterprise|admin(?:istrator)?)(?:'s)?\b/;

/** The model exists but not for this account or call path. Positive evidence only. */
export const UNAVAILABLE: readonly RegExp[] = [
  // Fireworks 404 "Model not found, inaccessible, and/or not deployed": the one hard kind its
  // three alternatives share is "not usable by us"; it does not say the id is unknown. Hugging Face
  // "This model isn't deployed by any Inference Provider" says it in the contraction (batch 49).
  /\b(?:not|isn't|aren't) deployed\b/,
  // Bedrock "Invocation of model ID … with on-demand throughput isn't supported. Retry your
  // request with the ID or ARN of an inference profile that contains this model."
  /\bon-demand throughput\b|\bid or arn of an inference profile\b/,
  // Bedrock 403 "You don't have access to the model with the specified model ID"; OpenAI 403
  // "Project `proj_…` does not have access to model `o1`" (code model_not_found, yet the model exists).
  // (Unless the same sentence offers "or the model name is invalid": then the id is in doubt.)
  /\b(?:don't|do not|does not|doesn't) have access to (?:the |this )?models?\b(?!(?:[^.\n]|\.(?=\S)){0,40}\bor\b(?:[^.\n]|\.(?=\S)){0,40}\b(?:invalid|not exist|does not exist|not found)\b)/,
  // OpenAI "Your organization must be verified to use the model `o3`" (404 or 403): this account
  // cannot use this model until it verifies, like Groq's terms acceptance (streaming it is ours).
  /\bmust be verified to (?:use|access)\b|\borganization verification (?:is )?required\b/,
  // Groq "The model `x` requires terms acceptance" (model_terms_required).
  /\bmodel_terms_required\b|\brequires terms acceptance\b|\baccept the (?:model )?terms\b|\baccept (?:the |this )?model'?s? (?:terms|license|eula|agreement)\b/,
  // Together "Unable to access non-serverless model … create and start a new dedicated endpoint";
  // Together code model_not_available "Unable to access model …".
  /\bnon-serverless model\b|\bdedicated endpoint\b|\bmodel_not_available\b|\bunable to access model\b/,
  // OpenRouter "No endpoints found for <model>", "No allowed providers are available for the
  // selected model" (our routing preferences exclude every provider serving it). Not "No endpoints
  // found that …": a relative clause names a capability the endpoints lack (our request, above), even
  // when a log cut it before its verb ("No endpoints found that supp").
  /\bno endpoints found\b(?! that\b)|\bno allowed providers are available\b/,
  // Vertex "Publisher Model …/claude-x is not servable in region us-central1": the model exists but
  // is not hosted where we called it (unlike "not available in your region", which is the caller's).
  /\bis not servable\b|\bnot (?:servable|served|hosted|deployed|offered) in (?:the )?(?:region|location)\b/,
  // Bedrock (Anthropic models) "Model use case details have not been submitted for this account".
  /\buse case details have not been submitted\b/,
  // The model not available for someone or somewhere: the id with a complement ("Model <model> is
  // not available for inference", "The requested model x is not available on this endpoint", "… for
  // integrator "opencode"", "… to the configured accounts"); a bare "Model not available" says
  // nothing of why (the region, the plan, the hour) and is only evidence under a 404
  // (MODEL_NOT_AVAILABLE_BARE). A provider that does not serve it (Hugging Face router "Model x is
  // not supported by provider y", "not served by this provider"); serverless not offered for it.
  new RegExp(`\\bmodels? (?:is )?${NOT_AVAILABLE_TO}|${MODEL_SUBJECT}(?:is|are) ${NOT_AVAILABLE_TO}`),
  new RegExp(
    `${MODEL_SUBJECT}(?:is|are) not (?:supported|served|available|offered) (?:by|on|from|via) (?:this |the |any )?(?:inference )?(?:provider|endpoint)s?\\b|\\bnot (?:available|supported|offered) (?:for|on|via) serverless\\b`,
  ),
  // Bedrock "Access to model x is not enabled": per-model access not granted to this account.
  new RegExp(`\\baccess to (?:the |this )?${MODEL_SUBJECT.slice(2)}is not (?:enabled|granted)\\b`),
  // "Model x is not available for your account", "… is not available on the free tier": the model
  // exists, this account's plan cannot use it. Also said of "a model that isn't available for your org"
  // (OpenAI's playground, batch 71).
  new RegExp(
    `${MODEL_SUBJECT}(?:(?:that|which) )?(?:(?:is|are) not|isn't|aren't) (?:available|enabled|accessible) (?:for|to|on|with|in) (?:your|this|the) (?:account|org(?:ani[sz]ation)?|project|team|api key|subscription|(?:free |current )?(?:tier|plan))\\b`,
  ),
  // OpenAI fine-tuned model shared without permission.
  /\bnot allowed to sample from this model\b/,
  // Vertex 400 FAILED_PRECONDITION "Project `p` is not allowed to use Publisher Model `…`" (the
  // partner model is not enabled in Model Garden for this project).
  /\bnot (?:allowed|permitted|entitled) to (?:use|access|call|invoke) (?:the |this )?(?:publisher )?models?\b/,
  // Access that has to be asked for or switched on first, per model. The model must be what is not
  // enabled: "Streaming for this model is not enabled" is a feature refused (our request).
  /\brequest access to (?:this |the )?models?\b|\bmodel access (?:has not been|is not|was not) (?:granted|enabled)\b|(?<!\bfor (?:this |the |that |your )?)\bmodel is not enabled\b/,
];

/**
 * The provider does not know this model id. Positive evidence only. (Here and elsewhere, a
 * "same sentence" window is `(?:[^.\n]|\.(?=\S))`: a period ends a sentence only when followed
 * by whitespace, so ids like "gemini-1.5-pro" or "llama3.1-70b" do not cut the window.)
 */
export const NOT_FOUND: readonly RegExp[] = [
  // OpenAI/Groq/Cerebras code model_not_found; Mistral type invalid_model.
  /\bmodel_not_found\b|\binvalid_model\b/,
  // "The model `x` does not exist", Vertex "Publisher Model `…` was not found or your project does
  // not have access to it", Gemini "models/x is not found for API version v1beta", DeepSeek "Model Not Exist".
  // "models" as a segment of a URL path (".../v1/models/x/predictions failed with status 404 Not
  // Found") is the route, not the word model.
  /(?<!\/)\bmodels?\b(?:[^.\n]|\.(?=\S)){0,160}?\b(?:does not exist|doesn't exist|(?<!\b(?:may|might|could) )not exist|not found|could not be found|cannot be found|(?:could not|cannot|can't) be located)\b/,
  // Bedrock "The provided model identifier is invalid", "Could not resolve the foundation model
  // from the provided model identifier"; OpenRouter "x is not a valid model ID"; Mistral
  // "Invalid model: x"; Ollama-style "unknown model". Not Triton's "Request for unknown model: 'x'", its
  // prefix to every refusal of a model, not-ready versions too: what follows it says which (batch 43).
  /\bprovided model identifier is invalid\b|\bcould not resolve the foundation model\b|\bis not a valid model\b|\binvalid model(?: id| name| identifier)?\s*[:'"`<]|(?<!\brequest for )\bunknown model\b|\bno such model\b|\bcould not find (?:the )?model\b|\bcannot find (?:the )?model\b|\bunrecognized model\b|\bmodel name is invalid\b|\binvalid model name\b|\binvalid_model_id\b|\binvalid model\b(?!\s*(?:param|input|argument|format|config|setting|request|output|response))/,
  // The id names nothing the provider serves, in its own nouns: a deployment (Azure
  // DeploymentNotFound "The API deployment for this resource does not exist", Fireworks), or a
  // model that the API version does not know ("gemini-pro is not found for API version v1beta").
  // Bedrock ValidationException "Value 'x' at 'modelId' failed to satisfy constraint: Member must
  // satisfy regular expression pattern": the id we sent cannot name any model.
  /\bat ['"]?model_?id['"]? failed to satisfy constraint\b/,
  // Chinese-language providers: "模型不存在" (the model does not exist), "找不到模型", "未找到这个模型"; not a
  // model's file, configuration, list or directory ("未找到模型文件"), which are ours.
  /模型(?:名称)?(?:不存在|未找到)|(?:找不到|未找到|没有找到)(?:该|此|这个|這個|指定的|所请求的|所請求的)?模型(?!配置|文件|列表|目录|路径)/,
  // In other words of our own (session 28): "There is no deployment named gpt4o-prod", "Deployment 'chat-prod'
  // could not be located".
  /\bdeploymentnotfound\b|\bdeployment\b(?:[^.\n]|\.(?=\S)){0,60}?\b(?:does not exist|doesn't exist|not found|could not be found|(?:could not|cannot|can't) be located|could not locate)\b|\bis not found for api version\b|\bno (?:deployment|model) (?:named|called|with (?:the )?(?:name|id))\b/,
];

/** Anthropic not_found_error names the model as "model: claude-x"; without it, a 404 is a route. */
export const ANTHROPIC_NOT_FOUND = /\bnot_found_error\b/;
export const ANTHROPIC_MODEL_FIELD = /\bmodel:\s/;

export const AWS_THROTTLED = /\bthrottlingexception\b|\btoomanyrequestsexception\b/;
export const AWS_ACCESS_DENIED = /\baccess ?denied(?:exception)?\b/;
export const AWS_SERVER =
  /\b(?:internalserverexception|modelerrorexception|modelstreamerrorexception|serviceunavailableexception)\b/;
export const AWS_VALIDATION = /\bvalidationexception\b/;

/**
 * OpenAI's and Bedrock's own "this failed on our side, retry it" sentences (Bedrock
 * InternalServerException "The system encountered an unexpected error during processing. Try your
 * request again."). They say the failure will pass, so
 * they outrank a transport symptom wrapped around them (Codex "stream disconnected before
 * completion: An error occurred while processing your request. You can retry your request").
 */
export const SERVER_ERROR_RETRYABLE =
  /\bthe server had an error (?:while )?processing your request\b|\bthe system encountered an unexpected error during processing\b|\ban internal server error occurred\. retry your request\b|\ban error occurred while processing your request\.? you can retry\b|\bupstream connect error\b/;

/**
 * Server-error words for errors that arrive without a status: an error event inside a streamed
 * 200 (OpenAI Responses "type": "server_error", Anthropic "api_error"), a gateway reason phrase, or
 * OpenAI's generic "The server had an error while processing your request" / "An error occurred
 * while processing your request. You can retry your request" (checked after the hard kinds: Groq
 * prefixes the same sentence to "The model `x` has been decommissioned"), or Bedrock's
 * ServiceUnavailableException text "Bedrock is unable to process your request".
 */
export const SERVER_ERROR_WORDS =
  /\bserver_error\b|\binternal_server_error\b|\bapi_error\b|\binternal server error\b|\bbad gateway\b|\bservice unavailable\b|\bthe server had an error\b|\bupstream connect error\b|\binternal error\b|\ban internal error (?:has )?occurred\b|\ban error occurred while processing your request\b|\bupstream (?:error|request failed)\b|\bis unable to process (?:your|the|this) request\b|\ban unexpected error (?:has )?occurred\b|\bunexpected (?:server|internal) error\b/;
