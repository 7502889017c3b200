import type { WordingSet } from "./wording-set.js";

/**
 * Families by meaning in Chinese, the language of the relays and providers the corpus holds most
 * after English (one-api, new-api, DashScope, Zhipu, Volcengine, Baidu, Moonshot): each kind's
 * everyday words, beside the single wordings the batches' files already read ("请求超时", "并发超限",
 * "连接失败"). Written from the meaning of each kind, checked on train and its probes at hard precision
 * 1; none makes a hard verdict (a bare "模型不可用", model unavailable, says nothing of why, as its
 * English twin does not). Slots and precedence: wording-set.ts.
 */
export const WORDINGS_ZH: WordingSet = {
  // The prompt or input over its length: "输入长度超过模型限制", "上下文长度超出", "提示词过长".
  context: [
    /(?:输入|上下文|提示词?|消息|请求)(?:的)?(?:长度|内容长度|token ?数?|tokens?|字数|文本长度)(?:已)?(?:超过|超出|过长|太长)|(?:输入|上下文|提示词?)(?:过长|太长)/,
  ],
  // The connection reset, refused, cut or closed, or the network failing: "连接被重置", "连接中断", "网络异常".
  network: [/连接(?:被)?(?:重置|拒绝|中断|断开|关闭)|网络(?:错误|异常|不可达|连接(?:失败|异常))/],
  // The upstream or server failing, only where no status under 500 or other words decided: "上游服务器错误",
  // "服务器内部错误", "服务端异常".
  serverLate: [/(?:上游|服务器|服务端)(?:服务器)?(?:内部)?(?:错误|异常)|内部服务器错误/],
};
