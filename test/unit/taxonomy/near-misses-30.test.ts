import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyError } from "../../../src/taxonomy/classify.js";
import { classOf, isErrorKind, type ErrorKind } from "../../../src/taxonomy/kinds.js";

/**
 * Sentences of our own (session 30), written by a helper who saw neither the corpus nor the classifier,
 * only DESIGN section 4 and the label conventions (test/fixtures/taxonomy/near-misses-30.json):
 *
 * - set A: messages that name a model yet are about something else (its rate limit, a parameter it
 *   lacks, its context window, a filter, an object of ours related to it missing, ...). A hard verdict
 *   on one of them could disable a model that works, so none may read hard.
 * - set B: messages that are hard, in less common words (relays' English, terse SDK lines, plans and
 *   regions that keep one model from the account).
 *
 * The helper labelled Azure's "(InsufficientQuota) This operation require 100 new capacity … bigger than
 * the current available capacity 30" billing; the corpus's convention (batch 52) reads a deployment the
 * account cannot create as the model kept from it, so it is in set B as model_unavailable.
 */
interface Sentence {
  set: "A" | "B";
  provider: string;
  httpStatus: number | null;
  message: string;
  kind: ErrorKind;
}

const SENTENCES: Sentence[] = JSON.parse(
  readFileSync(new URL("../../fixtures/taxonomy/near-misses-30.json", import.meta.url), "utf8"),
);
const read = (s: Sentence) =>
  classifyError({ provider: s.provider, message: s.message, httpStatus: s.httpStatus });

/** Where the classifier and the helper differ, each for a reason the corpus's conventions give. */
const DIFFERENT: Record<string, { got: ErrorKind; why: string }> = {
  "403 CachedContent not found (or permission denied)": {
    got: "auth",
    why: "a 403 that says permission denied reads as credentials; the helper read the missing cache (ours)",
  },
  "litellm.APIError: APIError: OpenrouterException - Unable to get json response": {
    got: "output_invalid",
    why: "an answer that is not JSON is output_invalid (by the lexicon); the helper left it unknown",
  },
  "an error was encountered while running the model: unexpected EOF": {
    got: "network",
    why: "an unexpected EOF reads as the connection cut (transient either way); the helper read the runner's failure",
  },
  "Model name is error: deepseek-chat-v3x": {
    got: "bad_request",
    why: "a relay's model name 'is error' under a 400, with no word that it does not exist: no hard verdict",
  },
  "model gpt-4-0314 have been offline now": {
    got: "server_error",
    why: "a 503 vetoes every hard verdict (classify.ts transientStatus)",
  },
  "No available channel for model claude-3-opus-20240229": {
    got: "server_error",
    why: "a 503 vetoes every hard verdict, as for batches 54, 61, 62 and 69's relays",
  },
  "AccessDeniedException: Model access is denied due to IAM user": {
    got: "auth",
    why: "an IAM role without the Marketplace actions is the account's credentials (the README's conflict list)",
  },
  "Gemini 2.5 Pro Preview doesn't have a free quota tier": {
    got: "billing",
    why: "batch 13's label for the same wording (billing), against the free-tier convention",
  },
};
const differentFor = (s: Sentence) =>
  Object.entries(DIFFERENT).find(([start]) => s.message.includes(start))?.[1];

describe("sentences of our own about a model (session 30)", () => {
  it("holds 89 near misses and 41 hard messages, each with a kind", () => {
    expect(SENTENCES.filter((s) => s.set === "A")).toHaveLength(89);
    expect(SENTENCES.filter((s) => s.set === "B")).toHaveLength(41);
    for (const s of SENTENCES) {
      expect(isErrorKind(s.kind), s.kind).toBe(true);
      expect(classOf(s.kind) === "hard", s.message).toBe(s.set === "B");
    }
    // Every exception names a sentence that exists.
    for (const start of Object.keys(DIFFERENT))
      expect(
        SENTENCES.some((s) => s.message.includes(start)),
        start,
      ).toBe(true);
  });

  it.each(SENTENCES.filter((s) => s.set === "A").map((s) => [s.message.slice(0, 80), s] as const))(
    "near miss, never hard: %s",
    (_name, s) => {
      const got = read(s);
      expect(got.class).not.toBe("hard");
      expect(got.kind).toBe(differentFor(s)?.got ?? s.kind);
    },
  );

  it.each(SENTENCES.filter((s) => s.set === "B").map((s) => [s.message.slice(0, 80), s] as const))(
    "hard in less common words: %s",
    (_name, s) => {
      const got = read(s);
      const different = differentFor(s);
      if (different) expect(got.kind).toBe(different.got);
      else expect(got.class).toBe("hard");
    },
  );
});
