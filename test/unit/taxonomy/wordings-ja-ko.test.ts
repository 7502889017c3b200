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
    { message: "無効なモデルが指定されました", kind: "model_not_found" },
  ],
  "the model withdrawn": [
    { message: "このモデルの提供を終了しました", kind: "model_retired" },
    { message: "해당 모델은 지원이 종료되었습니다", kind: "model_retired" },
  ],
  "the model kept from the account": [
    { message: "このモデルを利用する権限がありません", kind: "model_unavailable" },
    { message: "이 모델에 접근 권한이 없습니다", kind: "model_unavailable" },
  ],
  "refused by a filter": [
    { message: "不適切なコンテンツが含まれています", kind: "content_filter" },
    { message: "콘텐츠 필터에 의해 차단되었습니다", kind: "content_filter" },
  ],
  "no room on the server": [
    { message: "サーバーが混雑しています", kind: "overloaded" },
    { message: "서버 과부하 상태입니다", kind: "overloaded" },
  ],
  "an empty answer": [
    { message: "モデルの応答が空でした", kind: "output_invalid" },
    { message: "빈 응답을 받았습니다", kind: "output_invalid" },
  ],
  "our parameters wrong": [
    { message: "サポートされていないパラメータ: top_k", kind: "bad_request" },
    { message: "잘못된 매개변수입니다", kind: "bad_request" },
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
    { message: "요청 한도를 초과했습니다", kind: "rate_limit" },
    { message: "リクエストが多すぎます", kind: "rate_limit" },
    { message: "요청이 너무 많습니다. 잠시 후 다시 시도하세요", kind: "rate_limit" },
  ],
  "the prompt over the model's window": [
    { message: "入力が長すぎます", kind: "context_length" },
    { message: "입력이 너무 깁니다", kind: "context_length" },
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
  // A model gone, with words saying it will pass: no hard verdict.
  { message: "モデルが見つかりません。しばらくしてから再度お試しください", kind: "unknown" },
  { message: "모델에 대한 액세스 권한이 없습니다. 잠시 후 다시 시도하세요", kind: "unknown" },
];

describeWordings("the Japanese and Korean families by meaning", FAMILIES, NEAR_MISSES, {
  families: ["the model not found or not existing", "the model withdrawn", "the model kept from the account"],
  status: 503,
});
