import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by the train split's first-sentence probes (src/taxonomy/probes.ts), each by meaning:
 * messages whose first sentence already says what they are, while the rule that read the whole message
 * keyed on a later sentence, so a log that kept only the first line lost the verdict. Written from train
 * messages only, with the message each came from. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_PROBES: WordingSet = {
  billing: [
    // Credits the account must have to use a model or run a request, in words other than "more credits":
    // Nous "Model 'openai/gpt-5.5-pro' requires available credits." (then: the balance is too low).
    /\brequires? (?:available|sufficient|enough|additional) credits\b/,
  ],
  request: [
    // An input of a kind the endpoint does not take, named as its type: Mistral "Error: Invalid document
    // type." (then: "image/jpeg is not supported"), OpenAI "Invalid content type. image_url is only
    // supported by certain models." A type our request chose, never the model's.
    /\binvalid (?:document|file|image|audio|media|attachment|mime|content) type\b/,
    // A file our request uploaded in the wrong format: OpenAI fine-tuning "The job failed due to a file
    // format error in the training file."
    /\b(?:file )?format error in (?:the |your )?(?:training |validation |input |uploaded )?file\b/,
  ],
  unavailable: [
    // A model switched off for the account, as "disabled" is (families.ts): Tencent CloudBase "The model
    // has been deactivated." (then: check whether it is activated on the console). Not an account or a
    // key deactivated (auth, patterns.ts), whose subject is never the model.
    /\bmodel (?:has been|is|was) deactivated\b/,
  ],
};
