import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 65's train messages (test/fixtures/taxonomy/provider-errors-65.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 65 is community forums and Q&A pages, gateways' and SDKs' sources and recorded
 * fixtures, and 2026 issue threads of coding agents, MCP and agent SDKs. (Its other rule, "too many tokens"
 * with no status read as the prompt's size, is in classify.ts beside the 400 and 413 one.)
 */
export const WORDINGS_65: WordingSet = {
  billing: [
    // Credits spent, whatever the status says: Gemini 429 RESOURCE_EXHAUSTED "Your prepayment credits are
    // depleted. Please go to AI Studio … to manage your project and billing" (a rate limit's status, a bill's
    // words; waiting does not bring credits back).
    /\bcredits? (?:are |is |have been |has been )?(?:depleted|exhausted|used up)\b/,
    // A spend cap the account set: Cursor "Total usage limit reached. Set a new on-demand limit to continue."
    /\bon-demand (?:usage |spend(?:ing)? )?limit\b/,
    // A plan the account lacks, by its code: Cursor "[plan_required] Cloud Agent is not available for free
    // users. Please upgrade to Pro."
    /\bplan_required\b/,
  ],
};
