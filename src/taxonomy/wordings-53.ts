import type { WordingSet } from "./wording-set.js";

/**
 * Wordings taught by batch 53's train messages (test/fixtures/taxonomy/provider-errors-53.json), each
 * by meaning, with the real message it was written from. Slots and precedence: wording-set.ts; the rules
 * read lowercased text. Batch 53 is messages in languages other than English and Chinese (localised apps'
 * strings, translated provider documentation) and the hard class of the smaller providers. Its held-out
 * part scored 0.448 before these rules: the language families of wordings-i18n.ts and wordings-ja-ko.ts
 * had too few ways of saying each thing, so each kind below is said the ways these languages say it.
 */
export const WORDINGS_53: WordingSet = {
  unavailableFirst: [
    // A model the account may not use, in Spanish and Portuguese (Bedrock's translated error tables, under a
    // 403): "tu cuenta no está autorizada a acceder a este modelo".
    /no (?:está|esta) autorizad[ao] a acceder (?:a (?:este|el|ese)|al) modelo|não (?:está|esta) autorizad[ao] a acessar (?:este|o|esse) modelo/,
  ],
  unavailable: [
    // Bedrock's use-case form not sent, in Spanish and Portuguese: "no se han enviado los detalles del caso de
    // uso del modelo para esta cuenta"; "os detalhes do caso de uso do modelo não foram enviados".
    /detalles del caso de uso del modelo|detalhes do caso de uso do modelo/,
    // A model the plan leaves out: CodeGPT "The model 'gpt-4o' is not available under your current pricing
    // plan."
    /\bnot available under your (?:current )?(?:pricing |subscription )?(?:plan|tier)\b/,
    // A model with no quota to deploy it anywhere (Azure, as batch 52's): "No available quota found in any
    // region."
    /\bno available quota found in any region\b/,
  ],
  retired: [
    // The selected model no longer available (LobeHub's string, as its English "is no longer available"),
    // in Portuguese, Russian, Vietnamese, Indonesian and Arabic: "O modelo selecionado não está mais
    // disponível"; "Выбранная модель больше недоступна"; "Mô hình đã chọn không còn khả dụng"; "model …
    // tidak lagi tersedia"; "النموذج … لم يعد متاحًا".
    /modelo[^.\n]{0,40}não (?:está|é) mais (?:disponível|suportado|compatível)|модел[ьи][^.\n]{0,40}больше (?:не ?доступн|не поддерживается)|mô hình[^.\n]{0,40}không còn (?:khả dụng|được hỗ trợ)|\bmodel\b[^.\n]{0,40}\btidak lagi (?:tersedia|didukung)\b|النموذج[^.\n]{0,40}لم يعد (?:متاح|مدعوم)/,
  ],
  billing: [
    // The free tier not offered, with billing to enable, in Spanish (as its English twin is billing): "El
    // nivel gratuito de la API de Gemini no está disponible en tu país. Habilita la facturación".
    /habilit[ae] la facturación|ative o faturamento/,
    // A spend cap, in a code's hyphenated words: xAI 403 "personal-team-blocked:spending-limit".
    /\bspending-limit\b/,
  ],
  auth: [
    // The account disabled or suspended, in Arabic: "تم تعطيل حسابك أو تعليقه".
    /تم (?:تعطيل|تعليق|إيقاف) حسابك/,
  ],
  contentFilter: [
    // A safety filter or setting that blocked the answer, in Japanese: "安全フィルターにより応答が拒否されました";
    // "安全設定により出力ブロック".
    /安全(?:フィルター|フィルタ|設定)により/,
    // A moderation system's block, in Korean: "모더레이션 시스템에 의해 차단되었습니다".
    /모더레이션[^\n]{0,20}차단/,
    // Output blocked, in Indonesian: "output diblokir karena pemeriksaan resitasi".
    /\bdiblokir\b/,
    // The model refusing to answer, in Russian and English: "Модель отказалась отвечать на этот запрос".
    /модель отказалась (?:отвечать|от ответа)|\bthe model refused to (?:answer|respond|reply)\b/,
  ],
  context: [
    // Tokens over the limit, in Japanese: "最新のメッセージトークン数が長すぎてトークン制限を超えている".
    /トークン(?:数)?(?:が)?(?:長すぎ|多すぎ)|トークン制限を超/,
  ],
  rateLimit: [
    // Rate limited, in Spanish and Indonesian: "su solicitud estaba limitada a la velocidad"; "Batas kecepatan
    // API … terlampaui".
    /limitad[ao] (?:a|por) la velocidad|\bbatas kecepatan\b/,
  ],
  output: [
    // No output produced, in Russian: "Размышление завершено, но вывод не сгенерирован."
    /вывод не (?:сгенерирован|получен)/,
  ],
  requestLate: [
    // Tools that cannot be used together, in Korean: "내장 Google 도구는 외부 도구와 함께 사용할 수 없습니다"; a
    // model that does not support what was asked, in Vietnamese: "mô hình này không hỗ trợ khả năng được yêu
    // cầu" (only where nothing else decided).
    /함께 사용할 수 없|mô hình[^.\n]{0,20}không hỗ trợ/,
    // Something of ours not found by its query (Django's wording, as Replicate answers): "No prediction
    // matches the given query." (A model not found is the hard rules'.)
    /\bno (?!model\b)\w+ matches the given query\b/,
  ],
};
