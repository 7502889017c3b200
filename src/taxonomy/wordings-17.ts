import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 17's train messages (test/fixtures/taxonomy/provider-errors-17.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 17 is what Python agent and LLM-programming frameworks (smolagents, pydantic-ai, crewAI,
 * AutoGen, MetaGPT, …) print around the providers' errors.
 */
export const WORDINGS_17: WordingSet = {
  context: [
    // A prompt outside the input-length range the model takes: DashScope (Qwen) 400
    // invalid_parameter_error "<400> InternalError.Algo.InvalidParameter: Range of input length should
    // be [1, 260096]".
    /\b(?:range of )?input length (?:should|must) be (?:in |within |between )?\[?\d/,
  ],
  output: [
    // A server that could not read a tool call in the model's text: Hugging Face's 422 to smolagents
    // "Error in generating tool call with model: 422 Client Error … Tool error: Failed to parse
    // generated text: EOF while parsing". (The wrapper "Error in generating tool call with model:"
    // says nothing: smolagents puts it around any error, "This model isn't mapped yet" among them.)
    /\bfailed to parse (?:the )?generated text\b/,
  ],
};
