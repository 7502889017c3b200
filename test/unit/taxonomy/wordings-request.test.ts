import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The broad families for the request kinds (src/taxonomy/wordings-request.ts, issue 17 item 11),
 * written across every batch's train messages by meaning: each family in words of our own (no corpus
 * text), mostly without a status, since the families exist for the message that carries none. Then
 * the near misses each family must leave to the rule they belong to (a credential, an unknown model, a
 * broken stream, a server's failure, a safety block, a rate limit), and no hard verdict under a 5xx or
 * a retry hint.
 */
const FAMILIES: Record<string, Case[]> = {
  "the model named as producing an unusable answer, before request words (session 27)": [
    { message: "The model returned malformed tool arguments", kind: "output_invalid" },
    { message: "LLM output is not valid YAML", kind: "output_invalid" },
    {
      message: "Structured output validation failed: missing required field 'answer'",
      kind: "output_invalid",
    },
    { message: "Response content was null", kind: "output_invalid" },
    { message: "The assistant message had neither text nor tool calls", kind: "output_invalid" },
  ],
  "the model's answer with a predicate that it cannot be used": [
    { message: "The generated JSON failed validation against the answer schema.", kind: "output_invalid" },
    { message: "The assistant's tool call was incomplete.", kind: "output_invalid" },
  ],
  "a client library's exception class for an answer it could not use": [
    { message: "ModelBehaviorError: the reply could not be used", kind: "output_invalid" },
    { message: "IncompleteOutputException: stopped early", kind: "output_invalid" },
    { message: "AI_TypeValidationError: Type validation failed: Value: {}", kind: "output_invalid" },
  ],
  "a JSON decoder's words for an answer that is not JSON": [
    { message: "SyntaxError: Unexpected end of JSON input while reading the answer", kind: "output_invalid" },
    { message: "Unterminated string starting at: line 1 column 40 (char 39)", kind: "output_invalid" },
    { message: "JSONDecodeError while loading the reply", kind: "output_invalid" },
  ],
  "an answer that came back empty": [
    { message: "The LLM returned an empty answer.", kind: "output_invalid" },
    { message: "Got a blank reply back from the assistant", kind: "output_invalid" },
    { message: "Received null content for the completion", kind: "output_invalid" },
    { message: "The reasoning model returned no text", kind: "output_invalid" },
    { message: "Empty output from model", kind: "output_invalid" },
  ],
  "the model's tool call or JSON answer unreadable or cut short": [
    { message: "Could not parse function call arguments", kind: "output_invalid" },
    { message: "tool_calls[0].function.arguments is not valid JSON", kind: "output_invalid" },
    { message: "Error: the model's reply was cut off before the JSON closed", kind: "output_invalid" },
  ],
  "an answer that lacks what was asked for, or is not in the format asked for": [
    { message: "The model did not call any tool", kind: "output_invalid" },
    { message: "The assistant response contained no text blocks", kind: "output_invalid" },
    { message: "No valid answer found in model response", kind: "output_invalid" },
    { message: "The completion is not valid YAML", kind: "output_invalid" },
    { message: "Generation stopped: repeated tokens detected", kind: "output_invalid" },
  ],
  "an answer cut short by its own token budget, in words": [
    { message: "The assistant stopped generating because it hit the length limit.", kind: "output_invalid" },
    { message: "Generation was cut off by the max_tokens limit.", kind: "output_invalid" },
  ],
  "nothing came back where an answer was due": [
    { message: "No generations produced for the request", kind: "output_invalid" },
  ],
  "a tool the request never declared": [
    {
      message: "Agent attempted to use a tool that is not declared in the toolset",
      kind: "output_invalid",
    },
    { message: "The agent hallucinated a function named lookup_weather", kind: "output_invalid" },
  ],
  "a harness that validated the answer and gave up": [
    { message: "Exceeded 2 attempts for answer validation", kind: "output_invalid" },
  ],
  "a request part with a rejection predicate, in either order": [
    { message: "Option 'top_k' is not recognised by this server.", kind: "bad_request" },
    { message: "Unrecognized setting passed: seed_mode", kind: "bad_request" },
  ],
  "a feature this model does not offer": [
    { message: "Logit bias is not enabled for this model.", kind: "bad_request" },
    { message: "Request failed: system prompt not allowed for this model", kind: "bad_request" },
    { message: "The selected model does not support the chosen voice", kind: "bad_request" },
    { message: "response_format json_schema requires a schema", kind: "bad_request" },
  ],
  "a named request part declared invalid, or a header the endpoint does not know": [
    { message: "The reasoning budget (-1) is invalid.", kind: "bad_request" },
    { message: "Unrecognized header x-demo-mode", kind: "bad_request" },
    { message: "Unexpected value 'v9' for the demo-version header", kind: "bad_request" },
  ],
  "which parts must pair and which only one of may be set": [
    { message: "Set exactly one of temperature and top_p.", kind: "bad_request" },
  ],
  "the order of roles and turns": [
    { message: "A turn with role 'tool' must follow an assistant turn.", kind: "bad_request" },
  ],
  "the wrong API surface, named by its path": [
    { message: "Please call the /v2/generate route instead.", kind: "bad_request" },
  ],
  "an input kind this model or endpoint does not take": [
    { message: "Content type 'text/plain' not supported", kind: "bad_request" },
    { message: "This endpoint does not accept image inputs", kind: "bad_request" },
    { message: "Audio input is not available for this model", kind: "bad_request" },
    { message: "Streaming not supported", kind: "bad_request" },
  ],
  "a request part that is empty or absent": [
    { message: "The 'messages' array is empty", kind: "bad_request" },
    { message: "No messages provided", kind: "bad_request" },
  ],
  "a value outside what a parameter takes": [
    { message: "temperature out of bounds", kind: "bad_request" },
    { message: "top_p must be in (0, 1]", kind: "bad_request" },
    { message: "n must be 1 for this model", kind: "bad_request" },
    { message: "seed is not a supported argument", kind: "bad_request" },
  ],
  "a URL that is not an API route, with its method": [
    { message: "Invalid URL (POST /v1/chat/completion)", kind: "bad_request" },
  ],
  "tools and tool results in our request that do not pair": [
    { message: "Tool result does not follow a tool call", kind: "bad_request" },
    { message: "tool_choice is set but no tools were provided", kind: "bad_request" },
    { message: "Duplicate tool names are not allowed", kind: "bad_request" },
    { message: "System messages are only permitted as the first message", kind: "bad_request" },
    { message: "store=false is incompatible with previous_response_id", kind: "bad_request" },
    { message: "previous_response_id not found", kind: "bad_request" },
  ],
  "media our request points to that cannot be used": [
    { message: "Please provide a valid image URL", kind: "bad_request" },
    { message: "Could not download image from URL", kind: "bad_request" },
    { message: "File type not supported", kind: "bad_request" },
  ],
  "our request refused by a structured code alone": [
    { message: '{"code":"invalid_request","message":"oops"}', kind: "bad_request" },
    { message: '{"error":{"code":"unknown_parameter"}}', kind: "bad_request" },
  ],
  "a client's or gateway's words for wrong parameters": [
    { message: "Gateway says: request parameter error (code 1002)", kind: "bad_request" },
  ],
  "how many of a part one request may carry": [
    { message: "Only 4 attachments are allowed per request.", kind: "bad_request" },
  ],
  "an input the provider cannot use as sent": [
    { message: "Could not decode the attached image.", kind: "bad_request" },
    { message: "The PDF has no pages.", kind: "bad_request" },
  ],
  "a client library's own feature announced as deprecated": [
    {
      message: "sdk.py:12: DeprecationWarning: This module has been deprecated; use the new client instead.",
      kind: "bad_request",
    },
    {
      message: "This method is deprecated and will be removed in the next major release.",
      kind: "bad_request",
    },
  ],
  "a mode required or forbidden in combination": [
    { message: "Streaming is mandatory for this endpoint.", kind: "bad_request" },
    { message: "Structured output with web search is unsupported.", kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // Our own turn with nothing in it is our request.
  { message: "Invalid request: user message content is empty", httpStatus: 400, kind: "bad_request" },
  { message: "The request is missing required field 'model'", httpStatus: 400, kind: "bad_request" },
  // The prompt cut to fit is the input's length, never the answer's budget.
  { message: "The prompt was truncated to fit the token limit of the model.", kind: "context_length" },
  // A model deprecated, even in a library's warning, is the model's retirement, not our code's.
  { message: "UserWarning: The model demo-2 has been deprecated.", kind: "model_retired" },
  // A JSON decoder's words under a 5xx: the provider failed and sent no JSON, not the model.
  { message: "SyntaxError: Unexpected end of JSON input", httpStatus: 502, kind: "server_error" },
  // A decoder's words about an upstream's error body are the server's failure.
  {
    message: "Upstream error from demo: Unterminated string starting at: line 1 column 9 (char 8)",
    kind: "server_error",
  },
  // A gateway's 502 whose body was not JSON stays a server error, not an unusable answer.
  { message: "Error 502 Bad Gateway: Unexpected end of JSON input", kind: "server_error" },
  // A credential named as a parameter is a credential failure.
  { message: "The api_key parameter is missing.", kind: "auth" },
  // An unknown model in a request's wrapper is not found, not a bad argument.
  { message: "Invalid argument: model not found: demo-1", kind: "model_not_found" },
  // A model refused for an account, in the "not supported when" shape, stays with the model.
  { message: "The 'demo-2' model is not supported when using this account.", kind: "model_unavailable" },
  // A safety reason behind Google's generic invalid argument is a content filter.
  {
    message: "Request contains an invalid argument. reason: PUBLIC_ERROR_UNSAFE_GENERATION",
    kind: "content_filter",
  },
  // A cap per interval is a rate limit, never "how many of a part one request may carry".
  {
    message: "You have sent more than 5 requests per minute; at most 5 requests are allowed per minute.",
    kind: "rate_limit",
  },
  // A bound on tokens is a prompt too long, not a value out of range.
  {
    message: "Validation error: `inputs` tokens + `max_new_tokens` must be <= 1024. Given: 1000 and 50",
    kind: "context_length",
  },
  // An index out of bounds is a client's bug about the answer, not our parameter (no verdict).
  { message: "IndexError: index out of bounds", kind: "unknown" },
  // "The request was malformed" beside a wrong key is a credential failure.
  { message: "The request was malformed. Incorrect API key provided.", kind: "auth" },
  // An account not enabled for a model is about who may use it, never our parameter (no verdict in
  // these words alone).
  { message: "Your account is not enabled for this model.", kind: "unknown" },
  // A function name the model produced that a client could not read is the model's output.
  {
    message: "AI_InvalidResponseDataError: Expected 'function.name' to be a string.",
    kind: "output_invalid",
  },
  // A client's wrapper class around a 400 says nothing of its own: the words decide (retired here).
  {
    message: "InvalidRequestError: The model `demo-3` has been decommissioned and is no longer supported.",
    kind: "model_retired",
  },
  // A stream chunk the SDK could not parse is a transport failure, not an unusable answer.
  {
    message: 'AI_JSONParseError: JSON parsing failed: Text: {"object":"chat.completion.chunk"',
    kind: "unknown",
  },
  // A prompt over the window is context length.
  {
    message: "This model's maximum context length is 4096 tokens, but the prompt has 5000 tokens.",
    kind: "context_length",
  },
];

describeWordings("broad families for the request kinds (generalisation round)", FAMILIES, NEAR_MISSES, {
  families: Object.keys(FAMILIES),
  status: 503,
});
