import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 31's train messages (test/fixtures/taxonomy/provider-errors-31.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts. Batch
 * 31 aims at the families an independent corpus misses most (account-level access limits, streams
 * cut off, empty answers), mostly from providers' own error pages no batch had mined.
 */
export const WORDINGS_31: WordingSet = {
  billing: [
    // A bill left unpaid: Volcengine Ark's 403 "The request failed because your account has an overdue
    // balance" (as batch 29's dunning), money before the 403's auth.
    /\b(?:account|organi[sz]ation|project) (?:has|have) (?:an? )?(?:overdue|outstanding|unpaid|negative) (?:balance|bill|payment|invoice)s?\b|\b(?:balance|bill|payment|invoice)s? (?:is |are )?overdue\b/,
  ],
  auth: [
    // A service closed to this kind of account, whatever the status: W&B Inference answers a 429
    // "W&B Inference isn’t available for personal accounts". The subject is the service, never a
    // model (a model kept from a tier or plan is model_unavailable, as batch 14's).
    /^(?![\s\S]*\bmodels?\b)[\s\S]*\b(?:is not|isn['’]t|are not|aren['’]t|not) (?:available|enabled|offered) (?:for|to|on) (?:personal|individual|consumer|private) (?:accounts?|users?|plans?)\b/,
    // An app or key without the grant to call the service: Baidu Qianfan's "No permission to access
    // data" (the app was not given the interface). A model named is left to the model rules.
    /\bno (?:permission|right|access) to (?:access|use|call|invoke) (?:the |this |your )?(?:data|service|api|interface|resource|app(?:id|lication)?|endpoint)s?\b/,
  ],
  context: [
    // One prompt over the model's length in other words: Moonshot's 400 "Input token length too
    // long", and Chinese "超长" (too long) after the prompt: Zhipu's "Prompt 超长".
    /\b(?:input|prompt|request|context) token length (?:is )?too long\b/,
    /(?:prompt|输入|提示词|上下文|请求内容)\s*(?:长度)?\s*(?:超长|过长)/,
  ],
  output: [
    // The answer lacked the field every completion carries, said by a client's decoder: baibot's
    // 'Error("missing field `choices`", line: 0, column: 0)'. Only the answer's own fields: a missing
    // request field ("missing field `messages`") is the server refusing our body.
    /\bmissing field [`'"]?(?:choices|candidates)\b/,
  ],
  request: [
    // The API method we called does not exist: Baidu Qianfan's "Unsupported openapi method".
    /\bunsupported (?:open ?api|api|rpc) (?:method|operation|action)\b/,
    // An API (never a model) taken offline, in Chinese: Zhipu's "API ${API_name} 已下线"; our adapter
    // must move, as with batch 10's withdrawn API surfaces.
    /^(?![\s\S]*(?:模型|\bmodels?\b))[\s\S]*\bapi\b[^\n。，,.]{0,40}已下线/,
  ],
  overloaded: [
    // A model with more traffic than it can take, in Chinese: Zhipu's "该模型当前访问量过大,请您稍后再试,
    // 或切换其他模型" (the model's traffic is too high; try later or switch model).
    /访问量过大|访问人数过多/,
  ],
};
