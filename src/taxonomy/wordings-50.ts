import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 50's train messages (test/fixtures/taxonomy/provider-errors-50.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 50 is the serving stacks' and gateways' own texts, messages in languages
 * other than English, and the provider-wide class and its borders. (Its wordings in Chinese, Japanese and Korean
 * are in wordings-zh.ts and wordings-ja-ko.ts, with the other wordings of those languages.)
 */
export const WORDINGS_50: WordingSet = {
  unavailableFirst: [
    // A model service the account has not activated, under a 403: Volcengine Ark "Operation is denied
    // because the model service is unavailable, please go to the … console activation management page to
    // activate the corresponding model service".
    /\bactivate the (?:corresponding |relevant )?model service\b/,
    // A model kept from accounts not yet verified: Neon 403 "model requires a verified account" (as
    // "organization must be verified to use the model" is).
    /\bmodel requires an? verified (?:account|organi[sz]ation|user)\b/,
    // A model the organisation restricts: GPTunnel "Has organization restrict for this model."
    /\borgani[sz]ation restrict(?:ion)?s? (?:for|on) this model\b/,
  ],
  unavailable: [],
  auth: [
    // A key that needs a workspace named with it: Anthropic "This API key is not scoped to a workspace,
    // so this request must include the anthropic-workspace-id header"; "anthropic-workspace-id is required
    // when authenticating with an identity-linked API key".
    /\bapi key is not scoped to (?:a|any) workspace\b|\bworkspace-id is required when authenticating\b/,
  ],
  contentFilter: [
    // Volcengine Ark 400 "The request failed because the input text may contain severe violation
    // information."
    /\bcontains? (?:severe |serious )?violation information\b/,
  ],
  request: [
    // A route the server does not serve: LM Studio "Unexpected endpoint or method. (POST /chat/completions)".
    /\bunexpected endpoint or method\b/,
    // A field missing from our request: gateway-api-inference-extension 400 "model not found in request
    // body" (no model was sent; nothing was looked up).
    /\bnot found in (?:the )?request(?: body)?\b/,
  ],
  overloaded: [
    // A server with no room: BentoML "ServiceUnavailable: Service Busy"; gateway-api-inference-extension 429
    // "system saturated, sheddable request dropped".
    /\b(?:service|server|system) (?:is )?(?:busy|saturated)\b/,
  ],
};
