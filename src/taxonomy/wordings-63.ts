import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 63's train messages (test/fixtures/taxonomy/provider-errors-63.json), each by
 * meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read
 * lowercased text. Batch 63 is agent frameworks' and apps' issues about the product providers, the thinner
 * providers, relays and serving stacks, and SDK sources and error pages.
 */
export const WORDINGS_63: WordingSet = {
  auth: [
    // The service's own identity could not get the token it calls with: Azure OpenAI "Failed to get managed
    // identity token. … ManagedIdentityIsNotEnabled" (under a 400). Not a count or a limit of tokens.
    /\bmanagedidentityisnotenabled\b|\bfailed to (?:get|acquire|obtain|fetch|retrieve) (?:an? |the )?(?:managed identity|access|oauth|auth|bearer|id) token\b/,
  ],
  context: [
    // "消息过长" (the message is too long), and the conversation, session or text too long; batch 31's and
    // the Chinese wordings name the input, the prompt or the context, or a length noun between. (The
    // mlx-serve 400 "Prompt (138254 tokens) requires ~28903MB GPU memory … Reduce prompt size" is left: a
    // rate limit names the same fix, "reduce the prompt length", so the fix is no evidence of either.)
    /(?:消息|对话|会话|文本)(?:内容)?(?:过长|太长|超长)/,
  ],
  notFound: [
    // "Engine" is the OpenAI API's first word for a model (openai<1.0 and /v1/engines): "openai.error.
    // InvalidRequestError: Engine not found" as the whole message after its exception's names. Not a
    // serving stack's engine that failed to start or load, which names what went wrong with it.
    /^(?:[\w.]+error:\s*)*(?:engine not found|no such engine)\W*$/,
  ],
};
