import { describeWordings, type Case } from "./wording-cases.js";

/**
 * Each kind's everyday words in more languages (src/taxonomy/wordings-languages.ts, and the retry words of
 * those languages in patterns.ts's TRANSIENT_MARKERS; issue 17 item 11), written from the meaning of each
 * kind. The cases are sentences of our own; a hard one is vetoed by a 5xx or by its language's "try again
 * later". Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model not found, the model as the subject": [
    { message: "Het model bestaat niet", kind: "model_not_found" },
    { message: "Модель не знайдено", kind: "model_not_found" },
    { message: "ไม่พบโมเดลที่ระบุ", kind: "model_not_found" },
    { message: "Không tìm thấy mô hình", kind: "model_not_found" },
    { message: "Model tidak ditemukan", kind: "model_not_found" },
    { message: "لم يتم العثور على النموذج", kind: "model_not_found" },
  ],
  "a model kept from the account": [
    { message: "U heeft geen toegang tot dit model", kind: "model_unavailable" },
    { message: "Anda tidak memiliki akses ke model ini", kind: "model_unavailable" },
    { message: "Bạn không có quyền truy cập mô hình này", kind: "model_unavailable" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "requests too many": [
    { message: "Te veel verzoeken", kind: "rate_limit" },
    { message: "Limite horaire de requêtes dépassée", kind: "rate_limit" },
    { message: "Quá nhiều yêu cầu", kind: "rate_limit" },
    { message: "Ліміт запитів вичерпано", kind: "rate_limit" },
  ],
  "timed out": [
    { message: "Час очікування вичерпано", kind: "timeout" },
    { message: "หมดเวลาการเชื่อมต่อ", kind: "timeout" },
  ],
  "the connection failed": [
    { message: "Verbindung fehlgeschlagen", kind: "network" },
    { message: "Lỗi kết nối", kind: "network" },
    { message: "Koneksi gagal", kind: "network" },
  ],
  "a key refused": [
    { message: "کلید API نامعتبر است", kind: "auth" },
    { message: "Ongeldige API-sleutel", kind: "auth" },
  ],
  "balance short": [
    { message: "Số dư không đủ", kind: "billing" },
    { message: "Saldo tidak mencukupi", kind: "billing" },
  ],
  overloaded: [
    { message: "Der Server ist überlastet", kind: "overloaded" },
    { message: "Máy chủ đang quá tải", kind: "overloaded" },
  ],
  "the context over the limit": [{ message: "Kontextfenster überschritten", kind: "context_length" }],
  "refused by a content policy": [{ message: "Vi phạm chính sách nội dung", kind: "content_filter" }],
  "an empty answer": [{ message: "Phản hồi trống", kind: "output_invalid" }],
  "the server failed": [{ message: "Lỗi máy chủ", kind: "server_error" }],
};

const NEAR_MISSES: Case[] = [
  // A model not found with the language's "try again later" says it will pass: no hard verdict.
  { message: "Model tidak ditemukan, coba lagi nanti", kind: "unknown" },
  { message: "Không tìm thấy mô hình, vui lòng thử lại sau", kind: "unknown" },
  // A file not found is no model not found.
  { message: "Bestand niet gevonden", kind: "unknown" },
];

describeWordings("each kind's everyday words in more languages", { ...FAMILIES, ...NOT_HARD }, NEAR_MISSES, {
  families: Object.keys(FAMILIES),
  status: 503,
});
