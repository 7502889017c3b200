/**
 * The labelled corpus of real provider error messages: collected from public bug reports, provider
 * documentation and SDK sources, each with its source, the kind and class our taxonomy gives it,
 * and its split. In batches, each its own file: batch 1 (test/fixtures/taxonomy/provider-errors.json),
 * batch 2 (provider-errors-2.json), batch 3 (provider-errors-3.json), batch 4 (provider-errors-4.json,
 * aimed at the families an independent held-out corpus found missing) and batch 5 (provider-errors-5.json,
 * collected after batch 4's rules, for the thin providers) and batch 6 (provider-errors-6.json, collected
 * after the word families, for providers the corpus had least of) and batch 7 (provider-errors-7.json,
 * collected after batch 6's rules, near-duplicates of earlier batches dropped) and batch 8
 * (provider-errors-8.json, from the product providers' own SDK and API trackers and docs, thin providers
 * and the independent corpus's missing families first) and batch 9 (provider-errors-9.json, from gateway
 * and agent trackers quoting product providers' raw errors; batches 8 and 9 were collected at the same
 * time, and the messages both found were dropped from batch 8) and batch 10 (provider-errors-10.json, from
 * trackers of the ecosystems outside the product's ten: xAI, Hugging Face, Ollama, LM Studio, vLLM, Cohere,
 * Mistral, DeepSeek, Azure, watsonx, llama.cpp and other OpenAI-compatible servers) and batch 11
 * (provider-errors-11.json, from third-party trackers quoting OpenRouter's wrapped upstream errors, xAI,
 * Vertex/Gemini google.rpc errors, Hugging Face, watsonx, Copilot and gateways, aimed at the classes the
 * held-out split abstained on) and batch 12 (provider-errors-12.json, from third-party trackers of agents,
 * IDE plugins, notebooks and chat UIs quoting hard wordings: retired, deprecated, decommissioned,
 * end-of-life, not found or no access for an account, region, tier or deployment), each collected later and
 * split by the same hash before any rule was fitted to it. Shared by the generalisation test and `npm run taxonomy:score`.
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
