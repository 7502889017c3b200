import { describe, expect, it } from "vitest";
import { mergeWordings } from "../../../src/taxonomy/wording-set.js";
import { CORPUS_BATCHES } from "./corpus.js";

describe("mergeWordings", () => {
  it("concatenates each slot's lists in the sets' order and leaves absent slots empty", () => {
    const a = /a/;
    const b = /b/;
    const c = /c/;
    const merged = mergeWordings([{ auth: [a], retired: [c] }, {}, { auth: [b] }]);
    expect(merged.auth).toEqual([a, b]);
    expect(merged.retired).toEqual([c]);
    expect(merged.billing).toEqual([]);
    expect(merged.serverLate).toEqual([]);
  });
});

describe("the corpus's batches", () => {
  it("are read from the fixtures directory, numbered 1..N without a gap", () => {
    const numbers = CORPUS_BATCHES.map((b) => b.batch);
    expect(numbers.length).toBeGreaterThanOrEqual(12);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});
