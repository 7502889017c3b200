import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { countTokens as reference } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { measure, newRecording, record } from "../../../src/benchmark/metrics.js";
import { countTokens as operatorCount } from "../../../src/providers/llm/count-tokens.js";
import { countTokens, tokenizerLoads, warmTokenizer } from "../../../src/providers/tokenizer.js";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("the one lazy tokenizer", () => {
  it("loads nothing at import, then loads the encoder once for the measurement core and the operator", () => {
    // Importing the core's metrics and the operator's counter above did not load it.
    expect(tokenizerLoads()).toBe(0);

    const rec = newRecording(0);
    record(rec, { type: "text", text: "Hello there, world.", at: 100 });
    record(rec, { type: "finish", reason: "stop" });
    // No provider usage: the core counts the answer itself.
    expect(measure(rec, 200)).toMatchObject({ output_tokens: reference("Hello there, world.") });
    expect(operatorCount("a prompt for the operator")).toBe(reference("a prompt for the operator"));
    warmTokenizer();
    expect(tokenizerLoads()).toBe(1);
  });

  it("counts special-token strings in provider text as ordinary text instead of throwing", () => {
    const text = "the model said <|endoftext|> and stopped";
    expect(countTokens(text)).toBe(reference(text, { disallowedSpecial: new Set() }));
    expect(() => reference(text)).toThrow(/special token/i);
    expect(countTokens("")).toBe(0);
  });

  it("is the only module in src that names gpt-tokenizer", () => {
    const naming = sourceFiles("src").filter((f) => readFileSync(f, "utf8").includes("gpt-tokenizer/"));
    expect(naming).toEqual([join("src", "providers", "tokenizer.ts")]);
  });
});
