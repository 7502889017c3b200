import type { WordingSet } from "./wording-set.js";

/**
 * Words saying the failure will pass, which veto a hard verdict: "稍后" (later), "暂时" (for now), "重试"
 * (retry), except a retry after choosing another model ("请切换模型后重试", switch the model and retry),
 * which says the opposite (batch 50: "模型已停运，请切换模型后重试", the model has ceased operation).
 */
const PASSING = String.raw`稍后|暂时|(?<!(?:切换|更换|换用|选择|改用)(?:其他|其它|别的)?模型后)重试`;

/**
 * Families by meaning in Chinese, the language of the relays and providers the corpus holds most
 * after English (one-api, new-api, DashScope, Zhipu, Volcengine, Baidu, Moonshot): each kind's
 * everyday words, beside the single wordings the batches' files already read ("请求超时", "并发超限",
 * "连接失败"). Written from the meaning of each kind, checked on train and its probes at hard precision
 * 1. A hard verdict needs the model named as the subject and a reason in words (no permission for the
 * model, the model taken offline, the model's name invalid); a bare "模型不可用", model unavailable,
 * says nothing of why, as its English twin does not. Slots and precedence: wording-set.ts.
 */
export const WORDINGS_ZH: WordingSet = {
  // The prompt or input over its length: "输入长度超过模型限制", "上下文长度超出", "提示词过长".
  context: [
    // (batch 59) iFlytek "token数量超过上限。对话历史+问题的字数太多".
    /token ?(?:数量|數量)(?:超过|超過)上限/,
    // (batch 58) FastGPT "内容超长了，请重置对话" (the content is too long).
    /内容(?:超长|过长)/,
    /(?:输入|上下文|提示词?|消息|请求)(?:的)?(?:长度|内容长度|token ?数?|tokens?|字数|文本长度)(?:已)?(?:超过|超出|过长|太长)|(?:输入|上下文|提示词?)(?:过长|太长)/,
  ],
  // The connection reset, refused, cut or closed, or the network failing: "连接被重置", "连接中断", "网络异常".
  network: [/连接(?:被)?(?:重置|拒绝|中断|断开|关闭)|网络(?:错误|异常|不可达|连接(?:失败|异常))/],
  // (batch 61) No answer from the upstream in time: "服务器没有等到上游服务器的回应" (a gateway's 504 in words).
  timeout: [/没有等到[^，。,\n]{0,10}(?:回应|响应)|未(?:能)?(?:收到|等到)上游[^，。,\n]{0,6}(?:回应|响应)/],
  // The upstream or server failing, only where no status under 500 or other words decided: "上游服务器错误",
  // "服务器内部错误", "服务端异常".
  serverLate: [
    // (batch 60) The server unavailable for now, for maintenance: "服务器暂时不可用,通常是在维护".
    /服务器暂时不可用|(?:正在|通常是在|处于)维护/,
    /(?:上游|服务器|服务端)(?:服务器)?(?:内部)?(?:错误|异常)|内部服务器错误|(?:系统|内部)(?:错误|异常)|服务(?:暂时)?不可用/,
  ],
  // Money: an allowance or plan used up or expired, never a quota per interval or per day, nor one that
  // says to retry (those are rates, as "a daily request window is a rate" in English): "免费额度已用完",
  // "资源包已耗尽", "免费资源包余量已用尽", "套餐已过期".
  billing: [
    // (batch 59) A key's or token's quota used up, no quota left, a package to buy first, in simplified and
    // traditional Chinese: "此密钥的配额已用尽", "此金鑰的配額已達上限", "該令牌額度已用盡", "无可用额度",
    // "需要先购买套餐包". Only a key's or token's quota: a quota used up with no owner named (a day's allowance)
    // is the open conflict over limits with a reset.
    /(?:密[钥鑰]|金鑰|令牌)的?(?:配[额額]|[额額]度)已(?:用尽|用盡|达上限|達上限)|(?:无|無)可用[额額]度|需要先(?:购买|購買)套餐包/,
    /^(?![\s\S]*(?:每(?:分钟|秒|小时|天|日)|今日|今天|当日|稍后|重试))[\s\S]*(?:(?:额度|配额|资源包)(?:余量|余额)?(?:已)?(?:用完|用尽|耗尽)|(?:套餐|订阅|会员)(?:已)?(?:过期|到期))/,
  ],
  // Credentials: a signature that does not verify, a key that is wrong or missing: "签名验证失败",
  // "api key 不正确", "Token已失效", "请提供 api key".
  auth: [
    // (batch 59) A key expired: LibreChat "您提供的 {{0}} 密钥已于 {{1}} 过期".
    /密[钥鑰][^\n]{0,30}(?:过期|過期)/,
    // (batch 58) Zhipu "您的账户当前处于非活动状态" (the account is inactive).
    /账户(?:当前)?处于非活动状态/,
    /签名(?:错误|无效|不正确|验证失败|校验失败)|(?:api ?key|access ?token|token|密钥|令牌)\s*(?:已)?(?:不正确|不存在|缺失|无效|错误|过期|失效)|(?:缺少|未提供|请提供)(?:有效的)?\s*(?:api ?key|密钥|令牌|access token)/,
    // (session 30) Authentication failed, in its own words: Zhipu's code 1000 "身份验证失败" under a 400,
    // "认证失败", "鉴权失败" (an identity, not a model, failed to verify).
    /(?:身份(?:验证|认证|驗證|認證)|认证|認證|鉴权|鑒權)失败|(?:身份(?:驗證|認證)|認證|鑒權)失敗/,
    // The whole service not activated for the account (a model's service is `unavailable` below; batch 50):
    // Hunyuan "服务未开通，请前往控制台申请试用。"
    /(?<!模型)服务(?:尚)?未开通/,
  ],
  // The model taken offline, named as the subject, said as done (not "即将下线", to be): "该模型已下线",
  // "模型 x 已停止服务", "模型不再提供", "模型已停运".
  retired: [
    // (batch 59) A model taken down: InternLM "模型已下架".
    /模型已(?:下架|停用)/,
    new RegExp(
      String.raw`^(?![\s\S]*(?:${PASSING}|即将))[\s\S]*模型[^\n，。,.]{0,30}(?:已经?(?:下线|停用|停运|弃用|废弃|退役|停止服务)|不再(?:提供|支持|可用))`,
    ),
  ],
  // The model kept from this account, in words: "无权访问该模型", "没有此模型的使用权限", "模型服务未开通".
  unavailable: [
    // (batch 60) The plan does not include the model: "当前套餐不支持该智能模型".
    /套餐不支持(?:该|此|这个|這個)?[^，。,\n]{0,6}模型/,
    // (batch 59) A key not allowed the model, and no channel for it, in traditional Chinese (as batches 11 and 50
    // read the simplified): "該令牌無權存取模型", "分組 … 下模型 … 無可用管道".
    /(?:令牌|金鑰|密鑰)無權(?:存取|使用|訪問)模型|(?:无|無)可用(?:管道|通道)/,
    new RegExp(
      String.raw`^(?![\s\S]*(?:${PASSING}))[\s\S]*(?:无权(?:限)?(?:访问|使用|调用)(?:该|此|这个)?模型|没有(?:该|此|这个)?模型的(?:访问|使用|调用)?权限|模型(?:服务)?(?:未开通|未授权)|未开通(?:该|此)?模型)`,
    ),
    // A model the provider or the platform switched off (batch 50): "模型已被官方禁用".
    /模型(?:已)?被(?:官方|平台|管理员|上游)?(?:禁用|屏蔽)/,
    // A model not available, with the advice to choose another, as "is not available. Please select a
    // different model" is in English (batch 50): workbuddy "当前模型不可用，请切换其他模型后重试".
    /模型不可用[^\n]{0,6}(?:请)?(?:切换|更换|选择|改用)(?:其他|其它|别的)模型/,
  ],
  // The model's name invalid, as "invalid model" is: "模型名称错误", "无效的模型", "不存在的模型".
  notFound: [
    new RegExp(
      String.raw`^(?![\s\S]*(?:${PASSING}))[\s\S]*(?:模型(?:名称|名|id)\s*(?:错误|无效|不正确|不合法)|模型(?:无效|不正确|不合法)|无效的?模型|不存在的模型)`,
    ),
  ],
  // The model kept from this key, said before credentials could read a 403 (batch 50): lemondata "此 API key
  // 不允許使用該模型".
  unavailableFirst: [/不(?:允許|允许)(?:使用|调用|調用|访问|訪問)(?:該|该|此|这个|這個)?模型/],
  // Our request's parameters or format wrong, once no status or other words decided: "参数错误",
  // "缺少必填参数", "请求格式错误".
  // What the model or service does not take, in words a status would otherwise file (batches 50, 52): "此模型
  // 不支持图像输入"; DashScope "暂时不支持当前设置的语种!"
  request: [
    // (batch 59) Too many images for one request: "圖片數量超過模型提供者…允許的限制".
    /[图圖]片[数數]量(?:超过|超過)/,
    /不支持图(?:像|片)(?:输入)?/,
    /不支持(?:当前)?(?:设置的)?语(?:种|言)/,
  ],
  // Requests over the limit (batch 50): Hunyuan "引擎层请求超过限额；请稍后重试。"
  rateLimit: [
    // (batch 59) Baidu "总访问量超限".
    /(?:总|總)?(?:访问|訪問)量超限/,
    /请求(?:数|次数)?(?:超过|超出)(?:了)?(?:限额|限制|频率限制)/,
    /api ?被限(?:制|流)/,
  ],
  // An answer whose content is empty (batch 48): "API 返回的 candidate.content.parts 为空".
  output: [/\b(?:content|parts|choices|candidates?|message|text)\W{0,5}为空/],
  requestLate: [
    /(?:请求)?参数(?:错误|无效|不合法|校验失败|格式错误|有误)|缺少(?:必要的?|必填的?)?参数|请求格式(?:错误|不正确)/,
  ],
  // An answer that did not parse, once nothing else decided: "解析模型响应失败", "返回内容不是有效的 json".
  outputLate: [
    // (batch 58) Traditional Chinese, Cherry Studio "回傳了無效的資料格式" (returned data in an invalid format).
    /(?:回傳|返回)了?無效的(?:資料|數據)格式/,
    /(?:解析|解码)(?:模型)?(?:的)?(?:响应|返回|输出|结果)(?:内容)?(?:失败|出错|错误)|返回(?:的)?(?:内容|结果|数据)不是(?:有效的?|合法的?)?\s*json/,
  ],
  overloaded: [
    // (batch 61) No account free in a relay's pool: "暂无可用账号".
    /暂无可用(?:账号|账户|帐号)/,
    // (batch 59) iFlytek "服务容量不足" (not enough service capacity).
    /服[务務]容量不足/,
  ],
};
