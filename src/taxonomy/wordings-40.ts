import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 40's train messages (test/fixtures/taxonomy/provider-errors-40.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 40 is the "ours" class from trackers the corpus cites little, the transient
 * and provider-wide classes as 2025-2026 clients quote them, and evaluation harnesses, data tools and
 * observability proxies.
 */
export const WORDINGS_40: WordingSet = {
  contentFilter: [
    // Moderation that did not pass, in Chinese: iFlytek Spark "输入内容审核不通过，涉嫌违规" (the input
    // failed review, suspected of a violation).
    /审核(?:不|未)通过|涉嫌违规/,
  ],
  request: [
    // A gateway with no provider configuration for the model we named: LiteLLM 500 "Anthropic messages
    // provider config not found for model: anthropic.claude-…".
    /\bprovider config(?:uration)? not found for model\b/,
    // A method the endpoint does not implement: gRPC "StatusCode.UNIMPLEMENTED"; a request path that is
    // wrong, in Chinese: "请求路径错误".
    /\bstatuscode\.unimplemented\b/,
    /请求路径(?:错误|不存在|无效)/,
  ],
  network: [
    // A finish reason that says the transport failed: opencode "Provider finish_reason: network_error".
    /\bfinish_reason:?\s*["']?network_error\b/,
    // A TLS certificate the client could not verify: undici "fetch failed (cause:
    // UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate)".
    /\bunable_to_verify_leaf_signature\b|\bunable to verify the first certificate\b|\bself[- ]signed certificate in certificate chain\b/,
  ],
};
