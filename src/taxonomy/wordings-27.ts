import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 27's train messages (test/fixtures/taxonomy/provider-errors-27.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts. Batch
 * 27 is apps no earlier batch had mined: subtitle and translation tools, chat bots, browser
 * extensions, home automation, note apps, BI tools.
 */
export const WORDINGS_27: WordingSet = {
  billing: [
    // Usage paid beyond a subscription plan (Anthropic's "extra usage"), said as what a request
    // draws from, even under a 400: "Third-party apps now draw from your extra usage, not your plan
    // limits. We've added a $200 credit to get you started." (batch 16's "Extra usage is required"
    // is the same account matter.)
    /\b(?:draws?|drawn|drawing|charged|billed|counts?|counted) (?:from|to|against|toward) (?:your |the )?extra usage\b/,
  ],
  output: [
    // An answer with a different number of parts than the request asked for, said as a count
    // against the expected one: "Gemini returned 98 lines instead of expected 100 lines" (a subtitle
    // translator), before the "encountered an error" of the wrapper that reports it.
    /\b(?:returned|produced|generated|gave|sent back) \d+ (?:lines|items|entries|translations|segments|results|subtitles|sentences|paragraphs|rows|answers)\b[^.\n]{0,20}?\b(?:instead of|but|while|when) (?:the |we )?expected \d+\b/,
  ],
};
