import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 68's train messages (test/fixtures/taxonomy/provider-errors-68.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 68 is the compatible providers in their own words (OpenRouter, Groq, Fireworks,
 * Cerebras), Azure OpenAI and AI Foundry, and OpenAI's and Anthropic's newest API surfaces.
 */
export const WORDINGS_68: WordingSet = {
  request: [
    // A parameter of our call missing, named after a transport word: Azure "Connection failed: Missing
    // required query parameter: api-version" (the connection was made; our URL lacked the version).
    /\bmissing required (?:query |path |header )?parameter\b/,
    // A Realtime session over its allowed length, even as a websocket close: OpenAI "ConnectionClosedOK:
    // received 1001 (going away) Your session hit the maximum duration of 60 minutes." (batch 34 has its
    // "session_expired" event as bad_request).
    /\bsession (?:hit|reached|exceeded) the maximum duration\b/,
    // Things of ours, not models, not found: Anthropic 404 not_found_error "Skill not found"; a relay's
    // "Route /api/v1/skills?source=anthropic not found" (the path we called).
    /\bskill (?:not found|does not exist)\b|\broute \/[\w/.?=&%-]* not found\b/,
  ],
};
