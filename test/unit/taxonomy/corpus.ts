/**
 * The labelled corpus of real provider error messages (test/fixtures/taxonomy/provider-errors.json):
 * collected from public bug reports, provider documentation and SDK sources, each with its source,
 * the kind and class our taxonomy gives it, and its split. Shared by the generalisation test and
 * `npm run taxonomy:score`.
 */
import { readFileSync } from "node:fs";
import { corpusEntryProblems, type LabelledMessage, type Split } from "../../../src/taxonomy/score.js";

export const CORPUS_PATH = new URL("../../fixtures/taxonomy/provider-errors.json", import.meta.url);

/** Reads the corpus; throws naming the first malformed entry, so a bad edit fails loudly. */
export function loadCorpus(path: URL = CORPUS_PATH): LabelledMessage[] {
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`${path.pathname}: expected a JSON array`);
  parsed.forEach((entry, i) => {
    const problems = corpusEntryProblems(entry);
    if (problems.length > 0) throw new Error(`${path.pathname} entry ${i}: ${problems.join(", ")}`);
  });
  return parsed as LabelledMessage[];
}

export function splitOfCorpus(corpus: readonly LabelledMessage[], split: Split): LabelledMessage[] {
  return corpus.filter((c) => c.split === split);
}
