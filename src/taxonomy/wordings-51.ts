import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 51's train messages (test/fixtures/taxonomy/provider-errors-51.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 51 is the evaluation and benchmark harnesses, agent frameworks, and provider
 * SDKs outside Python and TypeScript.
 */
export const WORDINGS_51: WordingSet = {
  billing: [
    // A spend limit the account set for itself, reached: Anthropic 400 "You have reached your specified API
    // usage limits. To continue, please adjust your limits."
    /\breached your specified (?:api )?usage limits?\b/,
  ],
  output: [
    // An answer with nothing in it to read: evalscope "Failed to parse usage from response: list index out of
    // range. Response: []"; Onyx "LiteLLM response stream must include at least one choice".
    /\bfailed to parse [\w ]{1,30} from (?:the )?response\b[^\n]{0,60}\bresponse: \[\]/,
    /\bmust include at least one choice\b/,
    // A judge's answer that was not the number asked for: "could not convert string to float: 'The rating
    // for your answer is: 60'" (the model wrote words around the number).
    /\bcould not convert string to (?:float|int)\b/,
  ],
  retired: [
    // A model in the brown-out before its retirement (calls refused on a schedule): Palantir "Unable to use
    // model: language model is in planned deprecation and is currently under a brown-out".
    /\bdeprecation\b[^\n]{0,60}\bunder a brown-?out\b/,
  ],
  notFound: [
    // Anthropic's not-found error as Claude Code prints it, the message alone: "404 model: sonnet (×4326)"
    // (an alias the API does not know).
    /^(?:api error: )?404 model: [\w.:@/-]+/,
  ],
};
