import type { WordingSet } from "./wording-set.js";

/**
 * Families by meaning in Japanese and Korean, which the corpus holds a few of (localised chat front-ends
 * and providers' own pages): each kind's everyday words, written from the meaning of the kind as
 * wordings-zh.ts is for Chinese and checked the same way (train and its probes at hard precision 1). A
 * hard verdict needs the model as the subject of "not found" or "does not exist". Slots and precedence:
 * wording-set.ts.
 */
export const WORDINGS_JA_KO: WordingSet = {
  // "モデルが見つかりません", "存在しないモデル"; "모델을 찾을 수 없습니다", "존재하지 않는 모델".
  notFound: [
    /モデルが(?:[見见]つかりません|存在しません)|存在しないモデル|모델을 찾을 수 없|모델이 존재하지 않|존재하지 않는 모델/,
  ],
  // "APIキーが無効です", "認証に失敗しました"; "API 키가 유효하지 않습니다", "인증에 실패했습니다".
  auth: [/api ?キーが(?:無効|正しくありません)|認証に失敗|api ?키가 (?:유효하지 않|잘못)|인증에 실패/],
  // "残高が不足しています", "クレジット不足"; "잔액이 부족합니다", "크레딧이 부족".
  billing: [/残高が不足|クレジット(?:が)?不足|잔액이 부족|크레딧이 부족/],
  // "レート制限", "リクエストが多すぎます"; "요청이 너무 많습니다", "속도 제한".
  rateLimit: [/レート制限|リクエストが多すぎ|요청이 너무 많|속도 제한/],
  // "コンテキスト長を超えています", "トークン数が上限を超えました"; "컨텍스트 길이를 초과", "토큰 한도를 초과".
  context: [
    /コンテキスト長を超|トークン数が上限を超|컨텍스트 길이를 초과|토큰 (?:수가 )?(?:한도|제한)를 초과/,
  ],
  // "タイムアウトしました"; "요청 시간이 초과되었습니다", "타임아웃".
  timeout: [/タイムアウト|시간이 초과|타임아웃/],
  // "接続に失敗しました", "ネットワークエラー"; "연결에 실패했습니다", "네트워크 오류".
  network: [/接続に失敗|ネットワークエラー|연결에 실패|네트워크 오류/],
  // "サーバーエラー", "内部エラー"; "서버 오류", "내부 오류" (only where no status under 500 decided).
  serverLate: [/サーバーエラー|内部エラー|서버 오류|내부 오류/],
};
