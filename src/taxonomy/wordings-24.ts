import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 24's train messages (test/fixtures/taxonomy/provider-errors-24.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 24 is the providers' own error-code pages (Huawei Cloud ModelArts, Z.ai, Alibaba Model Studio):
 * terse sentences with no status beside them.
 */
export const WORDINGS_24: WordingSet = {
  billing: [
    // A free or trial allowance spent: Huawei "The free quota has been used up." (under a 401).
    /\b(?:free|trial|gift(?:ed)?|complimentary|bonus) (?:quota|credits?|allowance|tokens?)\b(?:[^.\n]){0,30}?\b(?:used up|exhausted|depleted|run out|ran out|expired|consumed)\b/,
  ],
  auth: [
    // The account itself not usable, in words other than disabled or suspended: Z.ai "Your account is
    // currently inactive", "Your account does not exist", "Your account has been locked, please contact
    // customer service to unlock". A billing account that is inactive is billing's (patterns.ts).
    /\b(?<!billing )account (?:has been |is |was )?(?:currently )?(?:inactive|locked|frozen|not activated|not yet activated)\b|\b(?:your|this|the) account (?:does not|doesn't|did not) exist\b/,
    // A request that reached the provider without credentials it could read: Huawei "Failed to get the
    // authorization header." (under a 400).
    /\b(?:failed to (?:get|read|find|parse|extract)|could not (?:get|read|find|parse)|missing|no|empty|malformed) (?:the )?authori[sz]ation header\b/,
  ],
  context: [
    // The prompt over the model's input bound, stated as a comparison: Huawei "the prompt length 151499
    // must less than the maximum input length 129024".
    /\b(?:prompt|input) length\b(?:[^.\n]){0,40}?\b(?:less|smaller|lower|shorter) than (?:the )?max(?:imum)? (?:input |prompt |context |model )?length\b/,
  ],
  rateLimit: [
    // Alibaba Model Studio "You exceeded your current requests list" (a request-rate bound; "your
    // current quota" is OpenAI's billing wording and stays billing's).
    /\bexceeded your current requests? (?:list|limit|rate)\b/,
  ],
};
