import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 57's train messages (test/fixtures/taxonomy/provider-errors-57.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 57 is the hard class and its near misses at the providers beyond the big
 * first-party ones, and the provider-wide class with its borders (a tool server's token is not the
 * provider's).
 */
export const WORDINGS_57: WordingSet = {
  notFoundFirst: [
    // An id the provider does not know, which it says may also be retired: H Company 404 "This model does
    // not exist or has been deprecated." (not_found, as "does not exist or you do not have access" is).
    /\bmodel\b[^.\n]{0,80}\bdoes not exist or (?:has been|was|is) (?:deprecated|retired|removed)\b/,
  ],
  requestFirst: [
    // A tool server's or another service's credentials refused, not the LLM provider's (batch 46's
    // convention): "Error from MCP server: Error: Error POSTing to endpoint (HTTP 401): unauthorized";
    // "GitHub API error: 401"; "n8n API error 401: Unauthorized"; Java's
    // "McpHttpClientTransportAuthorizationException".
    /\b(?:error from )?mcp server\b[^\n]{0,80}\b(?:401|403|unauthori[sz]ed|forbidden)\b/,
    /\bmcp\w{0,40}authori[sz]ationexception\b/,
    /\b(?:github|gitlab|n8n|slack|notion|jira|linear|confluence|zapier) api error:? (?:401|403)\b/,
  ],
  auth: [
    // The user switched off by the account's admin, under a client's connection words: Windsurf "Connection
    // Error api server wire error: user is disabled by team" (a model disabled by the organisation's policy
    // is that model kept from the account, not the user).
    /\buser (?:is|has been) disabled\b/,
  ],
  request: [
    // An endpoint the model does not serve (a wrong surface for it): Cohere "embed is not an available
    // endpoint on this model".
    /\bis not an available endpoint (?:on|for) (?:this|the) model\b/,
  ],
};
