import { describe, expect, it } from "vitest";
import { englishOf, TRANSLATION_TERMS } from "../../../src/taxonomy/lexicon-translations.js";

/**
 * Error words of other languages in English (src/taxonomy/lexicon-translations.ts), which the lexicon reads
 * beside a message's own words. Sentences of our own, not the corpus's.
 */
describe("englishOf", () => {
  it("gives the English words of error terms in spaced languages, inflected forms included", () => {
    expect(englishOf("Превышен лимит запросов")).toEqual(["exceeded", "limit", "request"]);
    expect(englishOf("Ошибка: недостаточно средств на балансе")).toEqual([
      "error",
      "insufficient",
      "funds",
      "balance",
    ]);
    expect(englishOf("Limite de solicitudes excedido")).toEqual(["limit", "request", "exceeded"]);
    expect(englishOf("Fehler: Modell nicht gefunden")).toEqual(["error", "model", "not found"]);
    expect(englishOf("Sunucu hatası: bağlantı zaman aşımı")).toEqual(["server", "connection", "timeout"]);
  });

  it("reads Chinese, Japanese and Korean terms anywhere in a run of text", () => {
    expect(englishOf("账户余额不足，请充值")).toEqual([
      "account",
      "balance",
      "insufficient",
      "top up credits",
    ]);
    expect(englishOf("モデルが見つかりません")).toEqual(["model", "not found"]);
    expect(englishOf("요청이 너무 많습니다. 잠시 후 다시 시도하세요")).toEqual([
      "too many requests",
      "try again",
    ]);
  });

  it("gives nothing for English, even where an English word starts like a foreign one", () => {
    // "conta", "vide" and "interne" are whole words in Portuguese and French: they do not match the start of
    // "contains", "video" or "internet". A stem ("превыш*") matches only where a word starts.
    expect(englishOf("This content contains video and internet data, modelling the invalid request")).toEqual(
      [],
    );
    expect(englishOf("the conta field")).toEqual(["account"]);
    expect(englishOf("непревышенный")).toEqual([]);
  });

  it("lists each term once: a term of two languages has one reading", () => {
    // Chinese 請求 is a request and Japanese 請求 a bill; listed in both, the later one silently won.
    const terms = TRANSLATION_TERMS.map(([term]) => term.replace(/\*$/, ""));
    expect(terms.filter((t, i) => terms.indexOf(t) !== i)).toEqual([]);
    expect(englishOf("請求失敗")).toEqual(["request", "failed"]);
  });
});
