/**
 * Writes src/taxonomy/lexicon-counts.json: the lexicon's word counts per kind (src/taxonomy/lexicon.ts)
 * over the train split of the labelled corpus (test/fixtures/taxonomy/), never the held-out one.
 * Run after a batch is added or a label changes:
 *
 *   npm run taxonomy:lexicon
 *
 * test/unit/taxonomy/lexicon.test.ts recounts the corpus and fails when the file is stale.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { countLexicon, renderLexiconCounts } from "../src/taxonomy/lexicon.js";
import { loadAllBatches, splitOfCorpus } from "../test/unit/taxonomy/corpus.js";

const out = fileURLToPath(new URL("../src/taxonomy/lexicon-counts.json", import.meta.url));
const counts = countLexicon(splitOfCorpus(loadAllBatches(), "train"));
writeFileSync(out, renderLexiconCounts(counts));
execFileSync("npx", ["prettier", "--write", "--log-level", "warn", out], { stdio: "inherit" });
process.stdout.write(
  `${out}: ${Object.keys(counts.features).length} features from ${Object.values(counts.messages).reduce((a, b) => a + b, 0)} train messages\n`,
);
