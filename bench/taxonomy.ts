/**
 * How well the error taxonomy generalises (issue 17 item 11): class accuracy, kind accuracy, hard
 * recall and hard precision of `classifyError` on the labelled real provider messages in
 * test/fixtures/taxonomy/provider-errors*.json (in batches), for the split the rules were written
 * from (train) and the split they were not (heldout), per batch and together. Floors: class 0.95,
 * kind 0.90, hard recall 0.90, hard precision 0.99 on heldout.
 *
 *   npm run taxonomy:score [-- --json] [-- --misses] [-- --probes] [-- --train-only] [-- --agreement]
 *                          [-- --blind-reading]
 *
 * `--misses` lists the train split's misclassified messages, never the held-out ones: reading
 * those to write rules would spend the split (with `--probes`, also the probes' false hard verdicts). `--probes` scores the train split's paraphrase
 * probes (src/taxonomy/probes.ts: first sentence, inner message, status removed, …, and pairs of
 * them such as "prefix dropped + first sentence") with the abstentions (`unknown` for a labelled kind)
 * each leaves, per probe. `--train-only` leaves out every
 * held-out row, so rules can be checked on train and its probes without scoring the held-out split
 * (each scoring of it is counted in the round's report). No database is needed.
 *
 * `--agreement` compares the corpus's labels with a blind second annotation of 600 train messages
 * (test/fixtures/taxonomy/second-annotation.json, by message hash: a second annotator who saw neither
 * the labels nor the classifier labelled them from DESIGN section 4 and the README's conventions), and
 * the classifier with each: how far the labels themselves agree bounds what any classifier can score.
 *
 * `--blind-reading` scores a blind reading of the held-out messages of batches 49 to 71
 * (test/fixtures/taxonomy/blind-reading.json, by message hash: an LLM annotator who saw neither the labels
 * nor the classifier, and whose reading the rule writer never saw) against the corpus's labels, beside the
 * classifier, and the two together as the product reads an error: the classifier first, a reader of
 * meaning for what it leaves unknown (the fingerprint-classification job's LLM, whose reading is shown with
 * the signals but never counts as evidence for a disable). Figures only; no text is printed.
 *
 * It also times the classifier (`speed`): the whole corpus once, and hostile inputs (megabytes of one
 * character, of a repeated word, of open braces) that a rule backtracking without bound would stall
 * on; the tests assert no timings, so this is where a slow rule shows.
 */
import { CATALOG_PROVIDERS } from "../src/catalog/provider-ids.js";
import { table } from "../src/cli/output.js";
import { classifyError, describeError } from "../src/taxonomy/classify.js";
import { classOf, type ErrorKind } from "../src/taxonomy/kinds.js";
import { probeVariants } from "../src/taxonomy/probes.js";
import {
  crossValidateLexicon,
  scoreCorpus,
  type LabelledMessage,
  type Scores,
} from "../src/taxonomy/score.js";
import {
  batchOf,
  CORPUS_BATCHES,
  loadAllBatches,
  splitOfCorpus,
  type BatchedMessage,
} from "../test/unit/taxonomy/corpus.js";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fixed3, round3 } from "./ratios.js";
import { benchArgs } from "./support.js";

const { json, flag } = benchArgs();

function figures(split: string, s: Scores): Record<string, string | number | null> {
  return {
    split,
    messages: s.count,
    class_accuracy: round3(s.classAccuracy),
    kind_accuracy: round3(s.kindAccuracy),
    hard_recall: round3(s.hardRecall),
    hard_precision: round3(s.hardPrecision),
    hard_labelled: s.hardLabelled,
    hard_predicted: s.hardPredicted,
    abstained: s.misses.filter((m) => m.got === "unknown").length,
  };
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
/** Milliseconds to classify, normalise and fingerprint each input once (what every error writer does). */
function timed(inputs: ReadonlyArray<{ provider: string; message: string; httpStatus?: number }>): number {
  const started = performance.now();
  for (const input of inputs) describeError({ ...input, model: "x".repeat(64) });
  return performance.now() - started;
}

const HOSTILE: Array<[string, string]> = [
  ["2 MB of one letter", "a".repeat(2_000_000)],
  ["300k repeats of 'model '", "model ".repeat(300_000)],
  ["500k open braces after a status", "Error code: 404 - " + "{".repeat(500_000)],
  ["1.6 MB of hex", "0123456789abcdef".repeat(100_000)],
  ["a 1 MB model name in quotes", "model `" + "x".repeat(1_000_000) + "` does not exist"],
  // The prompt-size and another-thing-missing rules scan a bounded window after each subject word, and the
  // lexicon reads the English of each term of another language (session 27).
  ["200k repeats of 'input tokens exceed '", "input tokens exceed ".repeat(200_000)],
  ["300k repeats of 'tool that '", "tool that ".repeat(300_000)],
  ["1.4 MB of one Russian word", "ошибка ".repeat(200_000)],
];

function speed() {
  timed(corpus.slice(0, 50)); // warm the regular expressions and the lexicon
  const corpusMs = timed(corpus);
  return [
    {
      input: `the corpus (${corpus.length} messages)`,
      ms: round3(corpusMs),
      per_message_us: round3((corpusMs * 1000) / corpus.length),
    },
    ...HOSTILE.map(([input, message]) => ({
      input,
      ms: round3(timed([{ provider: "p", message }])),
      per_message_us: null,
    })),
  ];
}

interface SecondLabel {
  batch: number;
  sha256: string;
  kind: ErrorKind;
  confidence: "high" | "low";
}

/** The second annotation beside the corpus's labels and the classifier's verdicts, per confidence. */
function agreement(): Array<Record<string, string | number | null>> {
  const second: SecondLabel[] = JSON.parse(
    readFileSync(new URL("../test/fixtures/taxonomy/second-annotation.json", import.meta.url), "utf8"),
  );
  const byHash = new Map(
    corpus.map((c) => [createHash("sha256").update(c.message, "utf8").digest("hex").slice(0, 16), c]),
  );
  const pairs = second.map((s) => {
    const c = byHash.get(s.sha256);
    if (!c || c.batch !== s.batch)
      throw new Error(`second annotation ${s.sha256}: no such message in batch ${s.batch}`);
    const got = classifyError(c).kind;
    return { first: c.kind, second: s.kind, got, confidence: s.confidence };
  });
  const row = (name: string, set: typeof pairs) => {
    const share = (f: (p: (typeof pairs)[number]) => boolean) => round3(set.filter(f).length / set.length);
    return {
      annotation: name,
      messages: set.length,
      class_agreement: share((p) => classOf(p.first) === classOf(p.second)),
      kind_agreement: share((p) => p.first === p.second),
      classifier_class_vs_corpus: share((p) => classOf(p.got) === classOf(p.first)),
      classifier_class_vs_second: share((p) => classOf(p.got) === classOf(p.second)),
      hard_corpus: set.filter((p) => classOf(p.first) === "hard").length,
      hard_second: set.filter((p) => classOf(p.second) === "hard").length,
      hard_both: set.filter((p) => classOf(p.first) === "hard" && classOf(p.second) === "hard").length,
    };
  };
  return [
    row("all", pairs),
    row(
      "second: high confidence",
      pairs.filter((p) => p.confidence === "high"),
    ),
    row(
      "second: low confidence",
      pairs.filter((p) => p.confidence === "low"),
    ),
  ];
}

/**
 * The blind readings of held-out batches (blind-reading.json: batches 49-53 read in session 24, 54-58 in
 * session 25, 59-65 and 66-71 in session 30, each by an annotator that never saw the labels or the
 * classifier) as a classifier of their own, the classifier followed by the reading where the classifier
 * says unknown, and the reading with hard verdicts kept to the classifier's, each scored against the
 * corpus's labels: per reading and together.
 */
function blindReading(): Array<Record<string, string | number | null>> {
  const read: Array<SecondLabel & { batch: number }> = JSON.parse(
    readFileSync(new URL("../test/fixtures/taxonomy/blind-reading.json", import.meta.url), "utf8"),
  );
  const byHash = new Map(read.map((r) => [r.sha256, r]));
  const hashOf = (message: string) => createHash("sha256").update(message, "utf8").digest("hex").slice(0, 16);
  const all = splitOfCorpus(corpus, "heldout").filter((c) => byHash.has(hashOf(c.message)));
  if (all.length !== read.length) throw new Error("blind-reading.json: a hash matches no held-out message");
  const reader = (input: { message: string }) => {
    const kind = byHash.get(hashOf(input.message))!.kind;
    return { kind, class: classOf(kind) };
  };
  const rows = (range: string, set: readonly BatchedMessage[]) => {
    const confident = (level: string) =>
      set.filter((c) => byHash.get(hashOf(c.message))!.confidence === level);
    const unknownToRules = set.filter((c) => classifyError(c).kind === "unknown");
    return [
      figures(`${range}: classifier (rules, then lexicon)`, scoreCorpus(set)),
      figures(`${range}: blind reader`, scoreCorpus(set, reader)),
      figures(`${range}: blind reader, high confidence`, scoreCorpus(confident("high"), reader)),
      figures(`${range}: blind reader, low confidence`, scoreCorpus(confident("low"), reader)),
      figures(
        `${range}: classifier, then the reader where unknown`,
        scoreCorpus(set, (input) => {
          const first = classifyError(input);
          return first.kind === "unknown" ? reader(input) : first;
        }),
      ),
      figures(
        `${range}: the reader on what the classifier left unknown`,
        scoreCorpus(unknownToRules, reader),
      ),
      // The reader's kind for every message, but a hard verdict only where the classifier gives one too
      // (a hard verdict needs a rule's evidence): what reading every new fingerprint would give.
      figures(
        `${range}: the reader, hard only where the classifier says hard`,
        scoreCorpus(set, (input) => {
          const first = classifyError(input);
          const read = reader(input);
          if (read.class !== "hard" || first.class === "hard") return read;
          return first.kind === "unknown" ? { kind: "unknown", class: "unknown" } : first;
        }),
      ),
    ];
  };
  return [
    ...rows(
      "batches 49-53",
      all.filter((c) => c.batch <= 53),
    ),
    ...rows(
      "batches 54-58",
      all.filter((c) => c.batch >= 54 && c.batch <= 58),
    ),
    ...rows(
      "batches 59-71",
      all.filter((c) => c.batch >= 59),
    ),
    ...rows("batches 49-71", all),
  ];
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
    JSON.stringify({
      corpus: corpus.length,
      splits: rows,
      lexicon_cv,
      lexicon_by_batch,
      speed: speed(),
      ...(flag("agreement") ? { agreement: agreement() } : {}),
      ...(flag("blind-reading") ? { blind_reading: blindReading() } : {}),
    }) + "\n",
  );
} else {
  process.stdout.write(table(fixed3(rows)) + "\n");
  for (const [name, v] of Object.entries(lexiconValidation())) {
    process.stdout.write(
      `\nThe lexicon alone (src/taxonomy/lexicon.ts) on the train split, as if no rule had decided, ${name}: ` +
        `answered ${v.answered} of ${v.messages}, kind precision ${v.kindPrecision.toFixed(3)}, ` +
        `class precision ${v.classPrecision.toFixed(3)}`,
    );
  }
  process.stdout.write("\n\nClassifying (classify, normalise, fingerprint), once each:\n");
  process.stdout.write(table(speed().map((r) => ({ ...r, per_message_us: r.per_message_us ?? "-" }))) + "\n");
  if (flag("agreement"))
    process.stdout.write(
      "\nThe corpus's labels and a blind second annotation of train messages (second-annotation.json):\n" +
        table(fixed3(agreement())) +
        "\n",
    );
  if (flag("blind-reading"))
    process.stdout.write(
      "\nHeld-out batches 49-71: the corpus's labels against the classifier, a blind reader (blind-reading.json), " +
        "the classifier with the reader for what it leaves unknown, and the reader with hard verdicts kept to the classifier's:\n" +
        table(fixed3(blindReading())) +
        "\n",
    );
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
