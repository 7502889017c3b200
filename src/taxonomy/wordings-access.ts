import type { WordingSet } from "./wording-set.js";

/**
 * Families by meaning for the access kinds (auth, billing, model_unavailable), written from every
 * batch's train messages of those kinds. Slots and precedence: wording-set.ts; the texts are
 * lowercased (unwrap.ts). A data table.
 *
 * What is here is what a slot could hold without taking a verdict another rule got right. The broad
 * auth families of this round (a credential named with a failure predicate in either order, signing
 * in that failed, an account refused an API, exception names such as …AuthenticationError: 8 to 44
 * train auth messages each from 4 to 13 batches, none of another kind) sat in `authLate`, which
 * classify.ts consults BEFORE the status-code rules (not after them, as wording-set.ts says of the
 * `…Late` slots): there they overrode a status that had decided a held-out message right. They wait
 * for an auth slot after the status codes (git history of this file, branch general-access).
 */

/**
 * The model must first be activated, enabled or subscribed to by this account: Volcengine
 * ModelNotOpen "Your account … has not activated the model … Please activate the model service in
 * the Ark Console" (its first sentence alone was unknown). Kept this narrow because the slot it
 * plugs into (unavailable) comes before the rate-limit, billing and request rules: a broad hard
 * family there can take a verdict those rules got right.
 */
export const MODEL_NOT_ACTIVATED =
  /\b(?:has not|have not|hasn't|haven't|not yet) (?:been )?(?:activated|enabled|subscribed to) (?:the |this |that )?models?\b|\bmodelnotopen\b/;

/**
 * No credential to send at all, whatever status the gateway wraps it in: CLIProxyAPI 503
 * "auth_unavailable: no auth available (providers=…)", "no credentials configured for provider".
 * Early (auth slot): it must beat the 503 the gateway reports its own missing key with.
 */
export const NO_CREDENTIAL =
  /\bno (?:auth|authentication|credentials?|api[ _-]?keys?) (?:is |are )?(?:available|configured|provided|supplied)\b|\bauth_unavailable\b/;

/**
 * A hard family kept off any sentence that names where the caller is (country, region, location,
 * territory) or a retirement (deprecated, retired, decommissioned, discontinued, sunset, end of life,
 * no longer), before or after its match: the caller's place closes the whole provider, which is auth
 * (patterns.ts AUTH_TEXT), never evidence about the model; a model gone for everyone is retired
 * (the retirement rules), not closed to this account.
 */
function onlyAboutAccess(re: RegExp): RegExp {
  const other =
    "\\b(?:countr|region|location|territor|deprecat|retir|decommission|discontinu|sunset|end of life|end-of-life|no longer)";
  return new RegExp(`(?<!${other}[^.\\n]{0,80})(?:${re.source})(?![^.\\n]{0,80}${other})`, re.flags);
}

/**
 * A free tier closed to the caller, with billing as the way in: Gemini 400 FAILED_PRECONDITION
 * "Gemini API free tier is not available in your country. Please enable billing on your project in
 * Google AI Studio." (batch 11, train). The country is why the free tier is closed; what the operator
 * does about it is pay, so it is money (billing), read before the caller's-place rule makes it auth.
 */
export const FREE_TIER_NEEDS_BILLING = /\bfree tier\b[^\n]{0,80}?\b(?:enable|set up|add) billing\b/;

export const WORDINGS_ACCESS: WordingSet = {
  billing: [FREE_TIER_NEEDS_BILLING],
  auth: [NO_CREDENTIAL],
  unavailable: [MODEL_NOT_ACTIVATED].map(onlyAboutAccess),
};
