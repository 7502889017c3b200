import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 58 (src/taxonomy/wordings-58.ts, and its wordings in other languages in
 * wordings-i18n.ts, wordings-ja-ko.ts and wordings-zh.ts; issue 17 item 11): localised apps' strings in
 * fourteen languages and the serving stacks inference hosts run, each family from batch 58's train messages by
 * meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model the licence or plan leaves out": [
    { message: "현재 요금제는 이 모델을 지원하지 않습니다", kind: "model_unavailable" },
    { message: "This model is not included in your plan.", kind: "model_unavailable" },
  ],
  "no channel for the model, or its price not set, in Vietnamese": [
    { message: "Không có kênh khả dụng cho mô hình x", kind: "model_unavailable" },
  ],
  "a host that cannot hold the model": [
    {
      message: "cannot load big-model: estimated memory 90GB would exceed the limit",
      kind: "model_unavailable",
    },
  ],
  "a model not found, said plainly in Japanese": [
    { message: "指定したモデルが見つからない", kind: "model_not_found" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "a connection that failed, in Turkish and Arabic": [
    { message: "Sunucu bağlantısı başarısız", kind: "network" },
    { message: "فشل الاتصال بالخادم", kind: "network" },
  ],
  "a failed connection whose advice is the API key, in Arabic": [
    { message: "فشل الاتصال: تحقق من مفتاح API", kind: "auth" },
  ],
  "keys and accounts, in Korean and Chinese": [
    { message: "API 키가 잘못된 형식입니다", kind: "auth" },
    { message: "账户处于非活动状态", kind: "auth" },
  ],
  "limits and lengths": [
    { message: "요청 제한을 초과했습니다", kind: "rate_limit" },
    { message: "Limite di velocità raggiunto", kind: "rate_limit" },
    { message: "API被限流", kind: "rate_limit" },
    { message: "输入内容过长", kind: "context_length" },
    { message: "Hai superato il limite di contesto", kind: "context_length" },
  ],
  "a licence that ran out": [{ message: "Su licencia ha caducado", kind: "billing" }],
  "content not allowed, in Arabic": [{ message: "المحتوى غير مسموح", kind: "content_filter" }],
  "what the model or the call lacks": [
    { message: "La función no admite funciones de visión", kind: "bad_request" },
    { message: "Nombre del modelo no especificado", kind: "bad_request" },
  ],
  "an upstream's load saturated": [{ message: "A carga do servidor está saturada", kind: "overloaded" }],
  "an answer in an invalid format, in traditional Chinese": [
    { message: "返回了無效的數據格式", kind: "output_invalid" },
  ],
  "a gateway that could not read the answer": [
    { message: "failed to decode llm/v1/completions response", kind: "output_invalid" },
  ],
  "a serving engine that died or never started": [
    { message: "EngineCore crashed while serving", kind: "server_error" },
    { message: "Worker initialization failed", kind: "server_error" },
    { message: "Deployment app-1 is UNHEALTHY", kind: "server_error" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A model not loaded for want of memory, with words that say it will pass, is overload, not a verdict.
  { message: "cannot load model now: memory would exceed the limit, try again later", kind: "overloaded" },
  // An API key named without a failed connection, in Arabic, is left to the rules of its own words.
  { message: "أدخل مفتاح API", kind: "unknown" },
];

describeWordings(
  "the wordings of batch 58 (localised apps' strings, serving stacks)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
