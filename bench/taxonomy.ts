/**
 * How well the error taxonomy generalises (issue 17 item 11): class accuracy, kind accuracy, hard
 * recall and hard precision of `classifyError` on the labelled real provider messages in
 * test/fixtures/taxonomy/provider-errors*.json (in batches), for the split the rules were written
 * from (train) and the split they were not (heldout), per batch and together. Floors: class 0.95,
 * kind 0.90, hard recall 0.90, hard precision 0.99 on heldout.
 *
 *   npm run taxonomy:score [-- --json] [-- --misses] [-- --probes] [-- --train-only]
 *
 * `--misses` lists the train split's misclassified messages, never the held-out ones: reading
 * those to write rules would spend the split (with `--probes`, also the probes' false hard verdicts). `--probes` scores the train split's paraphrase
 * probes (src/taxonomy/probes.ts: first sentence, inner message, status removed, …) with the
 * abstentions (`unknown` for a labelled kind) each leaves, per probe. `--train-only` leaves out every
 * held-out row, so rules can be checked on train and its probes without scoring the held-out split
 * (each scoring of it is counted in the round's report). No database is needed.
 */
import { CATALOG_PROVIDERS } from "../src/catalog/readers/registry.js";
import { table } from "../src/cli/output.js";
import { classOf } from "../src/taxonomy/kinds.js";
import { probeVariants } from "../src/taxonomy/probes.js";
import {
  crossValidateLexicon,
  scoreCorpus,
  type LabelledMessage,
  type Scores,
} from "../src/taxonomy/score.js";
import { batchOf, CORPUS_BATCHES, loadAllBatches, splitOfCorpus } from "../test/unit/taxonomy/corpus.js";
import { benchArgs } from "./support.js";

const { json, flag } = benchArgs();

function figures(split: string, s: Scores): Record<string, string | number | null> {
  return {
    split,
    messages: s.count,
    class_accuracy: round(s.classAccuracy),
    kind_accuracy: round(s.kindAccuracy),
    hard_recall: round(s.hardRecall),
    hard_precision: round(s.hardPrecision),
    hard_labelled: s.hardLabelled,
    hard_predicted: s.hardPredicted,
    abstained: s.misses.filter((m) => m.got === "unknown").length,
  };
}

/**
 * A ratio to three decimals, or null when it has no denominator: the hard recall of a split with
 * no hard-labelled message is NaN in `Scores`, and printed "NaN" read as a broken score.
 */
function round(n: number): number | null {
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null;
}

// The providers the product measures (its catalog sources), and Gemini's own API beside Vertex.
const PRODUCT_PROVIDERS = new Set<string>([...CATALOG_PROVIDERS, "gemini"]);

const corpus = loadAllBatches();

/** The lexicon's cross-validation on train: five folds, and each batch read by the others' words. */
function lexiconValidation() {
  const trainSplit = splitOfCorpus(corpus, "train");
  return {
    "five folds": crossValidateLexicon(trainSplit),
    "each batch read by the others' words": crossValidateLexicon(trainSplit, (c) => c.batch),
  };
}
const train = scoreCorpus(splitOfCorpus(corpus, "train"));
const heldout = splitOfCorpus(corpus, "heldout");
const sets: Array<[string, readonly LabelledMessage[]]> = [
  ...CORPUS_BATCHES.map(({ batch }): [string, LabelledMessage[]] => [
    `heldout (batch ${batch})`,
    batchOf(heldout, batch),
  ]),
  // Everything collected after batch 1, which the previous round's rules never saw.
  ["heldout (batches 2+)", heldout.filter((c) => c.batch > 1)],
  ["heldout (all)", heldout],
  // The product's providers and everything else, over all batches.
  ["heldout (product providers)", heldout.filter((c) => PRODUCT_PROVIDERS.has(c.provider))],
  ["heldout (other providers)", heldout.filter((c) => !PRODUCT_PROVIDERS.has(c.provider))],
  ["all", corpus],
];
const probeSets: Array<[string, readonly LabelledMessage[]]> = flag("probes")
  ? probeVariants(splitOfCorpus(corpus, "train")).map(([name, set]) => [`train probe: ${name}`, set])
  : [];
const scored = flag("train-only") ? probeSets : [...sets, ...probeSets];
const rows = [figures("train", train), ...scored.map(([name, set]) => figures(name, scoreCorpus(set)))];

if (json) {
  const { "five folds": lexicon_cv, "each batch read by the others' words": lexicon_by_batch } =
    lexiconValidation();
  process.stdout.write(
    JSON.stringify({ corpus: corpus.length, splits: rows, lexicon_cv, lexicon_by_batch }) + "\n",
  );
} else {
  const fixed = rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        v === null ? "-" : typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : v,
      ]),
    ),
  );
  process.stdout.write(table(fixed) + "\n");
  for (const [name, v] of Object.entries(lexiconValidation())) {
    process.stdout.write(
      `\nThe lexicon alone (src/taxonomy/lexicon.ts) on the train split, as if no rule had decided, ${name}: ` +
        `answered ${v.answered} of ${v.messages}, kind precision ${v.kindPrecision.toFixed(3)}, ` +
        `class precision ${v.classPrecision.toFixed(3)}`,
    );
  }
  process.stdout.write("\n");
  if (flag("misses")) {
    const misses = train.misses.map((m) => ({
      provider: m.provider,
      expected: m.expected,
      got: m.got,
      message: m.message.replace(/\s+/g, " ").slice(0, 100),
    }));
    process.stdout.write(`\nTrain misses (${misses.length}):\n${table(misses)}\n`);
    // With --probes, the probes' false hard verdicts (the precision risk on text cut or unwrapped).
    const falseHard = probeSets.flatMap(([name, set]) =>
      scoreCorpus(set)
        .misses.filter((m) => classOf(m.got) === "hard" && classOf(m.expected) !== "hard")
        .map((m) => ({
          probe: name,
          expected: m.expected,
          got: m.got,
          message: m.message.replace(/\s+/g, " ").slice(0, 100),
        })),
    );
    if (probeSets.length > 0)
      process.stdout.write(
        `\nFalse hard verdicts on the train probes (${falseHard.length}):\n${table(falseHard)}\n`,
      );
  }
}
