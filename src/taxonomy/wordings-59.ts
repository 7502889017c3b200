import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 59's train messages (test/fixtures/taxonomy/provider-errors-59.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 59 is localised apps' strings and non-English providers' and relays' texts
 * (their wordings widened the language families: wordings-i18n.ts, wordings-ja-ko.ts, wordings-zh.ts); what is
 * here is said in English or in a service's own words.
 */
export const WORDINGS_59: WordingSet = {
  billing: [
    // A balance at zero, beside quota words a rate rule would read: image-router "Quota exceeded and account
    // balance is $0.0"; new-api's status code `TokenStatusExhausted` (a token's quota used up).
    /\baccount balance is \$?0(?:\.0+)?\b|\btokenstatusexhausted\b/,
  ],
  auth: [
    // A request signature refused, beside advice to retry: Huawei Cloud "AK/SK signature verify failed, please
    // check and try again later!"
    /\bsignature verif(?:y|ication) failed\b/,
  ],
  request: [
    // No model in our request: NextChat's relay "No model in args".
    /\bno model in (?:the )?(?:args|arguments|request)\b/,
  ],
};
