import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 64 (src/taxonomy/wordings-64.ts; issue 17 item 11), each family from batch
 * 64's train messages by meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a quota used up with the plan and bill to check, in Russian": [
    { message: "Ошибка: вы превысили текущую квоту", httpStatus: 429, kind: "billing" },
    { message: "Проверьте ваш тарифный план и данные вашего счета", kind: "billing" },
  ],
  "a model's free tier used up": [
    {
      message: "The free tier of this model is exhausted; switch to paid access.",
      httpStatus: 403,
      kind: "billing",
    },
  ],
  "our parser failing on the model's answer": [
    { message: "Error when parsing the model output: unexpected token", kind: "output_invalid" },
  ],
  "a versions route for an official model": [
    {
      message: "This is an official model and does not expose versions.",
      httpStatus: 404,
      kind: "bad_request",
    },
  ],
  "an error while generating the answer, in Russian": [
    { message: "Ошибка при генерации текста, попробуйте ещё раз", kind: "server_error" },
  ],
  "a parameter refused, in Chinese": [
    { message: "调用失败：参数有误", kind: "bad_request" },
    { message: "请求被拒绝：参数非法", kind: "bad_request" },
  ],
  "a parameter deprecated or unsupported for the model (not hard)": [
    { message: "top_k is deprecated for this model.", httpStatus: 400, kind: "bad_request" },
    { message: "Seed is no longer supported for this model", httpStatus: 400, kind: "bad_request" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model that does not exist, said under "请求参数错误", stays hard; a model deprecated is still a model
  // retired.
  {
    message: "模型请求失败: 请求参数错误: Error code: 400 - {'error': {'message': 'Model Not Exist'}}",
    kind: "model_not_found",
  },
  { message: "The model `demo-3` has been deprecated", kind: "model_retired" },
];

describeWordings(
  "the wordings of batch 64 (other languages, harnesses and front-ends, the hard class's near misses)",
  FAMILIES,
  NEAR_MISSES,
  { families: [], status: 503 },
);
