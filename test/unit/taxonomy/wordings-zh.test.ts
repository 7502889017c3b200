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
    { message: "系统异常，请联系客服", kind: "server_error" },
    { message: "服务暂时不可用", kind: "server_error" },
  ],
  "an allowance or plan used up or expired": [
    { message: "您的免费额度已用完，请前往控制台购买", kind: "billing" },
    { message: "资源包已耗尽", kind: "billing" },
    { message: "订阅已到期，续费后可继续使用", kind: "billing" },
  ],
  "a signature that does not verify, a key wrong or missing": [
    { message: "签名验证失败", httpStatus: 400, kind: "auth" },
    { message: "api key 不正确", kind: "auth" },
    { message: "请提供有效的 api key", kind: "auth" },
  ],
  "the model taken offline, said as done": [
    { message: "该模型已下线，请更换其他模型", kind: "model_retired" },
    { message: "模型 qwen-old 已经停止服务", kind: "model_retired" },
  ],
  "the model kept from this account, in words": [
    { message: "您无权访问该模型", httpStatus: 403, kind: "model_unavailable" },
    { message: "账号没有此模型的使用权限", kind: "model_unavailable" },
    { message: "模型服务未开通", kind: "model_unavailable" },
  ],
  "the model's name invalid": [
    { message: "模型名称错误", kind: "model_not_found" },
    { message: "无效的模型: abc-1", kind: "model_not_found" },
  ],
  "our request's parameters or format wrong": [
    { message: "请求参数有误", kind: "bad_request" },
    { message: "缺少必填参数 messages", kind: "bad_request" },
  ],
  "an answer that did not parse": [{ message: "解析模型响应失败", kind: "output_invalid" }],
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
  // A quota per minute or per day, or one that says to retry, is a rate, not money (a per-minute one
  // with no rate words is left to the LLM pass).
  { message: "每分钟请求额度已用完", kind: "unknown" },
  { message: "今日额度已用完，请明天再试", kind: "unknown" },
  // A model to be taken offline is not retired yet; a model busy now is not the account's matter.
  { message: "该模型即将下线", kind: "unknown" },
  { message: "无权访问该模型，请稍后重试", kind: "unknown" },
  // No permission for an operation (not a model) is credentials.
  { message: "无权进行此操作,access token 无效", kind: "auth" },
  // A model's parameter that is wrong is our request, not the model's name.
  { message: "模型参数错误", httpStatus: 400, kind: "bad_request" },
];

describeWordings("the Chinese families by meaning", FAMILIES, NEAR_MISSES, {
  families: [
    "the model taken offline, said as done",
    "the model kept from this account, in words",
    "the model's name invalid",
  ],
  status: 503,
});
