import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The Japanese and Korean families by meaning (src/taxonomy/wordings-ja-ko.ts; issue 17 item 11): each
 * kind's everyday words, in words of our own here (no held-out text), and the near misses they must
 * leave alone.
 */
const FAMILIES: Record<string, Case[]> = {
  "the model not found or not existing": [
    { message: "指定されたモデルが見つかりません", kind: "model_not_found" },
    { message: "요청한 모델을 찾을 수 없습니다", kind: "model_not_found" },
    { message: "존재하지 않는 모델입니다", kind: "model_not_found" },
  ],
  "credentials refused": [
    { message: "APIキーが無効です", kind: "auth" },
    { message: "API 키가 유효하지 않습니다", kind: "auth" },
  ],
  "money run out": [
    { message: "残高が不足しています", kind: "billing" },
    { message: "잔액이 부족합니다", kind: "billing" },
  ],
  "too many requests": [
    { message: "リクエストが多すぎます", kind: "rate_limit" },
    { message: "요청이 너무 많습니다. 잠시 후 다시 시도하세요", kind: "rate_limit" },
  ],
  "the prompt over the model's window": [
    { message: "トークン数が上限を超えました", kind: "context_length" },
    { message: "컨텍스트 길이를 초과했습니다", kind: "context_length" },
  ],
  "no answer in time": [
    { message: "リクエストがタイムアウトしました", kind: "timeout" },
    { message: "요청 시간이 초과되었습니다", kind: "timeout" },
  ],
  "the connection failing": [
    { message: "サーバーへの接続に失敗しました", kind: "network" },
    { message: "네트워크 오류가 발생했습니다", kind: "network" },
  ],
  "the server failing": [
    { message: "内部エラーが発生しました", kind: "server_error" },
    { message: "서버 오류가 발생했습니다", kind: "server_error" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A server error under a 4xx is the status's.
  { message: "サーバーエラー", httpStatus: 401, kind: "auth" },
  // A model not found under a 503 stays transient (the veto).
  { message: "모델을 찾을 수 없습니다", httpStatus: 503, kind: "server_error" },
];

describeWordings("the Japanese and Korean families by meaning", FAMILIES, NEAR_MISSES, {
  families: ["the model not found or not existing"],
  status: 503,
});
