import { describe, expect, it } from "vitest";
import { classifyError, describeError, type ErrorInput } from "../../../src/taxonomy/classify.js";
import { ERROR_KINDS, isErrorKind } from "../../../src/taxonomy/kinds.js";
import { MESSAGES } from "./messages.js";

/** mulberry32: a tiny seeded PRNG so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  ...MESSAGES.map((m) => m.message),
  "model",
  "models/",
  "`",
  "'",
  '"',
  "Error code: ",
  "status: ",
  "\u0000",
  "\uD800",
  "\uFFFD",
  "\n",
  "(((((",
  "[[[[",
  "\\",
  "$&",
  "not found",
  "429",
  "404",
  "999",
];

function randomString(next: () => number, maxLen: number): string {
  const len = Math.floor(next() * maxLen);
  let s = "";
  while (s.length < len) {
    const r = next();
    if (r < 0.4)
      s += String.fromCharCode(Math.floor(next() * 0x10000)); // any UTF-16 unit, lone surrogates included
    else if (r < 0.6)
      s += String.fromCharCode(Math.floor(next() * 32)); // control characters
    else s += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!;
  }
  return s;
}

function expectValid(input: ErrorInput): void {
  const got = classifyError(input);
  expect(isErrorKind(got.kind)).toBe(true);
  expect(got.class).toBe(ERROR_KINDS[got.kind]);
  const d = describeError(input);
  expect(d.kind).toBe(got.kind);
  expect(d.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  expect(d.normalized_message.length).toBeLessThanOrEqual(500);
}

describe("classifyError is total", () => {
  it("never throws on random, binary-ish and spliced real messages, and returns a valid pair", () => {
    const next = rng(20260101);
    const statuses = [undefined, null, 0, 200, 404, 429, 503, 529, 999, -1, 1.5, NaN];
    for (let i = 0; i < 1500; i++) {
      expectValid({
        provider: randomString(next, 12),
        message: randomString(next, 600),
        httpStatus: statuses[Math.floor(next() * statuses.length)],
        exceptionType: next() < 0.5 ? randomString(next, 40) : null,
        model: next() < 0.5 ? randomString(next, 40) : null,
      });
    }
  });

  // No clock here (the suite asserts no timings): a rule that backtracked without bound on these
  // would hold this test past its timeout; `npm run taxonomy:score` times these inputs.
  it("handles huge inputs", () => {
    const huge = [
      "a".repeat(2_000_000),
      "model ".repeat(300_000),
      "Error code: 404 - " + "{".repeat(500_000),
      "0123456789abcdef".repeat(100_000),
      "model `" + "x".repeat(1_000_000) + "` does not exist",
    ];
    for (const message of huge) expectValid({ provider: "p", message, model: "x".repeat(10_000) });
  });

  it("returns unknown for values that are not strings at runtime", () => {
    const garbage = [undefined, null, 42, {}, [], Symbol("s")];
    for (const message of garbage) {
      const input = { provider: "p", message } as unknown as ErrorInput;
      expect(classifyError(input)).toEqual({ kind: "unknown", class: "unknown" });
    }
  });

  it("treats regex metacharacters in the model id literally", () => {
    for (const model of ["(.*)", "[a-z]+", "a|b", "\\", "$1", "gpt-4o?", "*"]) {
      expectValid({ provider: "p", message: `The model \`${model}\` does not exist`, model });
    }
  });
});
