/**
 * More families of wording by meaning (issue 17 item 11, the round after batch 9), each written
 * from train messages the rules missed whole or cut down by the paraphrase probes
 * (src/taxonomy/probes.ts), never from held-out texts. Kept apart from families.ts and
 * patterns.ts so the rounds merge without touching each other's tables; classify.ts consults each
 * beside the rule of the same meaning. A data table.
 */

/**
 * A request a provider's validator rejected, in the validator's words (pydantic, JSON Schema):
 * Anthropic "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
 * "should have at most 64 characters", "does not match pattern". Ours; consulted where the
 * request family is, so a model's own output that failed validation (output rules) decides first.
 */
export const REQUEST_VALIDATOR =
  /\b(?:string )?should (?:match|have at (?:most|least)|be (?:a valid|at (?:most|least)|less than|greater than))\b|\bdoes not match (?:the )?(?:pattern|regex)\b/;

/**
 * "The format/value/type of X is invalid" where X is a dotted field path: Bedrock "The format of
 * the value at toolConfig.tools.0.toolSpec.inputSchema.json is invalid." A dot inside a path does
 * not end the sentence (the request family's window stops at any dot).
 */
export const FIELD_PATH_INVALID = /\bthe (?:format|value|type) of\b(?:[^.\n]|\.(?=\S)){0,120}?\bis invalid\b/;

/**
 * Parameters said to be wrong in the plain words some providers use (Xiaomi via OpenRouter "Param
 * Incorrect", "incorrect parameter").
 */
export const PARAM_INCORRECT = /\bparam(?:eter)?s? incorrect\b|\bincorrect param(?:eter)?s?\b/;

/**
 * An account verification that a feature of our call needs, not the model itself: OpenAI "Your
 * organization must be verified to stream this model", "… to generate reasoning summaries".
 * "Must be verified to use (or access) the model" names the model as refused: model_unavailable.
 */
export const VERIFIED_FOR_FEATURE = /\bmust be verified to (?!use\b|access\b)\w+/;

/**
 * The machine serving the model cannot hold or run it: too little memory (Ollama "model requires
 * more system memory (7.5 GiB) than is available", LM Studio "Not enough resources to load the
 * model", "Model loading was stopped due to insufficient system resources"), or a server too old for
 * the model (Ollama "llama runner process has terminated: this model is not supported by your version
 * of Ollama", "requires a newer version of Ollama", llama.cpp "unknown model architecture", vLLM "Model
 * architectures ['…'] are not supported for now", n8n "This model is not supported in 2.2 version of the Agent
 * node"), or a
 * model that "does not fit under the dynamic memory ceiling" (oMLX, under a 507 Insufficient Storage,
 * batch 28). Ollama answers these with a 500, yet each is the model's matter on that host and will not pass by
 * retrying, so classify.ts lets it stand under a 500 or 507 (not under 503 or 429, nor beside words that it
 * will pass).
 */
export const HOST_CANNOT_HOLD =
  /\bdoes(?:n't| not) fit (?:under|in|into|within) (?:the |its |this )?(?:\w+ )?memory (?:ceiling|limit|budget)\b|\brequires? more (?:system |gpu |v)?memory\b[^\n]{0,40}?\bthan (?:is )?available\b|\b(?:not enough|insufficient) (?:system )?(?:resources|memory|vram) to (?:load|run)\b|\bmodel loading was stopped due to insufficient\b|\bmodels?\b[^.\n]{0,40}?\bnot supported (?:by|in) (?:your |this |the current |the |v?\d+(?:\.\d+)* )?version of\b|\bmodels?\b[^.\n]{0,80}?\brequires? a newer version of\b|\b(?:unknown|unsupported) model architecture\b|\bmodel architectures?\b[^.\n]{0,120}?\b(?:is|are) not (?:yet )?supported\b/;

/**
 * The provider refusing a request for what it says, whatever envelope carries it (a relay's
 * "ERROR_UNAUTHORIZED … The provider refused to serve this request based on the content"): read
 * before the credential words, which the envelope's "unauthorized" would otherwise decide.
 */
export const REFUSED_FOR_CONTENT =
  /\brefused to (?:serve|process|answer|complete|fulfil+) (?:this|the|your) (?:request|prompt) (?:based on|because of|due to) (?:the |its |your )?content\b/;

/**
 * "Too many tokens" answered with a 400 or 413, or with no status, and no interval or wait: the prompt
 * is over what the model takes (Mistral "Too many tokens overall, split into more batches", "too many
 * tokens: minimal context could not be added to prompt (size limit exceeded by 280 tokens)", Cohere's SDK
 * "CohereAPIError: too many tokens:" with its status lost, batch 65), not a rate limit (Bedrock's "Too many
 * tokens" is a ThrottlingException under a 429 and reads "please wait").
 */
export const TOO_MANY_TOKENS = /\btoo many (?:input )?tokens\b/;
export const WAIT_WORDS = /\bthrottl|\bwait\b|\btry again\b|\bretry\b|\bslow down\b/;

/**
 * A gateway that got no answer from the server behind it (a 504 "the server did not receive a
 * response from the upstream server. Please try again later."): a timeout on the way, read before
 * the retry words that would make it an overload.
 */
export const UPSTREAM_NO_RESPONSE =
  /\b(?:did not|didn't|failed to|could not|couldn't) (?:receive|get) (?:a |any )?(?:timely )?response from (?:the |an )?upstream\b/;

/** A safety refusal named by its error code: Azure OpenAI "ResponsibleAIPolicyViolation". */
export const CONTENT_FILTER_CODES = /\bresponsibleaipolicyviolation\b/;

/**
 * A usage cap that lifts with time: Fireworks 429 "You have exceeded your usage limits. Please
 * try again later or contact Fireworks to explore dedicated capacity." The retry words are
 * required (a usage limit "for this month" is money, matched before this), and it is consulted
 * before capacity words, which the same sentence also carries.
 */
export const USAGE_LIMIT_TRY_LATER =
  /\bexceeded (?:your |the )?usage limits?\b(?=[^\n]{0,80}?\b(?:try again|retry|later)\b)/;

/**
 * A prompt too big for the model in other words: the past tense of the context family
 * ("number of input tokens (189413) have exceeded max prompt tokens (163840) limit"), an input
 * said to be too large for the model, a request over the model's maximum token or context limit.
 * Never a per-interval budget (tokens per minute is a rate limit) nor the max_tokens parameter
 * (an output cap is our request, bad_request); consulted after the rate-limit and capacity words.
 */
export const CONTEXT_TOO_LARGE =
  /(?<!max_|max_completion_)\b(?:input|prompt)(?: tokens?| length| size)?\b(?:[^.\n]|\.(?=\S)){0,40}?\b(?:ha(?:ve|s) )?exceeded\b(?:[^.\n]){0,40}?\b(?:maximum|max|limit|context)\b|\b(?:input|prompt|request|messages?|conversation) (?:is |are )?too (?:large|big) for (?:the |this )?(?:model|context)\b|\bexceed(?:s|ed)? (?:the )?model'?s? (?:maximum |max )?(?:token|context|input)(?: token)? (?:limit|length|window|size)\b/;

/**
 * The prompt over what the model can take, in any words (issue 17 item 11, session 27, written by meaning from
 * sentences of our own): something the prompt is made of (its input, prompt, messages, conversation,
 * history, sequence, document, or its tokens, but not the output's max_tokens, nor a JSON key or path such as
 * "message": or messages.2) compared as more than a bound
 * the model sets (a limit, a maximum, what it allows, accepts, supports or can read, its context or window, a
 * count of tokens), in one sentence: "Sequence length 9000 is larger than the maximum sequence length 8192",
 * "the number of input tokens exceeds what this model accepts", "Your message is longer than the model's
 * context (32k tokens)"; also "too much input" and "requested N tokens, max M". classify.ts reads it only
 * where no rate, money or time words say the count is a budget or a deadline (PROMPT_SIZE_NOT_BUDGET).
 */
export const PROMPT_OVER_BOUND =
  /(?<!max_|max_new_|completion_|output |completion |generated |max |maximum |new )\b(?:input|prompt|context|messages?|conversation|chat history|history|sequence|document|payload|tokens?)\b(?!["'.])(?:[^.\n]|\.(?=\S)){0,60}?\b(?:exceed(?:s|ed|ing)?|(?:is|are) (?:above|over|beyond)|(?:more|larger|longer|greater|bigger) than|too (?:long|large|big))\b(?:[^.\n]|\.(?=\S)){0,60}?(?:\b(?:limit|maximum|max|allowed|context|window|capacity|model'?s?|supports?|accepts?|can (?:read|handle|process|hold|accept|take))\b|\b\d[\d,.]*\s*(?:k\b|tokens?\b))|\btoo much (?:input|text|context)\b|\brequested \d[\d,]* tokens\b(?:[^.\n]){0,40}?\bmax(?:imum)?\b/;

/**
 * Words that make a count a budget (a rate, money, a plan), the time a deadline, or a size an attachment's
 * (an image or file in bytes), not the prompt's.
 */
export const PROMPT_SIZE_NOT_BUDGET =
  /\b(?:quota|usage|monthly|daily|weekly|plan|credits?|balance|billing|spend|budget|subscription|deadline|timeout|timed out|rate|image|file|bytes|[km]b)\b/;

/**
 * A per-interval budget named in the same message ("per minute", "per-minute", TPM): the size is counted
 * against a rate, not the window.
 */
export const PER_INTERVAL =
  /\bper[ -](?:minute|min|day|hour|second)\b|\b(?:tpm|tpd|rpm|rpd)\b|\brate[ _-]?limit/;

/**
 * Wordings of the servers and providers outside the product's ten (Ollama, LM Studio, vLLM,
 * llama.cpp, LocalAI, Hugging Face, Cohere, Azure, xAI), from batch 10's train messages, each by
 * meaning; classify.ts spreads each list into the rule of the same kind and precedence.
 */
export const ECOSYSTEM_WORDINGS = {
  /**
   * A prompt the loaded context cannot hold, said as a comparison with the context or a total
   * that "cannot exceed" a count: LM Studio "The number of tokens to keep from the initial prompt
   * is greater than the context length", "load the model with a larger context length", Cohere
   * "total number of tokens (prompt and prediction) cannot exceed 2048". Consulted before the
   * rate-limit words (Cohere's sentence begins "too many tokens").
   */
  context: [
    /\b(?:greater|larger|longer|more) than (?:the )?(?:model'?s? )?(?:maximum |available )?context (?:length|size|window)\b/,
    /\bwith a larger context (?:length|size|window)\b/,
    /\btotal (?:number of )?tokens\b(?:[^.\n]){0,40}?\bcannot exceed \d+/,
  ],
  /**
   * Our request, in words no model produces: two options that exclude each other ("cannot specify
   * both message and tool_results", "Cannot pass both content and thinking in an assistant message"),
   * and a resource not found with the advice to check our URL (xAI "The requested resource was not
   * found. Please check the URL"), which says nothing of a model.
   */
  request: [
    /\bcannot (?:specify|pass|provide|use|set|send|include) both\b/,
    // A per-request cap on inputs: vLLM "At most 1 image(s) may be provided in one request".
    /\bat most \d+ [\w()]+ (?:may|can) be (?:provided|passed|sent|included|given) (?:in|per) (?:one|a|each|the) request\b/,
    // An API surface or URL withdrawn (Cohere "Generate API was removed on …", Hugging Face
    // "https://api-inference.huggingface.co is no longer supported"): our adapter, never a model.
    /^(?![\s\S]*\bmodels?\b)[\s\S]*(?:\b(?:api|endpoint)s? (?:was|were|has been|have been|is|are) (?:removed|retired|discontinued|deprecated|no longer (?:supported|available))\b|https?:\/\/\S+ is no longer (?:supported|available)\b)/,
    /^(?![\s\S]*\bmodels?\b)[\s\S]*\bnot found\b(?:[^\n]){0,60}?\bcheck (?:the|your) (?:url|endpoint|base url|path)\b/,
  ],
  /**
   * The model exists but this server or account cannot serve it, named as the model "not
   * supported by" the provider, its version or the account's deployment (Hugging Face "Model not
   * supported by provider together", Ollama "this model is not supported by your version of
   * Ollama", "requires a newer version of Ollama", Azure DeploymentModelNotSupported), or a local
   * server with no model loaded (LM Studio "No models loaded"). Consulted before the request
   * words, which read "not supported" as our parameter; still a hard verdict, vetoed by transient
   * context.
   */
  unavailable: [
    /\bmodel(?:\s+['"`]?[\w./:@-]+['"`]?)?\s+(?:is\s+)?not supported by (?:the )?(?:provider|your version|this version|the current version|any provider)\b/,
    /\bmodels?\b(?:[^.\n]){0,80}?\brequires? a newer version of\b/,
    /\bdeploymentmodelnotsupported\b|\bof (?:the )?account deployment is not supported\b/,
    /\bno models? (?:is |are )?(?:currently )?loaded\b/,
  ],
  /**
   * It answered, but nothing usable came back: a tool call the server could not extract from the
   * model's text (vLLM "Error in extracting tool call from response", "Error trying to handle
   * streaming tool call"), no content in the reply ("No content provided", NoResponseContent).
   */
  output: [
    /\berror (?:in |while |trying to )?(?:extracting|parsing|handle|handling|handling the) (?:the )?(?:streaming )?tool[ _]?calls?\b/,
    /\bno (?:response )?content (?:provided|returned|received|in (?:the )?response)\b|\bnoresponsecontent\b/,
  ],
  /**
   * A local server failing to load or render for the model, with no word of memory, version or
   * an unknown id (those are the model's own matters, decided by the hard rules): LocalAI "Failed
   * loading model … could not load model: rpc error", LM Studio "Failed to load the model",
   * "Error rendering prompt with jinja template".
   */
  server: [
    /^(?![\s\S]*\b(?:memory|insufficient|not enough|not found|does not exist|not supported|unsupported|newer version|no such|unknown model)\b)[\s\S]*\b(?:failed to load|could not load|failed loading|unable to load|error loading)(?: the)? model\b/,
    /\berror rendering prompt with jinja template\b/,
  ],
  /**
   * An identity without the role an operation needs (Azure "Principal does not have access to
   * API/Operation", "The principal … lacks the required data action …"): credentials, provider-wide.
   */
  auth: [
    /\bprincipal (?:does not|doesn't) have access to (?:the )?(?:api|operation)\b|\bprincipal\b(?:[^.\n]){0,60}?\blacks the required (?:data )?action\b/,
  ],
  /**
   * A validator's list of allowed values (vLLM "tool_choice must either be a named tool, 'auto', or
   * 'none'") or a part of the conversation we had to send back (DeepSeek "The reasoning_content in
   * the thinking mode must be passed back to the API").
   */
  validator: [/\bmust (?:either be|be one of)\b|\bmust be (?:passed|sent|included|provided) back\b/],
} as const;

/**
 * Wordings quoted in third-party trackers for OpenRouter, Vertex/Gemini, Copilot, Hugging Face,
 * Bedrock, SambaNova and the new-api/one-api gateways, from batch 11's train messages, each by
 * meaning; classify.ts spreads each list into the rule of the same kind and precedence.
 */
export const TRACKER_WORDINGS = {
  /**
   * A plan or balance, not a rate: Copilot "You have no quota" (quota_exceeded), "You have exceeded
   * your premium request limit, and do not currently have overages enabled". Consulted with the
   * strong money words, before the rate words ("quota exceeded"). (Gemini "free tier is not
   * available in your country. Please enable billing" stays auth, as documented.test.ts has it.)
   */
  billing: [
    /\byou have no (?:remaining )?quota\b|\bno quota (?:left|remaining)\b/,
    /\bpremium requests? (?:limit|allowance|quota)\b|\b(?:do not|don't) (?:currently )?have overages enabled\b/,
  ],
  /**
   * Credentials refused in other words: Hugging Face "Authorization header is correct, but the
   * token seems invalid"; AWS "Your account is not authorized to invoke this API operation" (a
   * ValidationException by name, an account matter by meaning).
   */
  auth: [
    /\btoken (?:seems|appears|looks) (?:to be )?(?:invalid|expired|revoked)\b/,
    // The inner message alone, as a gateway may quote it: watsonx "Failed to authenticate the
    // request due to an expired token", LiteLLM "Authentication Error, Only master key can be used".
    /\bfailed to authenticate\b|\b(?:due to|with) an? expired (?:token|key|credential)s?\b|\bauthentication error\b/,
    /\b(?:your )?account (?:is not|isn't) authori[sz]ed to (?:invoke|perform|use|access|call)\b/,
  ],
  /**
   * The prompt against the sequence the server can hold: SambaNova "The provided prompt is 4309
   * tokens long, so generating 1 tokens requires a sequence length of 4310, but the maximum
   * supported sequence length is just 4096".
   */
  context: [
    /\bmaximum supported sequence length\b|\brequires a sequence length of \d+\b/,
    /\bprompt is \d+ tokens? long\b/,
    // A count over the maximum without the sentence around it (Anthropic "202095 tokens > 200000
    // maximum", never a per-interval budget), and TGI's validator on the window ("`inputs` tokens + `max_new_tokens` must be
    // <= 2048", "`inputs` must have less than 1024 tokens"), which reads like a request error.
    /\b\d+ tokens? > \d+ maximum\b(?![^\n]{0,40}?\b(?:per (?:minute|min|hour|day|second)|tpm|tpd)\b)/,
    /`?inputs?`?\s+tokens?\s+\+\s+`?max_new_tokens`?\s+must\s+be\s+<=|`?inputs`?\s+must\s+have\s+less\s+than\s+\d+\s+tokens\b/,
  ],
  /**
   * The model's tool call arguments could not be read: "Failed to parse final tool call arguments:
   * SyntaxError: … is not valid JSON". Consulted before the request words ("SyntaxError").
   */
  output: [
    /\bfailed to parse (?:the )?(?:final )?tool[ _]?call(?: arguments?)?\b/,
    /\btool[ _]?call arguments?\b[^\n]{0,120}?\bis not valid json\b/,
  ],
  /** A stream the server cut off, by its code: {"message":"terminated","code":"stream_terminated"}. */
  network: [/\bstream_terminated\b/],
  /**
   * A routing choice of ours the router rejects: Hugging Face "the provider you attempted to
   * explicitly specify 'auto' is not a valid provider" (its code reads model_not_supported, but the
   * words name our provider suffix, not the model).
   */
  request: [
    /\bis not a valid provider\b|\bprovider you attempted to (?:explicitly )?specify\b/,
    // Options of our request that need or exclude another (Gemini "Function calling config is set
    // without function_declarations", "Function calling mode `ANY` is not enabled for api version
    // v1beta"), a field our body lacks (watsonx "Missing json field response_format.type"), and a
    // gateway refusing our parameters by name (litellm.UnsupportedParamsError).
    /\bis not enabled for (?:api version|models\/)|\bconfig(?:uration)? is set without\b/,
    /\bmissing (?:json |required )?(?:field|parameter|property)\b|\bunsupportedparamserror\b/,
    // A conversation item we referred to that the provider does not keep (OpenAI Responses "Item
    // with id 'rs_…' not found"): our state, whatever wrapper or status is around it.
    /\bitem with id\b[^\n]{0,80}?\bnot found\b/,
  ],
  /**
   * A gateway with no upstream serving the model for our group: new-api/one-api "分组 auto 下模型
   * grok-2-latest 无可用渠道（distributor）" ("no available channel for model … in group …"). Still a
   * hard verdict, vetoed by a 5xx or retry words.
   */
  unavailable: [/无可用渠道|\bno available channels? for (?:the )?model\b/],
} as const;

/**
 * Wordings quoted in agent, IDE, notebook and chat-UI trackers (batch 12's train messages), each by
 * meaning; classify.ts spreads each list into the rule of the same kind and precedence. Hard lists
 * stay under the transient veto (a 5xx, a 429 or retry words).
 */
export const AGENT_WORDINGS = {
  /** A free offer that ended, to go on paying: OpenCode "Free promotion has ended for …". */
  billing: [/\bfree promotion has ended\b|\bcontinue using the model by subscribing\b/],
  /** The caller's location, not the model: Cursor "This model provider doesn't serve your region". */
  auth: [/\bprovider (?:doesn't|does not) serve your (?:region|country)\b/],
  /**
   * The model itself named in a refusal that also reads like credentials, so consulted before the
   * auth words: Moonshot "Not found the model kimi-… or Permission denied" (not found), Anthropic
   * "permission_error … Invalid model … model_not_allowed" (not for this account); Bedrock's
   * Marketplace entitlement of one model (batch 25) "Your account is not authorized to access this
   * model. Your AWS Marketplace subscription for this model is still being processed", "The AWS
   * Marketplace Agreement has not succeeded" (under a 403: the account is fine, this model is not
   * yet its to use). An IAM principal not allowed the Marketplace actions ("not authorized to perform
   * the required AWS Marketplace actions (aws-marketplace:Subscribe)") is the credentials' (auth), and
   * so is that message's closing sentence, "Your AWS Marketplace subscription for this model cannot be
   * completed at this time", quoted alone: Bedrock appends it to account-level refusals (the IAM
   * actions, an INVALID_PAYMENT_INSTRUMENT), which clients' error mapping reads as the account's.
   * A model the caller may not use, named as the object of the permission (batch 26): Gemini "You do
   * not have permission to access tuned model tunedModels/…" (under a 403).
   */
  notFoundFirst: [/\bnot found the model\b/],
  unavailableFirst: [
    // The code with what follows it (session 30): "model_not_allowed_for_plan", "MODEL_NOT_PERMITTED".
    /\bmodel_not_(?:allowed|permitted|entitled)(?:_\w+)?\b/,
    /\bnot (?:authori[sz]ed|entitled|subscribed) to (?:access|use|invoke) this model\b/,
    // An approval the subscription lacks for the model (session 30): Azure "Access to model 'o3' is limited.
    // Subscription … is not approved for this model; to request access, apply at …".
    /\bnot (?:yet )?approved (?:for|to use) (?:this|the|that) model\b|\baccess to (?:the )?model\b[^.\n]{0,60}?\bis limited\b/,
    /\b(?:no|not have|don't have|do not have|doesn't have|does not have) (?:the )?permission to (?:access|use|call|invoke) (?:the |this |that )?(?:tuned |fine-?tuned |custom )?model\b/,
    /^(?![\s\S]*(?:\biam\b|\bnot authori[sz]ed to perform\b|\baws-marketplace:|\bcannot be completed at this time\b))[\s\S]*?\b(?:aws )?marketplace (?:subscription|agreement)\b/,
  ],
  /**
   * Not for this account, plan, tier, region or deployment: Codex "The 'gpt-5' model is not supported
   * when using Codex with a ChatGPT account", Anthropic "Claude Opus is not available with the Claude
   * Pro plan", "Claude Fable 5 is not available. Please use Opus 4.8", Azure "The specified SKU … for
   * model … is not supported in this region", Snowflake "The model you requested is unavailable in
   * your region. To access it, enable cross region inference", an endpoint with no deployment to
   * route to ("No valid deployments to route to"), Zhipu "订阅套餐暂未开放GLM-5权限" (the plan has not
   * opened the model).
   */
  unavailable: [
    /\bmodel is not supported when using\b[^\n]{0,60}?\b(?:account|plan|subscription|tier)\b/,
    /\bis not available (?:with|on|for|in) (?:the |your )?[\w .+-]{0,30}?\b(?:plan|tier|subscription)\b/,
    /\bis not available\.\s+please use\b/,
    /\bnot supported in this region\b|\bunavailable in your region\b[^\n]{0,40}?\bcross[- ]region\b/,
    /\bno valid deployments to route to\b/,
    /套餐暂未开放|暂未开放[^\n，,。]{0,20}权限/,
  ],
  /** A queue in front of the model: Trae "Too many current requests. Your queue position is 66". */
  overloaded: [/\byour queue position is \d+\b|\btoo many current requests\b/],
  /** The provider naming its own failure before a retry hint: Chatbox "system_error … Server error. Try again later.". */
  server: [/\bsystem_error\b|\bserver error\.\s+try again later\b/],
  /**
   * A structured-output library giving up on the model's answer: PydanticAI "UnexpectedModelBehavior:
   * Exceeded maximum retries (1) for result validation", DSPy "AdapterParseError: Adapter JSONAdapter
   * failed to parse the LM response".
   */
  output: [
    /\bunexpectedmodelbehavior\b|\bexceeded maximum retries \(\d+\) for (?:result|output) validation\b/,
    /\badapterparseerror\b|\bfailed to parse the lm response\b/,
  ],
} as const;
