import { describe, expect, it } from "vitest";
import { w } from "../../../src/taxonomy/wordings-i18n.js";
import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The European-language families by meaning (src/taxonomy/wordings-i18n.ts; issue 17 item 11), in phrases
 * of our own, one or two languages per kind, and the near misses: a hard verdict only with the model as the
 * subject of its words and nothing saying it will pass, and a status a rule reads first still decides.
 */
const HARD: Record<string, Case[]> = {
  "the model unknown": [
    { message: "No se encontró el modelo demo-7b.", kind: "model_not_found" },
    { message: "Impossible de trouver le modèle demo-7b.", kind: "model_not_found" },
    { message: "Error: el modelo solicitado no existe", kind: "model_not_found" },
    { message: "Das angegebene Modell wurde nicht gefunden", kind: "model_not_found" },
    { message: "Модель не найдена", kind: "model_not_found" },
  ],
  "the model withdrawn": [
    { message: "Este modelo ya no está disponible", kind: "model_retired" },
    { message: "Le modèle n'est plus pris en charge", kind: "model_retired" },
  ],
  "the model kept from the account": [
    { message: "Você não tem acesso a este modelo", kind: "model_unavailable" },
    { message: "Non hai accesso al modello richiesto", kind: "model_unavailable" },
  ],
};

const FAMILIES: Record<string, Case[]> = {
  ...HARD,
  "refused by a filter": [
    { message: "La respuesta fue bloqueada por el filtro de contenido.", kind: "content_filter" },
    { message: "Запрос отклонён модерацией", kind: "content_filter" },
  ],
  "too many requests": [
    { message: "Zu viele Anfragen. Bitte warten.", kind: "rate_limit" },
    { message: "Çok fazla istek gönderildi", kind: "rate_limit" },
  ],
  "balance short": [
    { message: "Crédit insuffisant.", kind: "billing" },
    { message: "Guthaben aufgebraucht.", kind: "billing" },
    { message: "Saldo insuficiente en la cuenta", kind: "billing" },
    { message: "Недостаточно средств на балансе", kind: "billing" },
  ],
  "a key refused": [
    { message: "Chave de API inválida", kind: "auth" },
    { message: "Clé API invalide, vérifiez vos paramètres", kind: "auth" },
  ],
  "the caller's location not served": [
    { message: "Ihr Standort wird für diesen Dienst nicht unterstützt.", kind: "auth" },
  ],
  "over the model's length": [
    { message: "La richiesta supera la lunghezza massima del modello", kind: "context_length" },
  ],
  "timed out": [
    { message: "Se agotó el tiempo de espera de la solicitud.", kind: "timeout" },
    { message: "Tiempo de espera agotado al contactar el servidor", kind: "timeout" },
    { message: "Zeitüberschreitung der Anfrage", kind: "timeout" },
  ],
  "the connection failed": [
    { message: "Erreur de connexion au fournisseur", kind: "network" },
    { message: "Błąd połączenia z serwerem", kind: "network" },
  ],
  "the server failed": [
    { message: "Errore interno del server", kind: "server_error" },
    { message: "Sunucu hatası oluştu", kind: "server_error" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A status a rule reads first decides over the server's words in another language.
  { message: "Erro interno do servidor", httpStatus: 429, kind: "rate_limit" },
  // An English model verdict inside a translated wrapper is still read by the English rules.
  { message: "Erro: The model `gpt-x` does not exist", httpStatus: 404, kind: "model_not_found" },
  // A model gone, with words saying it will pass, in the same languages: no hard verdict.
  { message: "Modelo no encontrado. Inténtelo de nuevo más tarde.", kind: "unknown" },
  { message: "Modell vorübergehend nicht gefunden, versuchen Sie es später erneut", kind: "unknown" },
  { message: "Модель временно недоступна", kind: "unknown" },
  { message: "Das Modell ist vorübergehend nicht mehr verfügbar", kind: "unknown" },
  // Something else not found, beside the word for a model in another sentence.
  { message: "Modelo: gpt-x. Archivo no encontrado", kind: "unknown" },
];

// Words that begin or end with a letter JavaScript's \b does not know (ü, é, ń): the families read a
// boundary in any script.
FAMILIES["a boundary beside an accented letter"] = [
  { message: "Réponse bloquée par le filtre de sécurité", kind: "content_filter" },
  { message: "Délai d'attente dépassé", kind: "timeout" },
  { message: "Die Anfrage überschreitet die Länge des Modells", kind: "context_length" },
  { message: "Zbyt wiele żądań", kind: "rate_limit" },
];

describeWordings("the European-language families (wordings-i18n.ts)", FAMILIES, NEAR_MISSES, {
  families: Object.keys(HARD),
  status: 503,
});

describe("w, a pattern's \\b read in any script", () => {
  it("matches a word beside an accented letter or a non-Latin script, at either end", () => {
    const re = w(String.raw`\b(?:überlastet|sécurité|перегружен)\b`);
    for (const text of ["server überlastet.", "la sécurité", "сервер перегружен!", "überlastet"]) {
      expect(re.test(text), text).toBe(true);
    }
  });

  it("does not match inside a longer word, whatever its script", () => {
    const re = w(String.raw`\b(?:überlastet|sécurité|перегружен)\b`);
    for (const text of ["unüberlastet", "überlasteter", "insécurité", "sécuritées", "перегруженный"]) {
      expect(re.test(text), text).toBe(false);
    }
  });
});
