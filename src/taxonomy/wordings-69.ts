import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 69's train messages (test/fixtures/taxonomy/provider-errors-69.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 69 is OpenAI, Azure and Anthropic's rarer surfaces, Bedrock and Vertex through
 * their SDKs, and self-hosted model servers. A model architecture a serving stack cannot run (vLLM "Model
 * architectures ['LlavaNextForConditionalGeneration'] are not supported for now") is in phrasings.ts's
 * HOST_CANNOT_HOLD, beside "unknown model architecture".
 */
export const WORDINGS_69: WordingSet = {
  output: [
    // The model's tool call that is not valid JSON, said by the provider: Anthropic "Unable to parse tool
    // parameter JSON from model. Please retry your request or adjust your prompt." (what the model wrote,
    // not the server failing, whatever retry words follow).
    /\b(?:unable to|could not|failed to) parse (?:the )?tool (?:call |use )?(?:parameters?|arguments?|input) json\b/,
  ],
  request: [
    // Our client's address or its SDK, not the provider: OpenAI "The OpenAI API can only be accessed over
    // HTTPS."; botocore "UnknownServiceError: Unknown service: 'bedrock-runtime'" (an SDK too old to know
    // the service we call).
    /\bcan only be accessed over https\b|\bunknownserviceerror\b|\bunknown service: '/,
  ],
  overloaded: [
    // A model server still loading the model, as its whole message: Docker Model Runner 503
    // {"message":"Loading model","type":"unavailable_error"}.
    /(?:^|")loading (?:the )?model(?:\.{3}|…)?(?:"|$)/,
  ],
  timeout: [
    // A runtime that did not start in its allowed time: Bedrock AgentCore 424 "Runtime initialization
    // time exceeded. Please make sure that initialization completes in 30s."
    /\b(?:initiali[sz]ation|start-?up) time (?:exceeded|limit exceeded)\b/,
  ],
};
