import { describe, expect, it } from "vitest";
import { findSuccessor, successorRule } from "../../../src/catalog/successor.js";

const listing = { finished_at: new Date("2026-12-01T00:00:00Z"), model_count: 3 };

describe("successor detection", () => {
  it.each([
    ["accounts/fireworks/models/deepseek-v3", "accounts/fireworks/models/deepseek-v3-0324", "suffix_added"],
    ["gpt-4o", "gpt-4o-2024-08-06", "suffix_added"],
    ["gemini-1.5-pro", "gemini-1.5-pro-002", "suffix_added"],
    ["mistral-large", "mistral-large-v2", "suffix_added"],
    ["claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20241022", "date_replaced"],
    ["qwen3-235b-a22b-instruct-2504", "qwen3-235b-a22b-instruct-2507", "date_replaced"],
  ])("%s -> %s is %s", (old, next, rule) => {
    expect(successorRule(old, next)).toBe(rule);
  });

  it.each([
    ["deepseek-v3", "deepseek-v3-base"], // not a date or version
    ["deepseek-v2", "deepseek-v3"], // another generation, not a rename
    ["llama3-70b", "llama3-70b-instruct"],
    ["claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20240620"], // an earlier date
    ["claude-3-5-sonnet-20240620", "claude-3-5-haiku-20241022"], // another stem
    ["gpt-4o", "gpt-4o"],
  ])("%s -> %s is not a successor", (old, next) => {
    expect(successorRule(old, next)).toBeNull();
  });

  it("finds the one listed successor of an id the complete listing no longer has", () => {
    const found = findSuccessor(
      "deepseek-v3",
      ["deepseek-v3-0324", "deepseek-r1", "llama-3.3-70b"],
      new Set(["deepseek-v3", "deepseek-r1"]),
      listing,
    );
    expect(found).toEqual({
      outcome: "successor",
      evidence: { from: "deepseek-v3", to: "deepseek-v3-0324", rule: "suffix_added", listing },
    });
  });

  it("proposes nothing while the old id is still listed", () => {
    const found = findSuccessor("deepseek-v3", ["deepseek-v3", "deepseek-v3-0324"], new Set(), listing);
    expect(found).toMatchObject({ outcome: "none", reason: "deepseek-v3 is still listed by the provider" });
  });

  it("two candidates are ambiguous, and says which", () => {
    const found = findSuccessor("gpt-4o", ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"], new Set(), listing);
    expect(found).toMatchObject({
      outcome: "ambiguous",
      candidates: ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"],
    });
  });

  it("a successor already measured, or one that is not benchmarkable, is no rename", () => {
    const taken = findSuccessor("deepseek-v3", ["deepseek-v3-0324"], new Set(["deepseek-v3-0324"]), listing);
    expect(taken).toMatchObject({ outcome: "none", reason: expect.stringMatching(/already in the catalog/) });
    const none = findSuccessor("text-embedding-3", ["text-embedding-3-0324"], new Set(), listing);
    expect(none.outcome).toBe("none");
    const unrelated = findSuccessor("deepseek-v3", ["qwen-2.5-72b"], new Set(), listing);
    expect(unrelated).toMatchObject({ outcome: "none", candidates: [] });
  });
});
