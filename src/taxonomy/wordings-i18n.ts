import type { WordingSet } from "./wording-set.js";

/**
 * Families by meaning in the European languages localised front-ends and relays answer in (Spanish,
 * Portuguese, German, French, Italian, Russian, Turkish, Polish; and, since batch 53, a few phrases in
 * Vietnamese, Indonesian and Arabic), as wordings-zh.ts and wordings-ja-ko.ts
 * are for Chinese, Japanese and Korean: each kind's everyday phrases, written from the meaning of the kind,
 * not from any one message, and checked the same way (train and its probes at hard precision 1). A hard
 * verdict needs what it needs in English: the model as the subject of "not found", "does not exist", "no
 * longer supported" or "you have no access to", under the same veto (no 5xx, no 429, no words that say it
 * will pass, which patterns.ts's TRANSIENT_MARKERS reads in these languages too). The rules read lowercased
 * text. Slots and precedence: wording-set.ts.
 */

/** A letter, digit or underscore in any script: what a word is made of here. */
const WORD = String.raw`[\p{L}\p{N}_]`;

/**
 * A family's pattern with `\b` read as a word boundary in any script: JavaScript's `\b` knows only
 * ASCII letters, so "\büberschreitet" or "sécurité\b" never matched (the accented letter counts as
 * no letter, and no boundary falls beside it). A `\b` before a letter or a group is where a word starts
 * (no word character behind it), any other where one ends (none after it): one lookaround each, which V8
 * runs about 25 times faster than the two-sided boundary at every position of every message.
 * (wordings-languages.ts uses it too.)
 */
export function w(source: string): RegExp {
  return new RegExp(
    source.replace(/\\b(?=[\p{L}(])/gu, `(?<!${WORD})`).replaceAll(String.raw`\b`, `(?!${WORD})`),
    "u",
  );
}

export const WORDINGS_I18N: WordingSet = {
  // The model unknown: "modelo no encontrado", "el modelo x no existe", "modelo não encontrado", "Modell nicht
  // gefunden", "das Modell x existiert nicht", "modèle introuvable", "le modèle x n'existe pas", "modello non
  // trovato", "модель не найдена", "модель x не существует", "model bulunamadı", "nie znaleziono modelu".
  notFound: [
    // The verb first (by meaning): "No se encontró el modelo x", "Não foi possível encontrar o modelo",
    // "Impossible de trouver le modèle", "Impossibile trovare il modello", "Das Modell x konnte nicht gefunden
    // werden" is the noun-first rule's.
    w(
      String.raw`\bno se (?:encontró|encontro|pudo encontrar|ha encontrado|encuentra) (?:el |ningún |ningun )?modelo\b|\bnão (?:foi possível encontrar|foi encontrado|se encontrou|encontramos) o modelo\b|\bimpossible de trouver le modèle\b|\bimpossibile trovare il modello\b`,
    ),
    // (batch 59) Dutch "het gevraagde model kon niet worden gevonden".
    w(String.raw`\bmodel\b[^.\n]{0,40}\bkon niet (?:worden )?gevonden\b`),
    w(
      String.raw`\b(?:modelo|modell|modèle|modello)\b[^.\n]{0,40}(?:\bno (?:encontrado|existe)\b|\bnão (?:encontrado|existe)\b|\bnicht gefunden\b|\bexistiert nicht\b|\bintrouvable\b|\bnon trouvé\b|n['’]existe pas|\bnon (?:trovato|esiste)\b)|модел[ьи][^.\n]{0,40}(?:не найден|не существует)|model(?:i)? bulunamadı|\bnie znaleziono modelu\b`,
    ),
  ],
  // The model withdrawn, said as done: "el modelo x ha sido retirado", "ya no está disponible", "o modelo
  // foi descontinuado", "não é mais suportado", "das Modell wurde eingestellt", "wird nicht mehr
  // unterstützt", "le modèle a été retiré", "n'est plus pris en charge", "il modello è stato ritirato", "non
  // è più supportato", "модель больше не поддерживается", "больше недоступна", "снята с поддержки", "não está
  // mais disponível".
  retired: [
    w(
      String.raw`\b(?:modelo|modell|modèle|modello)\b[^.\n]{0,40}(?:\b(?:ha sido|fue|foi|wurde|a été|è stato) (?:retirado|descontinuado|eingestellt|retiré|ritirato|dismesso)\b|\bya no (?:está disponible|es compatible|se admite)\b|\bnão (?:está|é) mais (?:suportado|compatível|disponível)\b|\bnicht mehr (?:unterstützt|verfügbar)\b|n['’]est plus (?:disponible|pris en charge)|\bnon è più (?:supportato|disponibile)\b)|модел[ьи][^.\n]{0,40}(?:больше (?:не ?доступн|не поддерживается)|снята с поддержки)`,
    ),
    // (batch 53, LobeHub's "selected model is no longer available") in Vietnamese, Indonesian and Arabic:
    // "Mô hình đã chọn không còn khả dụng"; "model … tidak lagi tersedia"; "النموذج … لم يعد متاحًا".
    /mô hình[^.\n]{0,40}không còn (?:khả dụng|được hỗ trợ)|\bmodel\b[^.\n]{0,40}\btidak lagi (?:tersedia|didukung)\b|النموذج[^.\n]{0,40}لم يعد (?:متاح|مدعوم)/,
  ],
  // The model kept from the account: "no tienes acceso a este modelo", "você não tem acesso ao modelo",
  // "kein Zugriff auf dieses Modell", "vous n'avez pas accès à ce modèle", "non hai accesso al modello",
  // "нет доступа к модели".
  unavailable: [
    // (batch 60) Italian, as German and Hebrew above: "Il modello "…" non è disponibile per …. Selezionare un
    // modello diverso."
    w(String.raw`\bmodello\b[^.\n]{0,40}\bnon è disponibile\b[^\n]{0,40}\bmodello diverso\b`),
    // (batch 59) A model not available to the account, with the advice to choose another, in German and Hebrew
    // (as "is not available. Please select a different model" is in English); a token not allowed the model, in
    // Persian: "Das Modell „…“ ist für … nicht verfügbar. Bitte wähle ein anderes Modell"; "המודל … אינו זמין
    // עבור … אנא בחר מודל אחר"; "این توکن به مدل … دسترسی ندارد".
    w(String.raw`\bmodell\b[^.\n]{0,40}\bnicht verfügbar\b[^\n]{0,30}\banderes modell\b`),
    /המודל[^.\n]{0,40}אינו זמין[^\n]{0,30}מודל אחר|توکن به مدل[^\n]{0,30}دسترسی ندارد/,
    // (batch 58, new-api's locales) No channel for the model in the account's group, and the model's price not
    // set, as batches 11 and 18 read the Chinese and English originals: Vietnamese "Không thể lấy kênh khả dụng
    // cho mô hình … trong nhóm …"; "Hệ số hoặc giá mô hình … chưa được cấu hình".
    /kênh khả dụng cho mô hình|giá mô hình[^\n]{0,40}chưa được cấu hình/,
    w(
      String.raw`\bno tiene(?:s)? acceso a(?:l| este) modelo\b|\bnão tem acesso (?:ao|a este) modelo\b|\bkein(?:en)? zugriff auf (?:das|dieses) modell\b|n['’]avez pas accès (?:à ce|au) modèle|\bnon hai accesso (?:al|a questo) modello\b|нет доступа к (?:этой |данной )?модели`,
    ),
    // Bedrock's use-case form not sent (its translated error tables, batch 53): "no se han enviado los detalles
    // del caso de uso del modelo"; "os detalhes do caso de uso do modelo não foram enviados".
    /detalles del caso de uso del modelo|detalhes do caso de uso do modelo/,
  ],
  // The same refusal said under a 403 before credentials could read it (Bedrock's tables, batch 53): "tu
  // cuenta no está autorizada a acceder a este modelo"; "não está autorizada a acessar o modelo".
  unavailableFirst: [
    /no (?:está|esta) autorizad[ao] a acceder (?:a (?:este|el|ese)|al) modelo|não (?:está|esta) autorizad[ao] a acessar (?:este|o|esse) modelo/,
  ],
  // Refused by a safety or moderation filter: "filtro de contenido", "Inhalt wurde blockiert", "filtre de
  // sécurité", "errore nella moderazione", "модерация", "güvenlik filtresi", "filtr bezpieczeństwa".
  contentFilter: [
    // (batch 60) Italian "Risposta rifiutata dai filtri di sicurezza" (the plural of "filtro di sicurezza").
    w(String.raw`\bfiltri di sicurezza\b`),
    // (batch 59) Blocked for safety settings or a content policy, in French and Persian: "la sortie a été bloquée
    // en raison des paramètres de sécurité"; "به دلیل سیاستهای محتوایی مسدود".
    w(String.raw`\bbloqu\p{L}*\b[^.\n]{0,40}\b(?:paramètres de sécurité|politiques? de contenu)\b`),
    /سیاست(?:\u200c)?های محتوایی/,
    // (batch 58) Arabic "المحتوى غير مسموح به" (the content is not allowed).
    /المحتوى غير مسموح/,
    w(
      String.raw`\bfiltro (?:de|di) (?:contenido|conteúdo|seguridad|segurança|sicurezza)\b|\berrore nella moderazione\b|\binhalt(?:sfilter)?\b[^.\n]{0,40}\b(?:blockiert|gefiltert)\b|\bfiltre de (?:contenu|sécurité)\b|модераци|güvenlik filtresi|\bfiltr(?:a|u)? (?:bezpieczeństwa|treści)\b`,
    ),
    // (batch 53) Indonesian "output diblokir"; Russian "Модель отказалась отвечать на этот запрос".
    /\bdiblokir\b|модель отказалась (?:отвечать|от ответа)/,
  ],
  // No output produced (batch 53): Russian "Размышление завершено, но вывод не сгенерирован."
  output: [
    // (batch 60) The model gave no answer content, in Turkish and German: "Model herhangi bir yanıt içeriği
    // sağlamadı"; "Das Modell hat keinen Antwortinhalt geliefert".
    w(String.raw`\byanıt içeriği sağlamadı\b|\bkeinen antwortinhalt\b`),
    // (batch 59) Output cut by the token limit, in German; a malformed answer, in French; an answer that ended with
    // no assistant message, in Spanish: "die Ausgabe wurde aufgrund des Token-Limits gekürzt"; "réponse mal
    // formée"; "sin mensajes del asistente".
    w(String.raw`\bausgabe\b[^.\n]{0,40}\bgekürzt\b|\bréponse mal formée\b|\bsin mensajes del asistente\b`),
    /вывод не (?:сгенерирован|получен)/,
  ],
  // Too many requests, a usage limit reached: "demasiadas solicitudes", "muitas solicitações", "zu viele
  // Anfragen", "trop de requêtes", "troppe richieste", "слишком много запросов", "превышен предел
  // использования", "çok fazla istek", "zbyt wiele żądań".
  rateLimit: [
    // (batch 59) Persian "به حد نرخ این کلید رسیده است" (the key's rate limit reached).
    /حد نرخ/,
    // (batch 58) Italian "Hai superato il limite di velocità".
    w(String.raw`\blimite di velocità\b|\blímite de velocidad\b|\blimite de velocidade\b`),
    w(
      String.raw`\bdemasiadas (?:solicitudes|peticiones)\b|\bmuitas (?:solicitações|requisições)\b|\bzu viele anfragen\b|\btrop de requêtes\b|\btroppe richieste\b|слишком много запросов|превышен (?:предел|лимит) (?:использования|запросов)|çok fazla istek|\bzbyt wiele (?:żądań|zapytań)\b`,
    ),
    // (batch 53) Spanish "su solicitud estaba limitada a la velocidad"; Indonesian "Batas kecepatan … terlampaui".
    /limitad[ao] (?:a|por) la velocidad|\bbatas kecepatan\b/,
  ],
  // Balance or credit short: "saldo insuficiente", "nicht genügend Guthaben", "solde insuffisant", "credito
  // insufficiente", "недостаточно средств", "bakiye yetersiz", "niewystarczające środki".
  billing: [
    // (batch 60) OpenAI's "You exceeded your current quota, please check … usage", localised (billing, as in
    // English): Turkish "Mevcut kotanızı aştınız"; Indonesian "Anda telah melebihi kuota saat ini"; Portuguese
    // "Cota excedida: Verifique o seu saldo".
    w(
      String.raw`\bmevcut kota\p{L}*\s+aştınız\b|\bmelebihi kuota saat ini\b|\bcota excedida\b[^\n]{0,60}\bsaldo\b`,
    ),
    // (batch 59) French "Quota insuffisant".
    w(String.raw`\bquota insuffisant\b`),
    // The balance spent, by meaning: French "crédit insuffisant"; German "Guthaben aufgebraucht (erschöpft)",
    // "kein Guthaben mehr"; Spanish and Portuguese "saldo agotado (esgotado)".
    w(
      String.raw`\bcrédits? insuffisants?\b|\bguthaben\b[^.\n]{0,20}\b(?:aufgebraucht|erschöpft|verbraucht)\b|\bkein guthaben\b|\bsaldo (?:agotado|esgotado)\b`,
    ),
    // (batch 58) A licence or subscription that ran out: Indonesian "Lisensi Anda telah kedaluwarsa"; Spanish
    // "su licencia ha caducado"; Portuguese "sua licença expirou".
    w(
      String.raw`\blisensi\b[^.\n]{0,20}\bkedaluwarsa\b|\blicencia\b[^.\n]{0,20}\b(?:caducado|expirado)\b|\blicença\b[^.\n]{0,20}\bexpirou\b`,
    ),
    w(
      String.raw`\bsaldo (?:insuficiente|insufficiente)\b|\bcréditos? insuficientes?\b|\b(?:nicht genügend|unzureichendes) guthaben\b|\bsolde insuffisant\b|\bcredito insufficiente\b|недостаточно средств|bakiye(?:niz)? yetersiz|\bniewystarczające środki\b`,
    ),
    // Billing to enable (batch 53, as its English twin is billing): "Habilita la facturación"; "ative o
    // faturamento".
    /habilit[ae] la facturación|ative o faturamento/,
  ],
  // A key refused: "clave de API no válida", "chave de API inválida", "ungültiger API-Schlüssel", "clé API
  // invalide", "chiave API non valida", "неверный API-ключ", "geçersiz API anahtarı", "nieprawidłowy klucz API".
  auth: [
    // (batch 60) A key refused or expired, in Polish and Italian: "Podano nieprawidłowy klucz"; "La chiave fornita
    // per … è scaduta il …".
    w(String.raw`\bnieprawidłowy klucz\b|\bchiave\b[^.\n]{0,40}\bè scaduta\b`),
    // (batch 59) Authentication failed, in Hindi; a token expired, in Persian; signed in with the provider, in
    // Spanish: "प्रमाणीकरण विफल"; "این توکن منقضی شده است"; "has iniciado sesión con el proveedor".
    /प्रमाणीकरण विफल|توکن[^.\n]{0,20}منقضی/,
    w(String.raw`\biniciado sesión con el proveedor\b`),
    // (batch 58) A failed connection whose advice is the API key, in Arabic: "فشل الاتصال! تأكد من نسخ مفتاح API
    // بالكامل" (read before the network family below reads "connection failed").
    /فشل الاتصال[^\n]{0,60}مفتاح\s*api/,
    w(
      String.raw`\bclave (?:de )?api (?:no válida|inválida)\b|\bchave (?:de )?api inválida\b|\bungültige[rn]? api-?schlüssel\b|\bclé (?:d['’])?api (?:invalide|non valide)\b|\bchiave api non valida\b|неверный (?:api[- ]?)?ключ|geçersiz api anahtarı|\bnieprawidłowy klucz api\b`,
    ),
    // The account disabled or suspended (batch 53), Arabic: "تم تعطيل حسابك أو تعليقه".
    /تم (?:تعطيل|تعليق|إيقاف) حسابك/,
    // The caller's location not served: "Ihr aktueller Standort unterstützt diesen Modelldienst nicht", "su
    // ubicación no es compatible", "votre région n'est pas prise en charge".
    w(
      String.raw`\bstandort\b[^.\n]{0,60}\bnicht\b|\bubicación\b[^.\n]{0,40}\bno (?:es compatible|está (?:disponible|soportada))\b|\brégion\b[^.\n]{0,40}\bn['’]est pas (?:prise en charge|disponible)\b`,
    ),
  ],
  // The prompt over what the model can take: "excede la longitud máxima", "überschreitet die Länge", "dépasse
  // la longueur maximale", "supera la lunghezza massima", "превышает максимальную длину".
  context: [
    // (batch 60) Polish "Liczba tokenów najnowszej wiadomości jest zbyt duża, przekraczając limit tokenów"; Czech
    // "… blíží k limitu paměti AI … velikost kontextu" (the context size at its limit).
    w(
      String.raw`\bliczba tokenów\b[^.\n]{0,60}\bzbyt duża\b|\bprzekraczając limit tokenów\b|\blimit\p{L}*\b[^\n]{0,200}\bvelikost kontextu\b`,
    ),
    // (batch 59) Hebrew "חורג ממגבלת האסימונים" (over the token limit).
    /חורג ממגבלת (?:האסימונים|הטוקנים)/,
    // (batch 58) Italian "ha superato il limite di contesto del modello"; Spanish "superado el límite de
    // contexto"; Portuguese "excedeu o limite de contexto".
    /(?:superato il|superado el|excedeu o) l[ií]mite de(?:l)? contest[oe]|superato il limite di contesto/,
    w(
      String.raw`\bexcede (?:la )?longitud\b|\bexcede o (?:tamanho|comprimento)\b|\büberschreitet die (?:länge|maximale länge|kontextlänge)\b|\bdépasse la (?:longueur|taille) (?:maximale|du contexte)\b|\bsupera la lunghezza\b|превышает (?:максимальную )?длин`,
    ),
  ],
  // Timed out: "tiempo de espera agotado", "tempo limite esgotado", "Zeitüberschreitung", "délai d'attente
  // dépassé", "tempo scaduto", "превышено время ожидания", "zaman aşımı", "przekroczono limit czasu".
  timeout: [
    // The verb first (by meaning): "Se agotó el tiempo de espera", "O tempo limite esgotou".
    w(String.raw`\bse agotó el tiempo\b|\btempo (?:limite |de espera )?(?:se )?esgotou\b`),
    w(
      String.raw`\btiempo de espera (?:agotado|excedido)\b|\btempo limite (?:esgotado|excedido)\b|\bzeitüberschreitung\b|\bdélai d['’]attente (?:dépassé|expiré)\b|\btempo (?:di attesa )?scaduto\b|превышено время ожидания|zaman aşımı|\bprzekroczono (?:limit )?czas(?:u)?\b`,
    ),
  ],
  // The connection failed: "error de conexión", "erro de conexão", "Verbindungsfehler", "erreur de connexion",
  // "errore di connessione", "ошибка соединения", "bağlantı hatası", "błąd połączenia".
  network: [
    // (batch 59) French "La connexion au fournisseur a expiré ou a été interrompue".
    w(String.raw`\bconnexion\b[^.\n]{0,40}\b(?:a expiré|a été interrompue)\b`),
    // (batch 58) The connection to the provider failed: Turkish "{{aiProvider}} bağlantısı başarısız oldu"; Arabic
    // "فشل الاتصال بـ …".
    /bağlantı(?:sı)? başarısız|فشل الاتصال/,
    w(
      String.raw`\berror de (?:conexión|red)\b|\berro de (?:conexão|rede)\b|\b(?:verbindungsfehler|netzwerkfehler)\b|\berreur (?:de connexion|réseau)\b|\berrore di (?:connessione|rete)\b|ошибка (?:соединения|сети)|bağlantı hatası|\bbłąd (?:połączenia|sieci)\b`,
    ),
  ],
  // (batch 58) What the model or the call lacks, before a model's words read it as hard: Spanish "no admite
  // funciones más avanzadas"; Indonesian "Kemampuan vision belum diaktifkan untuk Model"; Portuguese "Nome do
  // modelo não especificado" (no model named in our request).
  request: [
    // (batch 60) What the model does not take, in Polish: "Wybrany serwis AI lub model nie obsługuje wiadomości
    // systemowych".
    w(String.raw`\bnie obsługuje (?:wiadomości|komunikatów|obrazów|plików|narzędzi|funkcji|parametru)\b`),
    // (batch 59) Dutch "heeft het verzoek afgewezen als onjuist geformatteerd".
    w(String.raw`\bonjuist geformatteerd\b`),
    w(
      String.raw`\bno admite (?:funciones|funcionalidades|esta función)\b|\bkemampuan\b[^.\n]{0,30}\bbelum diaktifkan\b|\bnome do modelo não (?:especificado|pode estar vazio)\b|\bnombre del modelo no (?:especificado|puede estar vacío)\b`,
    ),
  ],
  // (batch 58, new-api's locales) An upstream's load saturated: Russian "Нагрузка вышестоящего канала … насыщена";
  // Portuguese "A carga upstream … está saturada"; Spanish "la carga … está saturada".
  overloaded: [
    // (batch 59) Persian "بار کانالهای بالادستی … به حداکثر رسیده است" (the upstream's load at its maximum).
    /بار کانال/,
    /нагрузка[^.\n]{0,60}насыщен|\bcarga\b[^.\n]{0,40}\bsaturada\b/,
  ],
  // A capability the model lacks (batch 53), Vietnamese: "mô hình này không hỗ trợ khả năng được yêu cầu"
  // (only where nothing else decided).
  requestLate: [/mô hình[^.\n]{0,20}không hỗ trợ/],
  // The server or its upstream failed: "error interno del servidor", "erro interno do servidor", "interner
  // Serverfehler", "erreur interne du serveur", "errore interno del server", "внутренняя ошибка сервера",
  // "sunucu hatası", "bramka upstream lub proxy zwróciły błąd" (only where no status under 500 decided).
  serverLate: [
    // (batch 59) French "Erreur du serveur de l'API".
    w(String.raw`\berreur du serveur\b`),
    w(
      String.raw`\berror interno del servidor\b|\berro interno do servidor\b|\binterner serverfehler\b|\berreur interne du serveur\b|\berrore interno del server\b|внутренняя ошибка сервера|sunucu hatası|\bbramka upstream\b|\bbłąd serwera\b`,
    ),
  ],
};
