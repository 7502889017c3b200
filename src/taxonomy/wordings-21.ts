import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 21's train messages (test/fixtures/taxonomy/provider-errors-21.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts.
 *
 * Batch 21 is what LLM gateways, proxies and observability products (Cloudflare AI Gateway and Workers
 * AI, ngrok, Portkey, Helicone, Langfuse, Kong, TensorZero, Databricks, relays) report when the
 * provider behind them fails, often under a status of their own.
 */
export const WORDINGS_21: WordingSet = {
  billing: [
    // An account (ours or the gateway's upstream one) without money, in other words: "The upstream
    // provider account is out of credit or over its billing limit. Top up the provider account …" (502).
    /\bout of credit\b|\bover (?:its|the|your|their) (?:billing|spend(?:ing)?) limit\b/,
  ],
  auth: [
    // A relay that serves only its own client and refuses ours, whatever status it wraps it in: "you
    // appear to be making a request using a non-Claude code cli client, which is prohibited" (500).
    /\busing an? (?:non-|unofficial |unsupported |third-party )[\w -]{0,30}?client\b[^.\n]{0,30}?\b(?:prohibited|not allowed|forbidden|not permitted)\b/,
  ],
  contentFilter: [
    // A gateway's guardrails refusing the request: Portkey "The guardrail checks defined in the config
    // failed" (446).
    /\bguardrails? checks?\b[^.\n]{0,60}?\bfailed\b|\bfailed (?:the )?guardrails? checks?\b/,
  ],
  unavailable: [
    // A model closed to the caller until its terms are accepted, in other words: Workers AI "User has
    // not agreed to Llama3.2 model terms" (403).
    /\b(?:has|have) not (?:yet )?(?:agreed to|accepted|consented to) (?:the )?(?:(?:[\w.-]+ ){0,3}?model (?:terms|licen[cs]e|eula)\b|(?:terms|licen[cs]e) (?:of use )?(?:of|for) (?:the |this )?model\b)/,
    // A model not offered on a call path or tier: Databricks "Served entity system.ai.gpt-oss-120b is not
    // eligible for Provisioned Throughput"; Copilot "model_not_available_for_integrator" (400).
    /\b(?:model|served entity|entity)\b(?:[^.\n]|\.(?=\S)){0,80}?\bis not eligible for\b|\bmodel_not_available_\w+/,
    // A router with no provider able to serve the model: Helicone "No available providers for the
    // requested models" (400); Kilo "No eligible provider can serve the selected model".
    /\bno (?:available|eligible|suitable) providers? (?:for|can serve|to serve|that can serve) (?:the |this )?(?:requested |selected )?models?\b/,
  ],
  request: [
    // A provider's answer that our request was malformed, quoted inside a gateway's 500: "API error 400:
    // {"message":"Improperly formed request."}".
    /\bimproperly formed request\b/,
  ],
  server: [
    // A gateway that got no answer from the provider: Cloudflare AI Gateway code 2005 "Failed to get
    // response from provider" (under its own 400). A helper's own error with a retry hint: "Helicone ran
    // into an error proxy-ing your request. Please try again later".
    /\bfailed to get (?:a )?response from (?:the )?(?:upstream )?(?:provider|upstream|backend|origin)\b(?![^\n]{0,40}\b4\d\d\b)/,
    /\b(?:ran into|encountered|hit) an? (?:\w+ )?error\b[^.\n]{0,60}?[.!]?\s*(?:please )?try again later\b/,
    // A stream error from upstream, said and nothing else: "Upstream stream error" (under a 200).
    /^\W*upstream (?:stream )?error\W*$/,
  ],
  network: [
    // A gateway that could not reach the provider, under the gateway's own 502: ngrok "Could not reach
    // the AI provider. The upstream request failed."; reqwest's "error sending request for url (…)"
    // behind a Chinese relay's "连接失败" (connection failed).
    // (Not when the text reports a 5xx status it did get: "Last status: 503 … error sending request".)
    /\bcould not (?:reach|connect to) the (?:ai )?(?:provider|upstream|model provider|api)\b|连接失败/,
    /^(?![\s\S]*\bstatus:? 5\d\d\b)[\s\S]*?\berror sending request for url\b/,
  ],
};
