import type { WordingSet } from "./wording-set.js";
import { w } from "./wordings-i18n.js";

/**
 * Each kind's everyday words in more languages and more ways (session 25), written from the meaning of
 * the kind, not from any message: batches 53 and 58 showed that localised strings defeat families written
 * from one round's phrases (each app words "connection failed" its own way), so these name what each kind is
 * about in the words any translation of it has to use. The languages: Dutch, Ukrainian, Persian, Hebrew,
 * Hindi, Thai, Vietnamese and Indonesian, and more ways of saying each kind in German, French, Spanish,
 * Portuguese, Italian, Russian, Turkish and Arabic (wordings-i18n.ts holds the first families). Hard kinds
 * need the model as the subject of "not found" or "no access", under the same veto as in English. The rules
 * read lowercased text; scripts without word breaks (Thai) or whose letters JavaScript's `\b` does not know
 * are matched as phrases. Slots and precedence: wording-set.ts.
 */

export const WORDINGS_LANGUAGES: WordingSet = {
  // The model unknown, the model as the subject: "model niet gevonden", "модель не знайдено", "النموذج غير
  // موجود", "مدل یافت نشد", "המודל לא נמצא", "मॉडल नहीं मिला", "ไม่พบโมเดล", "không tìm thấy mô hình", "model
  // tidak ditemukan".
  notFound: [
    w(
      String.raw`\bmodel\b[^.\n]{0,40}\b(?:niet gevonden|bestaat niet|tidak ditemukan|tidak ada)\b|модел[ьі][^.\n]{0,40}не знайден|(?:لم يتم العثور على|تعذر العثور على) النموذج|النموذج[^.\n]{0,40}غير موجود|مدل[^.\n]{0,40}(?:یافت نشد|وجود ندارد)|המודל[^.\n]{0,30}לא נמצא|मॉडल[^.\n]{0,30}नहीं मिला|ไม่พบโมเดล|không tìm thấy mô hình`,
    ),
  ],
  // The model kept from the account: "geen toegang tot dit model", "немає доступу до моделі", "ليس لديك صلاحية
  // الوصول إلى هذا النموذج", "không có quyền truy cập mô hình", "tidak memiliki akses ke model", "ไม่มีสิทธิ์เข้าถึงโมเดล",
  // "modele erişim izniniz yok".
  unavailable: [
    w(
      String.raw`\bgeen toegang tot (?:dit|het) model\b|немає доступу до (?:цієї )?моделі|صلاحية الوصول إلى (?:هذا )?النموذج|không có quyền (?:truy cập|sử dụng) mô hình|\btidak memiliki akses ke model\b|ไม่มีสิทธิ์(?:เข้าถึง|ใช้)โมเดล|\bmodele erişim(?: izniniz| yetkiniz)? yok\b`,
    ),
  ],
  // Requests too many or too fast: "Ratenlimit", "limite (totale) de débit", "límite de solicitudes", "limite de
  // requisições", "limite di richieste", "лимит запросов", "ліміт запитів", "te veel verzoeken", "istek sınırı",
  // "طلبات كثيرة جدًا", "درخواست‌های زیاد", "יותר מדי בקשות", "बहुत अधिक अनुरोध", "คำขอมากเกินไป", "quá nhiều yêu
  // cầu", "terlalu banyak permintaan".
  rateLimit: [
    w(
      String.raw`\b(?:raten|anfrage)limit\b|\blimite (?:totale |horaire |maximale )?de (?:débit|requêtes)\b|\blímite de (?:solicitudes|peticiones|tasa)\b|\blimite de (?:taxa|requisições|solicitações)\b|\blimite (?:di|delle) richieste\b|лимит (?:запросов|скорости)|ліміт запитів|забагато запитів|\bte veel (?:verzoeken|aanvragen)\b|\b(?:istek|hız) sınırı\b|طلبات كثيرة|حد المعدل|درخواست(?:‌|\s)?های (?:زیاد|بیش از حد)|יותר מדי בקשות|बहुत अधिक अनुरोध|दर सीमा|คำขอมากเกินไป|quá nhiều yêu cầu|giới hạn tốc độ|\bterlalu banyak permintaan\b`,
    ),
  ],
  // Timed out: "тайм-аут", "истекло время", "час очікування вичерпано", "انتهت المهلة", "زمان ... به پایان
  // رسید", "פסק זמן", "समय सीमा समाप्त", "หมดเวลา", "hết thời gian chờ", "waktu habis", "batas waktu".
  timeout: [
    w(
      String.raw`тайм-?аут|истекло время|час очікування|انتهت المهلة|مهلت[^.\n]{0,20}(?:تمام|به پایان)|פסק זמן|समय सीमा समाप्त|หมดเวลา|hết thời gian chờ|quá thời gian chờ|\bwaktu (?:habis|tunggu habis)\b|\bbatas waktu\b[^.\n]{0,20}\bterlampaui\b`,
    ),
  ],
  // The connection failed: "Verbindung fehlgeschlagen", "échec de la connexion", "no se pudo conectar", "falha na
  // conexão", "impossibile connettersi", "не удалось подключиться", "помилка мережі", "verbindingsfout",
  // "bağlanılamadı", "خطأ في الشبكة", "خطای شبکه", "שגיאת רשת", "नेटवर्क त्रुटि", "การเชื่อมต่อล้มเหลว", "lỗi
  // kết nối", "koneksi gagal".
  network: [
    w(
      String.raw`\bverbindung (?:fehlgeschlagen|unterbrochen)\b|\béchec de (?:la )?connexion\b|\bno se pudo conectar\b|\bfallo de (?:conexión|red)\b|\bfalha (?:na|de) (?:conexão|rede)\b|\bnão foi possível conectar\b|\bimpossibile connettersi\b|\bconnessione (?:non riuscita|interrotta)\b|не удалось (?:подключиться|соединиться)|помилка (?:мережі|з'єднання)|не вдалося підключитися|\b(?:verbindingsfout|netwerkfout)\b|\bbağlanılamadı\b|خطأ في (?:الشبكة|الاتصال)|تعذر الاتصال|خطای (?:شبکه|اتصال)|اتصال برقرار نشد|שגיאת (?:רשת|חיבור)|החיבור נכשל|नेटवर्क त्रुटि|कनेक्शन विफल|การเชื่อมต่อล้มเหลว|ข้อผิดพลาดเครือข่าย|lỗi (?:mạng|kết nối)|không thể kết nối|\bkoneksi gagal\b|\bgagal terhubung\b|\bkesalahan jaringan\b`,
    ),
  ],
  // A key refused or missing: "API-Schlüssel ungültig", "недійсний ключ", "ongeldige api-sleutel", "مفتاح API غير
  // صالح", "کلید API نامعتبر", "מפתח API לא תקין", "अमान्य API कुंजी", "คีย์ API ไม่ถูกต้อง", "khóa API không hợp
  // lệ", "kunci API tidak valid".
  auth: [
    w(
      String.raw`\bapi-?schlüssel\b[^.\n]{0,20}\b(?:ungültig|fehlt)\b|недійсний (?:api[- ]?)?ключ|\bongeldige api-?(?:sleutel|key)\b|مفتاح\s*api[^.\n]{0,10}غير صالح|کلید\s*api[^.\n]{0,10}نامعتبر|מפתח\s*api[^.\n]{0,10}(?:לא תקין|שגוי)|अमान्य\s*api\s*कुंजी|คีย์\s*api\s*ไม่ถูกต้อง|khóa\s*api[^.\n]{0,10}không hợp lệ|\bkunci api\b[^.\n]{0,10}\btidak valid\b`,
    ),
  ],
  // Balance short: "недостатньо коштів", "onvoldoende saldo", "رصيد غير كافٍ", "موجودی ناکافی", "אין מספיק קרדיט",
  // "अपर्याप्त शेष", "ยอดเงินไม่เพียงพอ", "số dư không đủ", "saldo tidak cukup".
  billing: [
    w(
      String.raw`недостатньо коштів|\bonvoldoende (?:saldo|tegoed)\b|رصيد غير كاف|موجودی (?:ناکافی|کافی نیست)|אין מספיק (?:קרדיט|יתרה)|अपर्याप्त (?:शेष|बैलेंस)|ยอดเงิน(?:คงเหลือ)?ไม่เพียงพอ|số dư không đủ|\bsaldo tidak (?:cukup|mencukupi)\b`,
    ),
  ],
  // Overloaded: "überlastet", "surchargé", "sobrecargado", "sobrecarregado", "sovraccarico", "перегружен",
  // "overbelast", "aşırı yüklü", "quá tải", "kelebihan beban", "โอเวอร์โหลด".
  overloaded: [
    w(
      String.raw`\büberlastet\b|\bsurchargée?s?\b|\bsobrecargad[oa]s?\b|\bsobrecarregad[oa]s?\b|\bsovraccaric[oa]\b|перегружен|перевантажен|\boverbelast\b|\başırı yük(?:lü|lendi)\b|quá tải|\bkelebihan beban\b|โอเวอร์โหลด`,
    ),
  ],
  // The prompt over the model's context: "Kontextfenster", "fenêtre de contexte", "ventana de contexto", "janela
  // de contexto", "finestra di contesto", "контекстное окно", "giới hạn ngữ cảnh", "batas konteks", "bağlam
  // sınırı", "حد السياق".
  context: [
    w(
      String.raw`\bkontext(?:fenster|länge|limit)\b|\bfenêtre de contexte\b|\bventana de contexto\b|\bjanela de contexto\b|\bfinestra di contesto\b|контекстн(?:ое|е) окн|(?:длина|довжина) контексту?|(?:giới hạn|độ dài) ngữ cảnh|\b(?:batas|panjang) konteks\b|\bbağlam (?:sınırı|uzunluğu|penceresi)\b|(?:حد|طول) السياق`,
    ),
  ],
  // Refused by a content policy: "Inhaltsrichtlinie", "politique de contenu", "política de contenido", "política
  // de conteúdo", "politica dei contenuti", "политика контента", "vi phạm chính sách", "melanggar kebijakan",
  // "içerik politikası", "سياسة المحتوى".
  contentFilter: [
    w(
      String.raw`\binhaltsrichtlinie\w*\b|\bpolitique de contenu\b|\bpolítica de (?:contenido|conteúdo)\b|\bpolitica (?:dei|sui) contenuti\b|политик[аи] (?:контента|содержания)|vi phạm (?:chính sách|nguyên tắc)|bộ lọc nội dung|\bmelanggar kebijakan\b|\bfilter konten\b|\biçerik (?:politikası|filtresi)\b|سياسة المحتوى`,
    ),
  ],
  // An empty answer, only where nothing else decided: "leere Antwort", "réponse vide", "respuesta vacía",
  // "resposta vazia", "risposta vuota", "пустой ответ", "порожня відповідь", "leeg antwoord", "boş yanıt", "رد
  // فارغ", "پاسخ خالی", "תגובה ריקה", "phản hồi trống", "respons kosong".
  outputLate: [
    w(
      String.raw`\bleere antwort\b|\bréponse vide\b|\brespuesta vacía\b|\bresposta vazia\b|\brisposta vuota\b|пуст(?:ой|ый) ответ|порожня відповідь|\bleeg antwoord\b|\bboş yanıt\b|(?:رد|استجابة) فارغ|پاسخ خالی|תגובה ריקה|phản hồi (?:trống|rỗng)|\brespons kosong\b`,
    ),
  ],
  // The server failed, only where no status under 500 decided: "serverfout", "помилка сервера", "خطأ في
  // الخادم", "خطای سرور", "שגיאת שרת", "सर्वर त्रुटि", "ข้อผิดพลาดของเซิร์ฟเวอร์", "lỗi máy chủ", "kesalahan
  // server".
  serverLate: [
    w(
      String.raw`\bserverfout\b|помилка сервера|خطأ في الخادم|خطای سرور|שגיאת שרת|सर्वर त्रुटि|ข้อผิดพลาด(?:ของ)?เซิร์ฟเวอร์|lỗi máy chủ|\bkesalahan server\b`,
    ),
  ],
};
