import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 40 (src/taxonomy/wordings-40.ts; issue 17 item 11): the "ours" class
 * from trackers the corpus cites little, transient and provider-wide wordings of 2025-2026 clients,
 * evaluation harnesses and observability proxies; each family from batch 40's train messages by meaning,
 * in words of our own here (no held-out text). Then the near misses each family must leave alone.
 */
const FAMILIES: Record<string, Case[]> = {
  "moderation that did not pass, in Chinese": [
    { message: "输出内容审核未通过", kind: "content_filter" },
    { message: "请求内容涉嫌违规，请修改后重试", kind: "content_filter" },
  ],
  "a gateway with no provider configuration for the model": [
    {
      message: "Bedrock converse provider configuration not found for model: x-1",
      httpStatus: 500,
      kind: "bad_request",
    },
  ],
  "a method the endpoint does not implement, or a wrong request path": [
    { message: "AioRpcError: status = StatusCode.UNIMPLEMENTED", kind: "bad_request" },
    { message: "{'message': '请求路径不存在'}", httpStatus: 404, kind: "bad_request" },
  ],
  "a finish reason that says the transport failed": [
    { message: "stream ended, finish_reason: network_error", kind: "network" },
  ],
  "a TLS certificate the client could not verify": [
    { message: "fetch failed (cause: UNABLE_TO_VERIFY_LEAF_SIGNATURE)", httpStatus: 502, kind: "network" },
    { message: "Error: self-signed certificate in certificate chain", kind: "network" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model the provider does not know is the model's matter, not a gateway's configuration.
  {
    message: "model config not found: the model x-1 does not exist",
    httpStatus: 404,
    kind: "model_not_found",
  },
  // A finish reason of the model's own (length) is not the transport.
  { message: "finish_reason: length with no visible text", kind: "output_invalid" },
];

describeWordings(
  "the wordings of batch 40 (ours class, 2025-2026 transports, harnesses)",
  FAMILIES,
  NEAR_MISSES,
  {
    families: [],
    status: 503,
  },
);
