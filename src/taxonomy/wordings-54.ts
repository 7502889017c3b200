import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 54's train messages (test/fixtures/taxonomy/provider-errors-54.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 54 is the first-party providers' weakest families in application trackers
 * the corpus cited little, the inference hosts, and the hard class when models are retired, with near
 * misses: things other than a model that are "not found".
 */
export const WORDINGS_54: WordingSet = {
  unavailable: [
    // A model the provider does not offer on a call path (fine-tuning, batch inference), which the label
    // conventions read as a model kept from this use, as batch 45's "not supported for batch processing":
    // Azure "The specified base model does not support fine-tuning."; Mistral 422 "Model not available
    // for this type of fine-tuning"; Bedrock "Batch inference is not supported for the requested model".
    /\bmodel\b[^.\n]{0,60}\b(?:does not|doesn't) support fine-?tuning\b/,
    /\bmodel\b[^.\n]{0,40}\bnot available for (?:this type of )?fine-?tuning\b/,
    /\b(?:fine-?tuning|batch (?:inference|processing|mode))\b[^.\n]{0,40}\bnot (?:supported|available) for (?:the requested|this|the specified) model\b/,
  ],
  request: [
    // Things of ours that are not models, not found (batch 49's family, in more words): OpenAI 404 "No
    // such File object: file-…"; a conversation id a chat service no longer knows ("Conversation not
    // found", `conversation_not_found`); an MCP server's "Tool __x__ not found".
    /\bno such (?:file|assistant|thread|run|vector[ _]store|batch|upload|container|conversation|message) object\b/,
    /\bconversation[ _]not[ _]found\b/,
    /\btool [\w.:/-]{1,80} not found\b/,
  ],
  notFound: [
    // A model name the provider does not recognise, in other words: TRAE "Incorrect Model Name, Please
    // Verify It Matches The Provider's Name. (984)".
    /\bincorrect model (?:name|id|identifier)\b/,
  ],
};
