import type { WordingSet } from "./wording-set.js";
import { MODEL_ID } from "./wordings-access.js";

/**
 * Wordings taught by batch 60's train messages (test/fixtures/taxonomy/provider-errors-60.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 60 is new trackers, localised apps, provider docs and recorded test cassettes; its
 * localised strings widened the language families (wordings-i18n.ts, wordings-ja-ko.ts, wordings-zh.ts), and
 * what is here is said in English or in a service's own words.
 */
export const WORDINGS_60: WordingSet = {
  unavailableFirst: [
    // A model whose access is restricted to a list the caller is not on, read before "authorized" makes it a
    // credential: Hugging Face "Access to model meta-llama/… is restricted and you are not in the authorized
    // list. Visit … to ask for access." Not where it asks the caller to sign in first: "… is restricted. You
    // must be authenticated to access it." is the credential's (auth, batch 39).
    /\baccess to (?:the )?model\b[^.\n]{0,100}?\bis restricted\b(?![^\n]{0,80}\b(?:authenticated|authenticate|log ?in|sign ?in)\b)|\bnot (?:in|on) the (?:authori[sz]ed|allowed|approved) list\b/,
  ],
  unavailable: [
    // Models kept to a mode of the client, or to a newer client (the conventions: a client too old for the model
    // is model_unavailable): Cursor "Claude 4 Opus … are only available with Max mode. Upgrade to version 0.50.0
    // to use these models."
    /\b(?:is|are) only available (?:with|in) (?:the )?[\w-]+ mode\b|\bupgrade to (?:version |v)?\d+(?:\.\d+)+ to use (?:these|this|the) models?\b/,
  ],
  notFound: [
    // An entity looked up by a model-shaped key that does not exist: OCI "Entity with key
    // `meta.llama-3-70b-instruct` not found" (a key shaped like a model id, MODEL_ID).
    new RegExp(String.raw`\bentity with (?:key|id|name) [\`'"]?${MODEL_ID}[\`'"]? (?:was )?not found\b`),
  ],
  request: [
    // Our schema refused: Ollama "invalid JSON schema in format" (under litellm's APIConnectionError wrapper).
    /\binvalid (?:json )?schema (?:in|for) (?:the )?(?:format|response_format|tool|function|parameters)\b/,
    // A tool's output in our request with no call to pair with: OpenAI "No tool call found for shell call
    // output with call_id call_…" (the "no tool call found" of an answer is the output family's).
    /\bno (?:tool|function) call found for (?:\w+ )?(?:call )?output\b/,
    // A parameter of ours deprecated for the model, not the model deprecated: Bedrock "The model returned the
    // following errors: `temperature` is deprecated for this model."
    /[`'"][a-z][a-z0-9_.]*[`'"] (?:parameter |field |option )?(?:is|has been) deprecated (?:for|with|on) (?:this|the) model\b/,
  ],
  output: [
    // The model's answer against the schema we gave: Anthropic "Output does not match required schema: .items:
    // should be array, …".
    /\boutput does not (?:match|conform to) (?:the )?(?:required |expected |provided |given )?schema\b/,
  ],
  auth: [
    // An organization (project, workspace) the credential names that does not exist: OpenAI "No such
    // organization: org-…".
    /\bno such (?:organi[sz]ation|org|project|workspace|team|account)\b/,
  ],
  network: [
    // The stream could not be read: sub2api's upstream error code "stream_read_error".
    /\bstream_read_error\b|\b(?:stream|sse|event stream|response body) read (?:error|failed|failure)\b|\berror reading (?:the )?(?:stream|response body|event stream)\b/,
    // The local server not running, so nothing answers the connection: Ollama's Korean guide "Error: Ollama
    // 서버가 실행되고 있지 않습니다" (its English twin "… server is not running").
    /\b(?:server|daemon)\b[^.\n]{0,10}\b(?:is not|isn't) running\b|서버가 실행되고 있지 않/,
  ],
  serverLate: [
    // The provider's model code crashing on tensor types: Replicate "Prediction failed: Input type (c10::Half)
    // and bias type (float) should be the same".
    /\b(?:input|bias|weight) type \([^)]{1,40}\) and (?:bias|weight|input) type \([^)]{1,40}\) should be the same\b|\bexpected scalar type \w+ but found \w+\b/,
  ],
};
