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
import { readFileSync } from "node:fs";
import { corpusEntryProblems, type LabelledMessage, type Split } from "../../../src/taxonomy/score.js";

export const CORPUS_PATH = new URL("../../fixtures/taxonomy/provider-errors.json", import.meta.url);
export const CORPUS_BATCH_2_PATH = new URL("../../fixtures/taxonomy/provider-errors-2.json", import.meta.url);
export const CORPUS_BATCH_3_PATH = new URL("../../fixtures/taxonomy/provider-errors-3.json", import.meta.url);
export const CORPUS_BATCH_4_PATH = new URL("../../fixtures/taxonomy/provider-errors-4.json", import.meta.url);
export const CORPUS_BATCH_5_PATH = new URL("../../fixtures/taxonomy/provider-errors-5.json", import.meta.url);
export const CORPUS_BATCH_6_PATH = new URL("../../fixtures/taxonomy/provider-errors-6.json", import.meta.url);
export const CORPUS_BATCH_7_PATH = new URL("../../fixtures/taxonomy/provider-errors-7.json", import.meta.url);
export const CORPUS_BATCH_8_PATH = new URL("../../fixtures/taxonomy/provider-errors-8.json", import.meta.url);
/** Batch 9: gateway and agent trackers quoting product providers' raw errors (collected beside batch 8). */
export const CORPUS_BATCH_9_PATH = new URL("../../fixtures/taxonomy/provider-errors-9.json", import.meta.url);
/** Batch 10: third-party trackers of providers and servers outside the product's ten (the weak batch 6's kind). */
export const CORPUS_BATCH_10_PATH = new URL(
  "../../fixtures/taxonomy/provider-errors-10.json",
  import.meta.url,
);

/** Batch 11: OpenRouter, xAI, Vertex/Gemini, Copilot, Hugging Face and gateway trackers (abstained classes). */
export const CORPUS_BATCH_11_PATH = new URL(
  "../../fixtures/taxonomy/provider-errors-11.json",
  import.meta.url,
);

/** Batch 12: agent, IDE, notebook and chat-UI trackers quoting hard kinds in other words. */
export const CORPUS_BATCH_12_PATH = new URL(
  "../../fixtures/taxonomy/provider-errors-12.json",
  import.meta.url,
);

/** Each batch's file, by batch number. */
export const CORPUS_BATCHES: ReadonlyArray<{ batch: number; path: URL }> = [
  { batch: 1, path: CORPUS_PATH },
  { batch: 2, path: CORPUS_BATCH_2_PATH },
  { batch: 3, path: CORPUS_BATCH_3_PATH },
  { batch: 4, path: CORPUS_BATCH_4_PATH },
  { batch: 5, path: CORPUS_BATCH_5_PATH },
  { batch: 6, path: CORPUS_BATCH_6_PATH },
  { batch: 7, path: CORPUS_BATCH_7_PATH },
  { batch: 8, path: CORPUS_BATCH_8_PATH },
  { batch: 9, path: CORPUS_BATCH_9_PATH },
  { batch: 10, path: CORPUS_BATCH_10_PATH },
  { batch: 11, path: CORPUS_BATCH_11_PATH },
  { batch: 12, path: CORPUS_BATCH_12_PATH },
];

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
