import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 32's train messages (test/fixtures/taxonomy/provider-errors-32.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules read lowercased text. Batch
 * 32 mined sources earlier batches cited little (gateways' and smaller providers' error tables, issue
 * threads of projects no batch had cited).
 */
export const WORDINGS_32: WordingSet = {
  auth: [
    // The caller may not do what it asked, said of the action and never of a model: Bedrock's
    // "NotAuthorized You do not have permission to perform this action. HTTP Status Code: 400". A
    // permission on a named model stays with the model rules (batch 26's tuned model).
    /^(?![\s\S]*\bmodels?\b)[\s\S]*\b(?:do(?:es)? not|don['’]t|doesn['’]t) have (?:the )?(?:permission|authori[sz]ation|rights?) to (?:perform|execute|carry out|do) (?:this|that|the (?:specified|requested|given)) (?:action|operation)\b/,
    /\bnotauthorized\b/,
  ],
  context: [
    // The input over its allowed length, in Chinese with the content named: claude-code-hub's 400
    // "输入内容过长，请减少 Prompt 中的 token 数量后重试" (input content too long; reduce the prompt's
    // tokens). Batch 31's wording took "输入过长" without the noun between.
    /(?:输入|提示词?|请求)(?:的)?(?:内容|文本|消息)\s*(?:长度)?\s*(?:过长|超长|太长)/,
    /请(?:减少|缩短|精简)[^，。,.\n]{0,20}\btokens?\s*(?:数量|数)/,
  ],
  server: [
    // The endpoint taken down for maintenance, before the generic "try again later" reads it as
    // capacity: BriskAPI's 503 "The “xxx/xxx” service API endpoint is currently under maintenance.
    // Please try again later". A planned outage on the provider's side, not a model out of room.
    /\b(?:service|endpoint|api|server|platform)\b[^.\n]{0,60}\b(?:is |are )?(?:currently |temporarily )?(?:under|undergoing|down for|offline for|closed for) (?:scheduled |planned |routine )?maintenance\b/,
  ],
};
