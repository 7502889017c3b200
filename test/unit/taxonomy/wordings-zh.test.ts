import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The Chinese families by meaning (src/taxonomy/wordings-zh.ts; issue 17 item 11): each kind's everyday
 * words, in words of our own here (no held-out text), and the near misses they must leave alone.
 */
const FAMILIES: Record<string, Case[]> = {
  "the prompt or input over its length": [
    { message: "输入长度超过模型限制", kind: "context_length" },
    { message: "错误：上下文长度超出最大值", kind: "context_length" },
    { message: "提示词过长，请精简后重试", kind: "context_length" },
  ],
  "the connection reset, cut or refused, or the network failing": [
    { message: "连接被重置", kind: "network" },
    { message: "请求失败：连接中断", kind: "network" },
    { message: "网络异常，请检查网络设置", kind: "network" },
  ],
  "the upstream or server failing": [
    { message: "上游服务器错误", kind: "server_error" },
    { message: "服务器内部错误，请联系管理员", kind: "server_error" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A bare "model unavailable" says nothing of why: no hard verdict, left to the LLM pass.
  { message: "当前模型不可用", kind: "unknown" },
  // A server error under a 4xx is the status's.
  { message: "服务器内部错误", httpStatus: 401, kind: "auth" },
  // Timeouts keep their own word.
  { message: "连接超时", kind: "timeout" },
  // An upstream error that names the model's absence is the model's.
  { message: "上游错误：model gpt-9 does not exist", httpStatus: 404, kind: "model_not_found" },
];

describeWordings("the Chinese families by meaning", FAMILIES, NEAR_MISSES, { families: [], status: 503 });
