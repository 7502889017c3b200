import type { WordingSet } from "./wording-set.js";

/**
 * Broad families by meaning for the request kinds, written from every batch's train messages of those
 * kinds (not from one batch): each regex with a comment naming the meaning and two or more train
 * messages from different sources it covers. Slots and precedence: wording-set.ts.
 *
 * All but one sit in the `…Late` slots (the one early family is named at its place): they are consulted only
 * when no specific wording, hard
 * verdict or transient word decided, so they turn an abstention into a kind and leave every verdict
 * another rule reached alone (outputLate sits before the bare status codes, requestLate after them).
 * Measured on train, each matches no message of another kind on its own. A few (an input kind not
 * taken, an empty request part, a URL with its method, tools that do not pair, media that cannot be
 * fetched) match no train message: they were written from paraphrases of providers' wordings, like
 * REQUEST_FAMILY_MORE in families.ts, and change no train or probe verdict.
 */
export const WORDINGS_REQUEST: WordingSet = {
  // The one early family (the `output` slot, before the request words): the model named as the one that
  // produced an answer that cannot be used, with the answer's defect in the same clause: "The model returned
  // malformed tool arguments", "LLM output is not valid YAML", "Structured output validation failed: missing
  // required field 'answer'". Request words in the same message ("missing required field") describe the
  // answer there, not our call. Session 27, from sentences of our own (five of eight such sentences read as
  // our request before).
  output: [
    /\b(?:model|llm|assistant)(?:'s)? (?:returned|produced|generated|gave|emitted|responded with|sent back) (?:an? |the )?(?:invalid|malformed|unparseable|unparsable|broken|truncated|incomplete|empty|non-json|bad)\b|\b(?:model|llm|assistant|generated|structured)(?:'s)? (?:output|answer|reply|completion|tool[ _]?call arguments)\b[^.\n]{0,40}?\b(?:is not valid|was not valid|not valid (?:json|yaml|xml)|validation failed|failed validation|could not be (?:parsed|decoded|validated))\b/,
    // An answer with nothing in it: "Response content was null", "The assistant message had neither text nor
    // tool calls".
    /\b(?:response|answer|completion|reply) content (?:was|is) (?:null|none|empty|missing)\b|\bneither (?:text|content) nor (?:any )?tool[ _]?calls?\b/,
    // The API answering with nothing (session 28): "The API answered with an empty body". Not our request's
    // body: only what came back is "answered with".
    /\b(?:answered|responded|replied|returned) with an? empty (?:body|response|reply|answer)\b/,
  ],
  outputLate: [
    // The model's answer (output, response, JSON, tool call, arguments) and a predicate that it cannot
    // be used, within one clause: "the model output could not be parsed", "generated JSON does not
    // match the schema", "model's tool call arguments were malformed". The subject is the model's or
    // generated text, never a server's response (an invalid response from a server is its failure).
    /\b(?:model|llm|assistant|generated|completion|structured)(?:'s)? (?:output|response|answer|reply|json|text|content|tool[ _]?calls?|function[ _]?calls?|arguments|object)\b[^.\n]{0,40}?\b(?:invalid|malformed|unparseable|unparsable|could not be (?:parsed|decoded|validated)|failed (?:to parse|validation)|(?:does|did) not (?:match|conform|validate)|truncated|incomplete|empty|missing)\b/,
    // A client library's exception class for an answer it could not use, whatever the message: the
    // OpenAI Agents SDK ModelBehaviorError, instructor IncompleteOutputException, the Vercel AI SDK
    // AI_TypeValidationError, AI_InvalidToolInputError and InvalidToolArgumentsError, a structured-output
    // or output validation error class. (AI_JSONParseError is left out: the SDK raises it for a stream
    // chunk it could not read as often as for an answer.)
    /\b(?:ai_)?(?:modelbehavior|incompleteoutput|structuredoutput(?:validation|parse|parsing)?|outputvalidation|typevalidation|invalidtool(?:arguments|input)|toolcallparse|outputparsing)(?:error|exception)\b/,
    // A JSON decoder's own words for text that is not JSON, which is what a model's answer is when
    // it fails to parse (the request body we send is built by a serializer and cannot end early):
    // JavaScript "SyntaxError: Unexpected end of JSON input", Python json "Expecting property name
    // enclosed in double quotes: line 1 column 2 (char 1)", "Unterminated string starting at",
    // JSONDecodeError, pydantic "Invalid JSON: expected value at line 2 column 12". The provider's
    // own "request body is not valid JSON" is a different shape,
    // and the same words about a stream chunk or an upstream's error body are transport or server
    // failures ("Error parsing chunk: Expecting property name …", "Upstream error from …:
    // Unterminated string …"), so a chunk, stream, upstream, gateway, proxy, 5xx or HTML page named
    // anywhere leaves it alone. "Expecting value: line 1 column 1 (char 0)" is left out on purpose: it
    // is what a client says of an empty or HTML body, which a failing server sends as often as not.
    /^(?![\s\S]*(?:\b(?:chunks?|upstream|server_error|sse|event ?stream|gateway|proxy|5\d\d)\b|<html|<!doctype))[\s\S]*?(?:\bunexpected end of json input\b|\bexpecting (?:property name enclosed in double quotes|',' delimiter|':' delimiter)\W{0,3}(?:line \d+|$)|\bunterminated string starting at\b|\bjson ?decode ?error\b|\binvalid json: (?:expected|eof|trailing|control character|key must)\b)/,
    // An answer that came back empty, in any subject and predicate: "Gemini returned an empty
    // response", "LLM returned empty response", "Model stream ended with empty response text",
    // "Received empty content from OpenAI API", "Model response empty", "The model did not return a
    // response", "No content provided"-like phrasings where the subject is the model or its answer.
    // Nothing back in time or over a broken connection is a timeout or the network, not the answer.
    /^(?![\s\S]*\b(?:in time|within|timed? ?out|timeout|deadline|connection|network)\b)[\s\S]*?(?:\b(?:model|llm|lm|assistant|gemini|claude|gpt|completion|generation|candidate|choice)\b[^.\n]{0,40}?\b(?:returned|produced|generated|gave|yielded|emitted|ended with|completed with|came back with|responded with) (?:an? )?(?:empty|blank|null|no (?:output|content|text|answer|response|choices|candidates|completion|tokens)|nothing|plain text|prose)\b(?! (?:string|line)s? (?:for|as) (?:the )?(?:api[ _-]?key|token|credential)))/,
    /\b(?:received|got|returned) (?:an? )?(?:empty|blank|null) (?:response|completion|output|answer|reply|content|result|message|text)\b(?! from (?:the )?(?:server|host|proxy|socket|upstream|gateway|endpoint)\b)|\b(?:model|llm|assistant) (?:response|output|answer|reply|completion) (?:was |is )?(?:empty|blank|null|none|missing)\b|\bempty (?:output|completion|answer|reply|response|content) (?:from|by|of) (?:the )?(?:model|llm|assistant)\b/,
    // The model's tool call or JSON answer that could not be read or was cut short: "Could not parse
    // function call arguments", "tool_calls[0].function.arguments is not valid JSON", "the model's
    // reply was cut off before the JSON closed", "the JSON answer is incomplete". The parts named are
    // the model's (a tool call, its arguments, its answer), never our request body.
    /\b(?:could not|couldn't|unable to|cannot|can't|failed to) (?:parse|decode|read|validate) (?:the )?(?:model's )?(?:tool|function)[ _]?calls?(?: arguments?)?\b|\b(?:tool|function)[ _]?calls?\b[^\n]{0,40}?\barguments?\b[^.\n]{0,20}?\b(?:is|are|was|were) not (?:valid|parseable|parsable) json\b|\b(?:json|answer|reply|completion|model output|output)\b[^.\n]{0,10}?\b(?:is|was) (?:incomplete|cut off|unterminated)\b|\b(?:answer|reply|completion)\b[^.\n]{0,20}?\bcut off before\b/,
    // The answer lacks what was asked for, or is not in the format asked for: "The model response did
    // not include a tool call", "The model did not call any tool", "Model output did not include a
    // final answer", "The assistant response contained no text blocks", "No valid answer found in
    // model response", "model output not in expected format", "The completion is not valid YAML",
    // "Model returned invalid UTF-8", "repeated tokens detected". The model or its answer is the
    // subject; a request that lacks something is ours (bad_request). No answer in time, or over a
    // broken connection, is a timeout or the network (those words leave it alone).
    /^(?![\s\S]*\b(?:in time|within|timed? ?out|timeout|deadline|connection|network)\b)[\s\S]*?(?:\b(?:model|llm|assistant|completion)(?:'s)?(?: (?:response|output|answer|reply|message))? (?:did not|didn't|does not|doesn't|failed to) (?:include|contain|call|invoke|use|return|produce|provide|emit|generate) (?:a |an |any |the )?(?:valid |final |required |expected )?(?:tool|function|answer|json|code|text|content|output|response|result|object|field|block)|\b(?:response|output|answer|reply|completion|candidate|choice) (?:contained|contains|included|includes|had|has) no (?:text|content|tool|answer|json|output|valid|parts|code)\b|\bno (?:valid )?(?:answer|final answer|code block|tool call|function call)s? (?:was |were )?(?:found|detected|present)\b|\b(?:model|llm|assistant) (?:output|response|answer|reply)\b[^.\n]{0,20}?\bnot in (?:the )?(?:expected|required|requested|correct) format\b|\b(?:completion|model output|generated (?:text|output|json|code)|answer|reply)\b[^.\n]{0,10}?\b(?:is|was) not valid (?:json|yaml|xml|python|sql|code)\b|\b(?:model|llm|assistant) (?:returned|produced|generated|emitted) (?:an? )?(?:invalid|malformed|garbled|corrupt(?:ed)?) (?:utf-?8|unicode|encoding|bytes|characters|text)\b|\b(?:repetition|repetitive|repeated) (?:tokens?|output|text|content|loop)\b[^.\n]{0,20}?\b(?:detected|found|limit)\b|\bdegenerate (?:output|generation|response)\b)/,
    // An answer cut short by its own token budget, in words rather than finish_reason "length": "The
    // assistant stopped generating because it hit the length limit", "Generation was cut off by the
    // max_tokens limit", "the response was truncated at max output tokens" (the answer's, never the prompt's).
    /\b(?:generation|output|answer|response|completion|reply|model|assistant)\b[^.\n]{0,40}?\b(?:cut off|cut short|truncated|stopped(?: generating)?)\b[^.\n]{0,40}?\b(?:max_(?:output_|completion_|new_)?tokens|max(?:imum)? (?:output |new |completion )?tokens|(?:output |response |completion |generation )?(?:length|token) limit|output limit)\b/,
    // Nothing came back where an answer was due: "No candidates returned", "no choices were generated",
    // "No output generated". (A safety block says blocked or safety and is read first.)
    /\bno (?:candidates|choices|completions?|generations?|output|text|content) (?:was |were )?(?:returned|generated|produced|received)\b/,
    // The model calling a tool the request never declared, or one that does not exist: "Model
    // tried to call unavailable tool 'todo_write'", "attempted to call tool '…' which was not in
    // request.tools", "requested tool does not exist", a hallucinated tool.
    /\b(?:tried|attempted|attempting|trying) to (?:call|use|invoke) (?:an? )?(?:unavailable |unknown |nonexistent |non-existent |undefined |undeclared )?(?:tool|function)\b(?:[^\n]{0,120}?\b(?:not in|not (?:available|declared|defined|provided)|does not exist|unavailable|unknown))?|\b(?:called|invoked|requested) (?:an? )?(?:unavailable|unknown|nonexistent|non-existent|undefined|undeclared) (?:tool|function)\b|\bhallucinated (?:an? )?(?:tool|function)\b/,
    // A harness that validated the answer and gave up: pydantic_ai "Exceeded maximum retries (1) for
    // result validation", a judge's "Exceeded 2 attempts for answer validation", "output validation
    // failed". The answer is the subject; a request's validation is our request (bad_request).
    /\b(?:for|during|in|on) (?:the )?(?:result|output|answer|response|structured output) validation\b|\b(?:answer|output|result) validation (?:failed|error)\b/,
  ],
  request: [
    // An API version the provider does not take, named as the subject (session 28, from sentences of our own):
    // "The requested API version 2022-01-01 is not recognised", "Unsupported api-version value". Not Gemini's
    // "models/x is not found for API version v1beta, or is not supported …", where the model is the subject.
    // Batch 69: one no longer taken, Copilot 466 "the specified API version is no longer supported. You may need
    // to update your client".
    /\bapi[ -]?version(?: value)?(?: ['"`]?[\w.-]+['"`]?)? (?:(?:is|was) )?(?:(?:not|no longer) (?:recogni[sz]ed|supported|valid|available)|unsupported|invalid|unknown)\b|\b(?:unsupported|invalid|unknown|unrecogni[sz]ed) api[ -]?version\b/,
  ],
  requestLate: [
    // A part of our request (parameter, argument, field, property, option, setting, schema, content
    // block, tool or function declaration) and a rejection predicate within one clause, in either
    // order: "property 'store' is unsupported", "Unknown parameter: 'response_format.schema'",
    // "Missing json field response_format.type", "parameter model_routing_config is required",
    // "argument not supported on this model". Keys and headers are left out (an API key or an
    // authorization header that is missing or invalid is a credential failure), and a message that
    // names a credential, an unknown model, an internal error, a safety block or a response's own
    // candidates or validation is left to the rule of its kind; so are a tool call's arguments (the
    // model's output).
    /^(?![\s\S]*(?:\bapi[_ -]?keys?\b|\bcredentials?\b|\bunknown model\b|\bmodel not found\b|\bno such model\b|\binternal (?:server )?error\b|unsafe|\bsafety\b|\b(?:candidates|choices)\.\d|\bvalidation errors? for\b))[\s\S]*?(?:(?<!(?:tool|function)[ _]?call )\b(?:parameter|param|argument|field|property|attribute|option|setting|request body|json body|payload|schema|content block|tool definition|function declaration|(?:function|tool|field|property|parameter) name)s?\b(?:(?!\b(?:key|token|model|tool call|function call)\b)[^.\n;]){0,40}?\b(?:invalid|not valid|not allowed|not permitted|not recogni[sz]ed|unrecogni[sz]ed|unsupported|not supported|unknown|unexpected|missing|malformed|is required|are required|must|should|cannot|can't)\b|\b(?:invalid|unrecogni[sz]ed|unknown|unexpected|unsupported|missing|malformed|extra|disallowed)\b(?:(?!\b(?:key|token|model|tool call|function call|json)\b)[^.\n;]){0,30}?\b(?:parameter|param|argument|field|property|attribute|option|setting)s?\b)/,
    // A feature or setting this model does not offer, with the feature as the subject: "Penalty is
    // not enabled for this model", "Thinking level is not supported for this model", "Function
    // calling is not enabled for models/…", "This model only supports text output", "This model only
    // works in thinking mode", "This model does not support the effort parameter", "system prompt not
    // allowed for this model", "The selected model does not support the chosen voice"; and a setting
    // that needs another ("response_format json_schema requires a schema"). A message that names an
    // account, organisation, project, plan, tier, region, user or access is about who may use the
    // model (model_unavailable or auth), and is left to those rules.
    /^(?![\s\S]*\b(?:account|organi[sz]ation|project|subscription|tier|plan|region|location|api key|user|access)s?\b)[\s\S]*?(?:\b(?:is|are) not (?:enabled|supported|configurable|allowed) (?:for|with|on) (?:this|the|that) model\b|\b(?:is|are) not enabled for models\/|\b(?:this|the) model only (?:supports|works|accepts|allows)\b|\b(?:this|the) model (?:does not|doesn't|cannot|can't) (?:support|accept|take|use) (?:the |a |an )?[\w-]+ (?:parameter|field|setting|option|mode|input|output|content|argument)s?\b|\bmodel (?:does not|doesn't) support (?:the )?(?:chosen|selected|provided|given|requested|specified) [\w-]+|(?<!\bregion )\bnot (?:allowed|supported|enabled) for (?:this|the) model\b|\b(?:response_format|tool_choice|json_schema|\w+_config) requires (?:a|an) \w+)/,
    // A named part of our request declared invalid: "Budget 0 is invalid", "The thinking budget
    // (52428) is invalid", "'$.input' is invalid", "Thought signature is not valid", "Invalid value:
    // 'input_text'", "Invalid 'input[23].id': …"; and a header or value the endpoint does not know:
    // "Unexpected value(s) `…` for the `anthropic-beta` header". The subject is a request part,
    // never a credential or a model.
    /\b(?:budget|value|setting|option|parameter|param|argument|field|property|level|mode|format|schema|role|header|payload|body|turn|signature of the thought|thought signature)\b(?: \(?[\w.$'"`-]{1,40}\)?)? (?:is|are) (?:invalid|not valid|malformed|not allowed|not permitted)\b|(?:^|[\s(:])['"`]\$?[\w.[\]-]{1,60}['"`] (?:is|are) (?:invalid|not valid)\b|\binvalid ['"`](?![^'"`]*(?:key|token|auth|secret|credential))\$?[\w.[\]-]{1,60}['"`]\s*:|\bunexpected values?(?:\(s\))?\b[^.\n]{0,80}?\bfor the\b|\b(?:unknown|unrecognized|unsupported|invalid) (?:[\w-]+ )?header\b/,
    // Which parts a request must pair or hold, and which only one of may be set: "You can only set
    // only one of thinking budget and thinking level", "required oneof field 'data' must have one
    // initialized field", "should be non-empty for OBJECT type", "required properties at '/' are
    // 'contexts'", "Item 'msg_…' was provided without its required 'reasoning' item".
    /\bonly (?:set |specify |provide |pass )?(?:only )?one of\b|\b(?:exactly|at most) one of\b|\brequired oneof field\b|\bshould be non-?empty\b|\brequired propert(?:y|ies) at\b|\bwas (?:provided|sent|passed|given) without (?:its|the|a) (?:required|corresponding|matching|preceding)\b/,
    // The order of roles and turns in a conversation: "Messages with role 'tool' must be a response to
    // a preceding message with 'tool_calls'", "Unexpected role 'user' after role 'tool'", "user or
    // tool message(s) should alternate with assistant message(s)", a turn that must come first or last.
    /\b(?:role|turn)s? [`'"]?\w+[`'"]? (?:must|should|cannot|can't|may not)\b|\bmust be (?:a )?response to (?:a |the )?preceding\b|\bshould alternate with\b|\b(?:must|should) (?:start|end|begin) with (?:a |an |the )?[`'"]?(?:user|assistant|human|model|system)\b/,
    // The wrong API surface for this call, named by its path: "model … is not accessible via the
    // /chat/completions endpoint", "not supported in the v1/chat/completions endpoint", "please use
    // /completions API instead". A path (a slash in it) names our URL, not the model's existence.
    /\b(?:not accessible|not available|not supported|only (?:available|supported|accessible)|not allowed) (?:via|through|on|in|with|at|for) (?:the )?[\w.-]*\/[\w./-]* (?:endpoint|api|route|path)\b|\b(?:use|try|call) (?:the )?[\w.-]*\/[\w./-]* (?:endpoint|api|route)? ?instead\b/,
    // An input kind this model or endpoint does not take: "Content type 'text/plain' not supported",
    // "This endpoint does not accept image inputs", "Audio input is not available for this model",
    // "Streaming not supported". The subject is a modality or a feature, never the model itself.
    /\bcontent[- ]type\b[^.\n]{0,60}?\bnot (?:supported|accepted|allowed)\b|\b(?:does not|doesn't|do not|don't|cannot|can't) accept (?:the |a |an )?(?:image|audio|video|file|pdf|document|multimodal)s? ?(?:inputs?|content|parts?|attachments?|urls?)?\b|\b(?:image|audio|video|file|pdf|document|multimodal|vision) (?:inputs?|content|parts?|attachments?) (?:is|are) not (?:available|supported|accepted|allowed) (?:for|by|on|with|in) (?:this|the)\b|(?:^|[\s:'"`])(?:streaming|tools?|tool use|tool calling|function calling|functions|vision|images?|audio|logprobs|json mode|structured outputs?|system (?:messages?|prompts?)|temperature|top_[pk]|penalt(?:y|ies)|seed) not supported\b/,
    // A request part that is empty or absent: "The 'messages' array is empty", "Prompt is empty", "No
    // messages provided", "Request body is empty". (An answer with no content is the model's: other
    // families.)
    /\b(?:messages|prompt|inputs?|contents|request body|body|query|instructions)['"`]?(?: array| list| field)? (?:is|are|was|were) (?:empty|blank)\b|\bno (?:messages|prompt|inputs?|contents|query) (?:were |was )?(?:provided|given|supplied|specified|passed)\b/,
    // A value outside what a parameter takes, in words a validator uses: "temperature out of bounds",
    // "top_p must be in (0, 1]", "n must be 1 for this model", "stop sequence count exceeds 4", "seed
    // is not a supported argument", "too many stop sequences". A message about tokens is left to the
    // context-length rules ("`inputs` tokens + `max_new_tokens` must be <= 2048" is a prompt too long).
    /^(?![\s\S]*\btokens?\b)[\s\S]*?(?:(?<!\bindex )\bout of bounds\b|\b(?:must|should) be (?:in (?:the )?[[(]|(?:<|>|<=|>=|==?) ?-?\d|-?\d+(?:\.\d+)? (?:or|for|when|if)\b)|\bcount exceeds\b|\bnot an? (?:supported|valid|recogni[sz]ed|known|allowed) (?:argument|parameter|option|field|value|property|setting)\b|\btoo many (?:stop sequences|tools|functions|images|files|attachments|documents)\b)/,
    // A URL that is not an API route, in the provider's words: "Invalid URL (POST /v1/chat/completion)",
    // "Unknown request URL: POST /v1/foo. Please check the URL for typos". A method and a path say our
    // URL is wrong; a bare 404 says nothing (no rule). ("The request was malformed" is left out: xAI
    // says it of a wrong API key.)
    /\b(?:invalid|unknown) (?:request )?url\b\W{0,3}(?:post|get|put|delete|patch)\b|\bcheck the url for typos\b/,
    // Tools and tool results in our request that do not pair: "Tool result does not follow a tool
    // call", "tool_choice is set but no tools were provided", "A tool_use block was found without a
    // matching tool_result", "Duplicate tool names are not allowed", "System messages are only
    // permitted as the first message", "store=false is incompatible with previous_response_id".
    /\btool[ _]?(?:results?|responses?|outputs?|use|uses|calls?)\b[^.\n]{0,40}?\b(?:does not|doesn't|do not|must|without (?:a |an |the )?(?:matching|corresponding|preceding))\b[^.\n]{0,10}?\b(?:follow|precede|tool)|\bno tools (?:were |are |was )?(?:provided|given|defined|specified|declared)\b|\bduplicate (?:tool|function) names?\b|\bonly (?:permitted|allowed|supported|valid) (?:as|at|in) the (?:first|last|final)\b|(?<!\bmodel\W{0,3})\b(?:is|are) incompatible with\b|\b(?:previous_response|response|file|thread|assistant|run|item|conversation|vector_store|upload|cached_content)_id\b[^.\n]{0,30}?\bnot found\b/,
    // Media our request points to that cannot be used: "Please provide a valid image URL", "Could not
    // download image from URL", "Image URL could not be fetched", "File type not supported".
    /\b(?:image|file|audio|video|document|media) url\b[^.\n]{0,40}?\b(?:could not|couldn't|cannot|can't|failed|invalid|not valid|unreachable|not accessible)\b|\b(?:could not|couldn't|failed to|unable to) (?:download|fetch|retrieve) (?:the )?(?:image|audio|video|document|media)\b|\bprovide a valid (?:image|file|audio|video|document|media)\b|\b(?:file|media|image|audio|video) (?:type|format)s?\b[^.\n]{0,30}?\bnot (?:supported|accepted|allowed)\b/,
    // Our request refused by name, in a structured code with no words beside it: "code":
    // "bad_request" / "invalid_request" / "unknown_parameter" / "missing_parameter". (Exception class
    // names such as BadRequestError or InvalidRequestError are left out: clients wrap every 400 in
    // them, a prompt too long, a retired model and a safety block alike.)
    /["']?(?:code|error_code|type|reason)["']?\s*[:=]\s*["']?(?:bad_request|invalid_request|unknown_parameter|invalid_parameter|missing_parameter|missing_required_parameter|unsupported_parameter|invalid_value|invalid_type|parameter_invalid|invalid_argument)\b/,
    // A client library's or gateway's own words for our parameters being wrong: "Check open ai req
    // parameter error", "Please check the API reference", "invalid params".
    /\b(?:req|request) param(?:eter)?s? (?:error|invalid|incorrect)\b|\bparam(?:eter)?s? (?:error|incorrect)\b|\bcheck the api reference\b|\bcheck (?:your|the) (?:request )?(?:param(?:eter)?s|arguments)\b/,
    // How many of a part one request may carry: "Model '…' supports at most 1 image per prompt", "At
    // most 1 image(s) may be provided in one request", "1 instance(s) is allowed per prediction". Items
    // of a request, never tokens or requests per minute (context length and rate limits).
    /\b(?:at most|a maximum of|up to|no more than|only) \d+ (?:images?|image\(s\)|tools?|functions?|files?|documents?|instances?|instance\(s\)|stop sequences?|attachments?|videos?|audio (?:files|clips))\b[^.\n]{0,40}?\b(?:allowed|permitted|supported|may be|can be|per (?:prompt|request|message|call|prediction))\b/,
    // An input the provider cannot use as sent: "The document has no pages", "Unable to process input
    // image", "Provided image is not valid", "MIME type … is not supported", "Image does not match the
    // provided media type".
    /\b(?:unable to|could not|couldn't|cannot|can't|failed to) (?:process|read|decode|parse) (?:the )?(?:input |provided |attached |uploaded |given )?(?:image|document|pdf|audio|video|attachment|media)s?\b|\b(?:document|pdf) has no pages\b|\b(?:provided|input|uploaded|attached|given) (?:image|document|file|pdf|audio|video) (?:is|was) (?:not valid|invalid|corrupt(?:ed)?|empty|unreadable)\b|\bmime ?type\b[^.\n]{0,80}?\bnot supported\b|\b(?:image|document|file|audio|video)\b[^.\n]{0,40}?\bdoes not match the (?:provided|declared|specified|given) (?:media|mime|content) type\b/,
    // A mode the endpoint requires or forbids in combination: "Reasoning is mandatory for this endpoint
    // and cannot be disabled", "Json mode response is not supported when enable_thinking is true",
    // "Thinking may not be enabled when tool_choice forces tool use",
    // "Function calling with a response mime type: 'application/json' is unsupported", "Tool use with
    // function calling is unsupported". A model as the subject ("The 'x' model is not supported when
    // using …") is about the model, not the combination, and is left to the hard rules.
    /\b(?:is|are) mandatory for (?:this|the)\b|\bcannot be (?:disabled|enabled|turned off) (?:for|on|with|when)\b|(?<!\bmodel\W{0,3})\b(?:is|are) not (?:supported|allowed|permitted) when\b|\bwith\b[^.\n]{0,60}? (?:is|are) unsupported\b/,
    // A client library's own feature, module, method or parameter announced as deprecated or due for
    // removal (Python's UserWarning, DeprecationWarning or FutureWarning, "This feature is deprecated
    // as of … and will be removed on …"): our code uses an old surface of the SDK. The subject must be
    // the library's part; a model that is deprecated is the hard rules' (they are consulted first).
    /\b(?:user|deprecation|future)warning\b[^\n]{0,40}?\b(?:feature|module|method|function|parameter|argument|class|package|library|sdk)\b[^.\n]{0,20}?\b(?:is|has been|was) deprecated\b|\bthis (?:feature|module|method|function|parameter|argument|class|package|library|sdk) (?:is|has been) deprecated\b[^\n]{0,80}?\bwill be removed\b/,
  ],
};
