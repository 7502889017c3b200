import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 35's train messages (test/fixtures/taxonomy/provider-errors-35.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 35 was collected for the families the taxonomy misses most: answers with
 * nothing in them, streams that end without their last event, relays' and local servers' own words.
 */

/** What an answer is made of, as clients name the part they found empty or missing. */
const ANSWER_PART = String.raw`(?:choices|candidates|message|content|completion|output|response)`;

export const WORDINGS_35: WordingSet = {
  unavailableFirst: [
    // A model the account's plan does not include, in a 403 typed as a permission error: Ollama "403
    // {"type":"error","error":{"type":"permission_error","message":"this model requires a subscription,
    // upgrade for access"}}" (as "not available on the free tier" is: the account's other models work).
    /\b(?:this |the )?model requires an? (?:subscription|paid (?:plan|tier|subscription)|(?:pro|higher|premium) (?:plan|tier|subscription))\b/,
  ],
  auth: [
    // A key refused, in an error type written as one camel-case word: LobeHub "errorType:
    // 'InvalidProviderAPIKey'" ("InvalidApiKey", "InvalidAccessKeyId" are the same in other SDKs).
    /\binvalid[a-z]{0,24}api_?key\b|\bapi_?key(?:invalid|missing|expired)\b/,
  ],
  contentFilter: [
    // A relay's or provider's word filter: new-api "input contains sensitive words: […]" (code
    // sensitive_words_detected); MiniMax "output new_sensitive", "input new_sensitive, … image is
    // sensitive, please check your input" (under a 500 its gateway wrapped it in).
    /\bsensitive[_ ]words?\b|\b(?:input|output)[_ ]new_sensitive\b|\b(?:image|input|output|prompt|content|text) is sensitive\b/,
  ],
  context: [
    // The prompt and the answer's budget together over the model's window: Together "Input token count +
    // max_tokens parameter must be less than the context length of the model being queried."
    /\b(?:input|prompt) tokens?(?: count)?\b[^\n]{0,80}?\bmust be (?:less|smaller|fewer) than\b[^\n]{0,40}?\bcontext (?:length|window|size)\b/,
  ],
  output: [
    // A client reading the first choice of an answer that had none: MoneyPrinterTurbo
    // "response.choices[0].message.content TypeError: 'NoneType' object is not subscriptable".
    new RegExp(
      String.raw`\b${ANSWER_PART}\b[^\n]{0,80}?'?nonetype'? object (?:is not subscriptable|has no attribute)\b`,
    ),
    // An answer that came back empty, in a chat app's words: LM Studio "This message contains no content.
    // The AI has nothing to say."
    new RegExp(String.raw`\b${ANSWER_PART} contains no (?:content|text)\b|\bhas nothing to say\b`),
    // An answer cut off by its output budget, said of the answer: "OpenAI stopped before finishing the
    // answer (incomplete)", "Claude's response exceeded the 32000 output token maximum." (not a request
    // whose max_tokens is over the model's limit, which names the parameter, not the answer).
    /\bstopped before (?:finishing|completing)\b/,
    new RegExp(
      String.raw`\b${ANSWER_PART} (?:has |have )?(?:exceeded|hit|reached) (?:the )?(?:\d+ )?output tokens? (?:maximum|limit)\b`,
    ),
    // Structured output the model produced that does not parse: OpenRouter "schema '…': response text is
    // not valid JSON: expected value at line 1 column 1".
    /\bresponse text is not valid json\b/,
  ],
  rateLimit: [
    // Chinese providers: concurrency too high ("您当前使用该API的并发数过高，请降低并发"), in the words beside
    // the "并发超限" patterns.ts already reads.
    /并发(?:数|量)?(?:过高|过大|太高|超过|已达)/,
  ],
  timeout: [
    // A stream that went quiet past the client's deadline: qwen-code "No stream activity for 120000ms
    // after 19 chunks".
    /\bno (?:stream )?(?:activity|data|chunks?|tokens?) (?:received )?(?:for|in|within) \d+ ?(?:ms|s|sec|secs|seconds|milliseconds)\b/,
  ],
  network: [
    // A stream that ended before its closing event: Anthropic's SDK "stream ended without receiving a
    // terminal event; the response may be incomplete", a relay's "The response stopped arriving. The
    // response above may be incomplete." The connection ended, not the model's answer.
    /\bstream ended without (?:receiving )?(?:a |the )?(?:terminal|final|closing|done|stop) (?:event|message|chunk)\b/,
    /\bresponse stopped arriving\b/,
  ],
  notFound: [
    // LiteLLM's router given a model no entry of its list names: "You passed in
    // model=text-completion-codestral/codestral-latest. There is no 'model_name' with this string".
    /\bthere is no 'model_name' with this string\b/,
  ],
};
