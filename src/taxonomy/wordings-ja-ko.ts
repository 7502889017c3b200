import type { WordingSet } from "./wording-set.js";

/**
 * Families by meaning in Japanese and Korean, which the corpus holds a few of (localised chat front-ends
 * and providers' own pages): each kind's everyday words, written from the meaning of the kind as
 * wordings-zh.ts is for Chinese and checked the same way (train and its probes at hard precision 1). A
 * hard verdict needs the model as the subject of "not found", "does not exist", "withdrawn" or "no access",
 * under the same veto as in English (TRANSIENT_MARKERS reads "しばらくしてから", "잠시 후"). Slots and precedence:
 * wording-set.ts.
 */
export const WORDINGS_JA_KO: WordingSet = {
  // "モデルが見つかりません", "存在しないモデル"; "모델을 찾을 수 없습니다", "존재하지 않는 모델".
  notFound: [
    // (batch 60) The model's name quoted between "모델" and its particle: "모델 'exaone3.5:7.8b'을 찾을 수 없습니다".
    /모델\s*['"‘“][^'"’”\n]{1,80}['"’”]\s*(?:을|를)\s*찾을 수 없/,
    /モデル(?:が|は)(?:[見见]つか(?:りません|らない)|存在しません)|存在しないモデル|無効なモデル|모델을 찾을 수 없|모델이 존재하지 않|존재하지 않는 모델|유효하지 않은 모델/,
  ],
  // The model withdrawn, said as done: "このモデルは廃止されました", "モデルの提供を終了しました"; "모델 지원이
  // 종료되었습니다", "더 이상 지원되지 않는 모델".
  retired: [
    /モデル[^\n。]{0,30}(?:廃止され|提供(?:を|が)終了|サポート(?:を|が)終了)|모델[^\n.]{0,30}(?:지원이 종료|서비스가 종료|더 이상 (?:지원|제공)되지 않)|더 이상 지원되지 않는 모델/,
  ],
  // The model kept from the account: "このモデルへのアクセス権がありません", "このモデルを使用する権限があり
  // ません"; "이 모델에 대한 액세스 권한이 없습니다", "모델을 사용할 권한이 없습니다".
  unavailable: [
    // (batch 59) No channel for the model, in Japanese (batch 53's LobeHub string): "リクエストされたモデルの利用可能な
    // チャネルがありません".
    /モデルの利用可能なチャネルがありません/,
    // (batch 58) A model the licence or plan leaves out, in Korean: Chatbox "현재 라이선스(…)는 {{model}} 모델을
    // 지원하지 않습니다 … 업그레이드".
    /(?:라이선스|요금제|플랜|구독)[^\n.]{0,40}모델을 지원하지 않/,
    /モデル(?:へのアクセス権|を(?:使用|利用)する権限)がありません|모델에 (?:대한 )?(?:액세스|접근) 권한이 없|모델을 사용할 권한이 없/,
    // Bedrock's use-case form not sent (its translated error table, batch 50): "このアカウントでモデルユース
    // ケースの詳細が送信されていません".
    /モデルユースケースの詳細が(?:送信|提出)されていません/,
  ],
  // The same, said under a 403 before credentials could read it (Bedrock's table, batch 49): "アカウントが
  // このモデルにアクセスする権限がありません".
  // (session 30) A plan that cannot use the model, or a key without the right to use it, in Japanese and
  // Korean: "ご利用中のプランではモデル … をご利用いただけません", "이 API 키에는 … 모델 사용 권한이 없습니다".
  unavailableFirst: [
    /(?:この)?モデルに(?:アクセス|の(?:利用|使用))する権限がありません/,
    /プラン[^\n。]{0,20}モデル[^\n。]{0,60}(?:ご)?利用(?:いただけ|でき)ません|모델 (?:사용|접근|액세스) 권한이 없/,
  ],
  // "APIキーが無効です", "認証に失敗しました"; "API 키가 유효하지 않습니다", "인증에 실패했습니다".
  auth: [
    // (batch 59) The account disabled or suspended, in Korean: "계정이 비활성화되었거나 정지되었습니다".
    /계정이 (?:비활성화|정지|차단)/,
    // (batch 58) A key with invalid characters; a token allowed no model at all (batch 18 reads the English
    // original as auth): "API 키에 유효하지 않은 문자가 포함"; "이 토큰은 어떤 모델에도 접근할 권한이 없습니다".
    /api ?키[^\n.]{0,20}(?:유효하지 않|잘못된)|어떤 모델에도 접근할 권한이 없/,
    /api ?キーが(?:無効|正しくありません|期限切れ)|認証に失敗|認証エラー|api ?키가 (?:유효하지 않|잘못|만료)|인증에 실패|인증 (?:오류|에러)/,
  ],
  // "残高が不足しています", "クレジット不足"; "잔액이 부족합니다", "크레딧이 부족".
  // A quota short (new-api, batch 50): "クォータ不足"; credits or payment used up (batch 50): "결제/크레딧 소진됨".
  billing: [
    // (batch 60) No prepaid credit left: "組織の前払いクレジットが残っていません".
    /クレジット(?:が|は)残っていません|クレジット残高がありません/,
    // (batch 60) OpenAI's "exceeded your current quota … check your balance", in Korean: "할당량 초과: … 잔액을
    // 확인하세요".
    /할당량 초과[^\n]{0,80}잔액/,
    /残高(?:が)?不足|クレジット(?:が)?不足|잔액이? 부족|크레딧이 부족/,
    /クォータ(?:が)?不足|クォータを使い(?:切|果た)|크레딧[^\n]{0,6}소진|결제[^\n]{0,12}소진/,
  ],
  // "レート制限", "リクエストが多すぎます"; "요청이 너무 많습니다", "속도 제한".
  rateLimit: [
    /レート制限|リクエストが多すぎ|요청이 너무 많|속도 제한/,
    /(?:사용량|요청) 제한을 초과/,
    // The request limit or allowance exceeded (by meaning): "요청 한도를 초과했습니다", "リクエスト上限を超えました".
    /(?:요청|사용량) (?:수 )?한도(?:를|을)? 초과|リクエスト(?:数)?(?:の)?上限を超/,
  ],
  // "コンテキスト長を超えています", "トークン数が上限を超えました"; "컨텍스트 길이를 초과", "토큰 한도를 초과".
  context: [
    /コンテキスト長を超|トークン数が上限を超|컨텍스트 길이를 초과|토큰 (?:수가 )?(?:한도|제한)를 초과/,
    // (batch 53) LibreChat "トークン数が長すぎてトークン制限を超えている".
    /トークン(?:数)?(?:が)?(?:長すぎ|多すぎ)|トークン制限を超/,
    // The input, prompt or message too long (by meaning): "入力が長すぎます", "プロンプトが長すぎます";
    // "입력이 너무 깁니다", "프롬프트가 너무 깁니다".
    /(?:入力|プロンプト|メッセージ|テキスト)(?:が|は)長すぎ|(?:입력|프롬프트|메시지|텍스트)(?:이|가|은|는) 너무 깁/,
  ],
  // "タイムアウトしました"; "요청 시간이 초과되었습니다", "타임아웃".
  timeout: [/タイムアウト|시간이 초과|타임아웃/],
  // "接続に失敗しました", "ネットワークエラー"; "연결에 실패했습니다", "네트워크 오류".
  network: [
    /接続に失敗|接続エラー|接続が(?:切断|リセット|拒否)|ネットワークエラー|연결에 실패|연결 (?:오류|에러)|연결이 (?:끊어|끊겼|재설정|거부)|네트워크 오류/,
  ],
  // A safety or content filter: "コンテンツフィルター", "不適切なコンテンツ", "ポリシー違反"; "콘텐츠 필터",
  // "부적절한 콘텐츠", "정책 위반".
  contentFilter: [
    /コンテンツ ?フィルタ|不適切な(?:内容|コンテンツ)|ポリシー(?:に)?違反|콘텐츠 필터|부적절한 (?:콘텐츠|내용)|정책(?:을|에)? 위반/,
    // (batch 53) "安全フィルターにより応答が拒否されました", "安全設定により出力ブロック"; "모더레이션 시스템에 의해
    // 차단되었습니다".
    /安全(?:フィルター|フィルタ|設定)により|모더레이션[^\n]{0,20}차단/,
  ],
  // No room on the server: "サーバーが過負荷です", "混雑しています"; "서버 과부하", "혼잡".
  // (session 30) "アクセスが集中しているため" (requests concentrated on the server).
  overloaded: [/過負荷|混雑して|混み合って|アクセスが集中|과부하|혼잡/],
  // An empty answer: "空の応答", "応答が空です"; "빈 응답", "응답이 비어 있습니다" (only where nothing else decided).
  // (batch 60) "AIレスポンスボディが空です" (the response body empty).
  outputLate: [/空の(?:応答|レスポンス)|(?:応答|レスポンス)(?:ボディ|本文)?が空|빈 응답|응답이 비어/],
  // Our request's parameters wrong: "無効なパラメータ", "サポートされていないパラメータ"; "잘못된 매개변수",
  // "지원되지 않는 파라미터" (only where no status or other words decided).
  requestLate: [
    /(?:無効な|不正な|サポートされていない)パラメータ|パラメータ(?:が)?(?:無効|不正)|(?:잘못된|유효하지 않은|지원되지 않는) (?:매개변수|파라미터|요청)/,
    // Options that cannot be used together (batch 53): "내장 Google 도구는 외부 도구와 함께 사용할 수 없습니다".
    /함께 사용할 수 없/,
  ],
  // "サーバーエラー", "内部エラー"; "서버 오류", "내부 오류" (only where no status under 500 decided).
  serverLate: [/サーバーエラー|内部エラー|서버 오류|내부 오류/],
};
