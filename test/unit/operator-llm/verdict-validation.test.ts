import { describe, expect, it } from "vitest";
import { OPERATOR_ACTIONS } from "../../../src/operator/types.js";
import {
  MAX_REASONING_CHARS,
  validateVerdicts,
  verdictJsonSchema,
} from "../../../src/operator/verdict-validation.js";

const IDS = ["sit_a", "sit_b", "sit_c"];

function verdict(id: string, action = "monitor", confidence: unknown = 0.7, reasoning = "because"): object {
  return { situation_id: id, reasoning, action, confidence };
}

const good = JSON.stringify({
  verdicts: [verdict("sit_a", "disable", 0.92), verdict("sit_b"), verdict("sit_c", "ignore", 0.5)],
});

describe("validateVerdicts", () => {
  it("accepts a well-formed answer with no problems", () => {
    const result = validateVerdicts(good, IDS);
    expect(result.problems).toEqual([]);
    expect(result.verdicts).toEqual([
      { situationId: "sit_a", action: "disable", confidence: 0.92, reasoning: "because" },
      { situationId: "sit_b", action: "monitor", confidence: 0.7, reasoning: "because" },
      { situationId: "sit_c", action: "ignore", confidence: 0.5, reasoning: "because" },
    ]);
  });

  it("finds the JSON inside prose and markdown fences", () => {
    const text = `Here is my assessment {as requested}:\n\n\`\`\`json\n${good}\n\`\`\`\nLet me know [if] you need more.`;
    const result = validateVerdicts(text, IDS);
    expect(result.verdicts.map((v) => v.situationId)).toEqual(IDS);
    expect(result.problems).toEqual([]);
  });

  it("keeps the complete verdicts of a truncated answer and reports the rest", () => {
    const text = good.slice(0, good.indexOf("sit_c") + 12); // cut inside the third verdict
    const result = validateVerdicts(text, IDS);
    expect(result.verdicts.map((v) => v.situationId)).toEqual(["sit_a", "sit_b"]);
    expect(result.problems).toContain(
      "answer is not one valid JSON document (truncated?); 2 complete verdict objects salvaged",
    );
    expect(result.problems).toContain(
      "situation sit_c: no usable verdict, the deterministic suggestion applies",
    );
  });

  it("ignores unknown ids and reports them; missing ids are reported", () => {
    const text = JSON.stringify({
      verdicts: [verdict("sit_a"), verdict("sit_zzz", "disable", 1), verdict("*")],
    });
    const result = validateVerdicts(text, IDS);
    expect(result.verdicts.map((v) => v.situationId)).toEqual(["sit_a"]);
    expect(result.problems).toEqual([
      'item 1: unknown situation id "sit_zzz", ignored',
      'item 2: unknown situation id "*", ignored',
      "situation sit_b: no usable verdict, the deterministic suggestion applies",
      "situation sit_c: no usable verdict, the deterministic suggestion applies",
    ]);
  });

  it("keeps the first of agreeing duplicates and rejects contradictory ones", () => {
    const text = JSON.stringify({
      verdicts: [
        verdict("sit_a", "monitor", 0.6, "first"),
        verdict("sit_a", "monitor", 0.9, "second"),
        verdict("sit_b", "disable", 0.95),
        verdict("sit_b", "monitor", 0.6),
        verdict("sit_c"),
      ],
    });
    const result = validateVerdicts(text, IDS);
    expect(result.verdicts).toEqual([
      { situationId: "sit_a", action: "monitor", confidence: 0.6, reasoning: "first" },
      { situationId: "sit_c", action: "monitor", confidence: 0.7, reasoning: "because" },
    ]);
    expect(result.problems).toContain("situation sit_a: 2 agreeing verdicts, the first kept");
    expect(result.problems).toContain(
      "situation sit_b: contradictory verdicts (disable, monitor), all rejected",
    );
    expect(result.problems).toContain(
      "situation sit_b: no usable verdict, the deterministic suggestion applies",
    );
  });

  it("rejects unknown actions but forgives case and spaces", () => {
    const text = JSON.stringify({
      verdicts: [
        verdict("sit_a", " Disable "),
        verdict("sit_b", "disable_all"),
        verdict("sit_c", "disabled"),
      ],
    });
    const result = validateVerdicts(text, IDS);
    expect(result.verdicts).toEqual([
      { situationId: "sit_a", action: "disable", confidence: 0.7, reasoning: "because" },
    ]);
    expect(result.problems).toContain('situation sit_b: unknown action "disable_all", verdict rejected');
    expect(result.problems).toContain('situation sit_c: unknown action "disabled", verdict rejected');
  });

  it.each([
    [1.5, "1.5"],
    [-0.1, "-0.1"],
    [85, "85"],
    ["0.9", '"0.9"'],
    [null, "null"],
    [undefined, "(missing)"],
  ])("rejects confidence %s instead of clamping it", (confidence, shown) => {
    const item = { situation_id: "sit_a", reasoning: "r", action: "disable", confidence };
    const text = JSON.stringify({ verdicts: [item] });
    const result = validateVerdicts(text, ["sit_a"]);
    expect(result.verdicts).toEqual([]);
    expect(result.problems[0]).toBe(
      `situation sit_a: confidence ${shown} is not a number in [0, 1], verdict rejected`,
    );
  });

  it("accepts the bounds 0 and 1", () => {
    const text = JSON.stringify([verdict("sit_a", "ignore", 0), verdict("sit_b", "disable", 1)]);
    expect(validateVerdicts(text, ["sit_a", "sit_b"]).verdicts.map((v) => v.confidence)).toEqual([0, 1]);
  });

  it("reports an empty answer and prose without JSON", () => {
    expect(validateVerdicts("", IDS).problems[0]).toBe("empty answer");
    expect(validateVerdicts("   \n", IDS).verdicts).toEqual([]);
    const prose = validateVerdicts("I cannot help with that [policy] {sorry}.", IDS);
    expect(prose.verdicts).toEqual([]);
    expect(prose.problems[0]).toBe("answer contains no usable JSON");
  });

  it("accepts the other shapes models produce", () => {
    const array = JSON.stringify([verdict("sit_a")]);
    const single = JSON.stringify(verdict("sit_a"));
    const keyed = JSON.stringify({ sit_a: { action: "monitor", confidence: 0.7, reasoning: "because" } });
    const renamed = JSON.stringify({ results: [verdict("sit_a")] });
    const stringified = JSON.stringify({ verdicts: JSON.stringify([verdict("sit_a")]) });
    for (const text of [array, single, keyed, renamed, stringified]) {
      expect(validateVerdicts(text, ["sit_a"]).verdicts, text).toEqual([
        { situationId: "sit_a", action: "monitor", confidence: 0.7, reasoning: "because" },
      ]);
    }
  });

  it("flattens and truncates reasoning, and fills in a missing one", () => {
    const long = `line one\nline two\t${"x".repeat(1000)}`;
    const text = JSON.stringify([
      verdict("sit_a", "monitor", 0.7, long),
      { situation_id: "sit_b", action: "ignore", confidence: 0.5 },
    ]);
    const [first, second] = validateVerdicts(text, ["sit_a", "sit_b"]).verdicts;
    expect(first?.reasoning.startsWith("line one line two xxx")).toBe(true);
    expect(first?.reasoning.length).toBe(MAX_REASONING_CHARS);
    expect(second?.reasoning).toBe("(the model gave no reasoning)");
  });

  it("keeps the problem list short when an answer is huge garbage", () => {
    const text = JSON.stringify({ verdicts: Array.from({ length: 500 }, (_, i) => verdict(`bogus_${i}`)) });
    const result = validateVerdicts(text, IDS);
    expect(result.problems.length).toBe(41);
    expect(result.problems.at(-1)).toBe("and 463 more problems");
  });

  it("never throws on arbitrary text", () => {
    // A fixed pseudo-random generator: reproducible fuzzing over JSON-like characters.
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      "{",
      "}",
      "[",
      "]",
      '"',
      "\\",
      ":",
      ",",
      "sit_a",
      "verdicts",
      "situation_id",
      "0.5",
      " ",
      "\n",
      "```",
    ];
    for (let i = 0; i < 300; i++) {
      const text = Array.from(
        { length: Math.floor(next() * 60) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join("");
      expect(() => validateVerdicts(text, IDS)).not.toThrow();
    }
  });
});

describe("verdictJsonSchema", () => {
  it("is strict-mode shaped: closed objects, every property required, ids and actions enumerated", () => {
    const schema = verdictJsonSchema(IDS);
    expect(schema).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: ["verdicts"],
      properties: {
        verdicts: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["situation_id", "reasoning", "action", "confidence"],
            properties: {
              situation_id: { type: "string", enum: IDS },
              action: { type: "string", enum: [...OPERATOR_ACTIONS] },
              confidence: { type: "number" },
              reasoning: { type: "string" },
            },
          },
        },
      },
    });
  });
});
