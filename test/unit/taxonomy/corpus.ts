/**
 * The labelled corpus of real provider error messages: collected from public bug reports, provider
 * documentation and SDK sources, each with its source, the kind and class our taxonomy gives it,
 * and its split, in batches (what each holds: test/fixtures/taxonomy/README.md), each split by the
 * same hash before any rule was fitted to it. Shared by the generalisation test and
 * `npm run taxonomy:score`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { corpusEntryProblems, type LabelledMessage, type Split } from "../../../src/taxonomy/score.js";

const CORPUS_DIR = new URL("../../fixtures/taxonomy/", import.meta.url);

/** Batch 1's file. */
export const CORPUS_PATH = new URL("provider-errors.json", CORPUS_DIR);

/**
 * Each batch's file, by batch number: provider-errors.json is batch 1, provider-errors-N.json batch N.
 * Read from the directory, so a new batch is one new file (what each batch holds: the comment above).
 */
export const CORPUS_BATCHES: ReadonlyArray<{ batch: number; path: URL }> = readdirSync(CORPUS_DIR)
  .map((name) => ({ name, match: /^provider-errors(?:-(\d+))?\.json$/.exec(name) }))
  .filter(({ match }) => match !== null)
  .map(({ name, match }) => ({ batch: Number(match![1] ?? 1), path: new URL(name, CORPUS_DIR) }))
  .sort((a, b) => a.batch - b.batch);

/** A corpus message with the batch it was collected in. */
export type BatchedMessage = LabelledMessage & { batch: number };

/** Reads one corpus file; throws naming the first malformed entry, so a bad edit fails loudly. */
export function loadCorpus(path: URL = CORPUS_PATH): LabelledMessage[] {
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`${path.pathname}: expected a JSON array`);
  parsed.forEach((entry, i) => {
    const problems = corpusEntryProblems(entry);
    if (problems.length > 0) throw new Error(`${path.pathname} entry ${i}: ${problems.join(", ")}`);
  });
  return parsed as LabelledMessage[];
}

/** Every batch, each message tagged with its batch number. */
export function loadAllBatches(): BatchedMessage[] {
  return CORPUS_BATCHES.flatMap(({ batch, path }) => loadCorpus(path).map((m) => ({ ...m, batch })));
}

export function splitOfCorpus<T extends LabelledMessage>(corpus: readonly T[], split: Split): T[] {
  return corpus.filter((c) => c.split === split);
}

export function batchOf<T extends BatchedMessage>(corpus: readonly T[], batch: number): T[] {
  return corpus.filter((c) => c.batch === batch);
}
