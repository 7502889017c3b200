import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import {
  CLOUD_V1,
  getProfile,
  PROFILES,
  promptFor,
  REASONING_V1,
  validationPolicy,
} from "../../../src/benchmark/profiles.js";
import { buildRequest } from "../../../src/benchmark/request.js";
import { WORDS, words } from "../../helpers/fake-providers/corpus.js";

describe("benchmark profiles", () => {
  it("have unique versioned ids and budgets that cover their length bands", () => {
    expect(new Set(PROFILES.map((p) => p.id)).size).toBe(PROFILES.length);
    for (const p of PROFILES) {
      expect(p.id).toMatch(/-v\d+$/);
      if (p.lengthBand)
        expect(p.lengthBand.target * p.lengthBand.minRatio).toBeLessThanOrEqual(p.maxOutputTokens);
    }
    expect(getProfile("cloud-v1")).toBe(CLOUD_V1);
    expect(getProfile("nope")).toBeUndefined();
  });

  it("puts the unique reference first, where prefix caches match", () => {
    expect(promptFor(CLOUD_V1, "abc")).toBe(`Reference abc.\n\n${CLOUD_V1.prompt}`);
    expect(promptFor(CLOUD_V1)).not.toBe(promptFor(CLOUD_V1));
  });

  it("give the reasoning budget headroom over its answer target", () => {
    const band = REASONING_V1.lengthBand!;
    expect(REASONING_V1.maxOutputTokens).toBeGreaterThan(
      band.target + (REASONING_V1.reasoning?.budgetTokens ?? 0),
    );
  });

  it("name their validation policy", () => {
    expect(validationPolicy(CLOUD_V1)).toBe("output_pm10");
    expect(validationPolicy(REASONING_V1)).toBe("answer_min90pct");
    expect(validationPolicy({ ...CLOUD_V1, lengthBand: null })).toBe("visible_nonzero");
  });

  it("send reasoning settings only to models whose metadata says they reason", () => {
    expect(buildRequest(REASONING_V1, "m", {}).reasoning).toBeNull();
    expect(buildRequest(REASONING_V1, "m", { reasoning: true }).reasoning).toEqual({
      effort: "low",
      budgetTokens: 2048,
    });
    expect(
      buildRequest(REASONING_V1, "m", { reasoning: true, reasoning_effort: "high" }).reasoning?.effort,
    ).toBe("high");
    expect(buildRequest(CLOUD_V1, "m", { reasoning: true }).reasoning).toBeNull();
  });
});

describe("the fake providers' corpus", () => {
  it("is one o200k token per word, also when words are joined", () => {
    for (const w of WORDS) expect(countO200k(` ${w}`)).toBe(1);
    expect(countO200k(words(500, 7))).toBe(500);
  });
});
