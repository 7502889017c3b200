/**
 * Each corpus batch scored by the classifier as it stood before the batch was added: the honest
 * "wording it has never seen" figure of every collection round (issue 17 item 11), re-runnable from
 * the repository instead of quoted from a round's note.
 *
 *   npm run taxonomy:before [-- 45 50 53] [-- --from 37] [-- --json]
 *
 * For each batch N with its own file, it finds the commit that added
 * test/fixtures/taxonomy/provider-errors-N.json (its rules land in the same commit), extracts `src/`
 * of that commit's parent with `git archive` into .tmp/taxonomy-before/<commit>/ (inside the
 * repository, so the old code resolves this checkout's node_modules), imports that classifier and
 * scores batch N's train and held-out parts with today's labels and today's split. The train rows are
 * what a round may read; the held-out rows are the "scored before its rules" column of the fixture
 * README. Figures only; no message text is printed. Needs the git history (a clone, not an export).
 *
 * `basis` counts, on train, which part of the old classifier answered: its rules, its lexicon, or
 * neither (`unknown`), and how many of each were of the right class. Batches added in one commit
 * share one "before". Batch 1 (provider-errors.json) has none and is left out.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { table } from "../src/cli/output.js";
import type { ErrorKind } from "../src/taxonomy/kinds.js";
import { scoreCorpus, type Classifier, type Scores } from "../src/taxonomy/score.js";
import type { ErrorInput } from "../src/taxonomy/classify.js";
import { batchOf, CORPUS_BATCHES, loadAllBatches, splitOfCorpus } from "../test/unit/taxonomy/corpus.js";
import { benchArgs } from "./support.js";

const { json, log, int } = benchArgs({ quietWithJson: true });

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CACHE = join(ROOT, ".tmp", "taxonomy-before");

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The commit that added a batch's file (the oldest, should a file have been re-added). */
function addedBy(path: string): string | undefined {
  const commits = git("log", "--diff-filter=A", "--format=%H", "--", path).split("\n").filter(Boolean);
  return commits.at(-1);
}

interface OldClassifier {
  classifyError: Classifier;
  ruleKind?: (input: ErrorInput) => ErrorKind;
}

/** The classifier of `commit`, from `src/` extracted once into the cache. */
async function classifierAt(commit: string): Promise<OldClassifier> {
  const dir = join(CACHE, commit);
  if (!existsSync(join(dir, "src", "taxonomy", "classify.ts"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync("git", ["archive", "--format=tar", commit, "src"], {
      cwd: ROOT,
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
  }
  return (await import(pathToFileURL(join(dir, "src", "taxonomy", "classify.ts")).href)) as OldClassifier;
}

/** A ratio to three decimals, or null without a denominator (a batch with no hard message). */
function round(n: number): number | null {
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null;
}

interface Row {
  batch: number;
  before: string;
  train: number;
  train_class: number | null;
  train_kind: number | null;
  train_false_hard: number;
  heldout: number;
  heldout_class: number | null;
  heldout_kind: number | null;
  heldout_hard: number;
  heldout_hard_recall: number | null;
  heldout_hard_precision: number | null;
  heldout_false_hard: number;
}

function falseHard(s: Scores): number {
  return s.hardPredicted - Math.round(s.hardPrecision * s.hardPredicted || 0);
}

const argv = process.argv.slice(2);
const from = int("from", 2);
const named = argv.filter((a, i) => /^\d+$/.test(a) && argv[i - 1] !== "--from").map(Number);
const corpus = loadAllBatches();
const wanted = CORPUS_BATCHES.filter(
  ({ batch }) => batch >= 2 && (named.length ? named.includes(batch) : batch >= from),
);

const rows: Row[] = [];
const basis = { rules: { n: 0, right: 0 }, lexicon: { n: 0, right: 0 }, none: { n: 0, right: 0 } };
const train = { n: 0, classRight: 0, hard: 0, hardFound: 0, hardPredicted: 0, falseHard: 0 };
const heldout = { n: 0, classRight: 0, kindRight: 0, hard: 0, hardFound: 0, hardPredicted: 0, falseHard: 0 };
for (const { batch, path } of wanted) {
  const relative = fileURLToPath(path).slice(ROOT.length);
  const commit = addedBy(relative);
  if (!commit) {
    log(`batch ${batch}: ${relative} is not in the git history; skipped`);
    continue;
  }
  const parent = git("rev-parse", `${commit}^`);
  log(`batch ${batch}: classifier of ${parent.slice(0, 7)}`);
  const old = await classifierAt(parent);
  const rowsOf = batchOf(corpus, batch);
  const t = scoreCorpus(splitOfCorpus(rowsOf, "train"), old.classifyError);
  const h = scoreCorpus(splitOfCorpus(rowsOf, "heldout"), old.classifyError);
  for (const m of splitOfCorpus(rowsOf, "train")) {
    const input: ErrorInput = {
      provider: m.provider,
      message: m.message,
      ...(m.httpStatus !== undefined ? { httpStatus: m.httpStatus } : {}),
      ...(m.exceptionType !== undefined ? { exceptionType: m.exceptionType } : {}),
    };
    const got = old.classifyError(input);
    // Before the lexicon (and the `ruleKind` export that came with it), the rules were all there was.
    const byRules = old.ruleKind ? old.ruleKind(input) : got.kind;
    const by = byRules !== "unknown" ? "rules" : got.kind !== "unknown" ? "lexicon" : "none";
    basis[by].n++;
    if (got.class === m.class) basis[by].right++;
    train.n++;
    if (got.class === m.class) train.classRight++;
  }
  train.hard += t.hardLabelled;
  train.hardFound += t.hardLabelled ? Math.round(t.hardRecall * t.hardLabelled) : 0;
  train.hardPredicted += t.hardPredicted;
  train.falseHard += falseHard(t);
  heldout.n += h.count;
  heldout.classRight += Math.round(h.classAccuracy * h.count);
  heldout.kindRight += Math.round(h.kindAccuracy * h.count);
  heldout.hard += h.hardLabelled;
  heldout.hardFound += h.hardLabelled ? Math.round(h.hardRecall * h.hardLabelled) : 0;
  heldout.hardPredicted += h.hardPredicted;
  heldout.falseHard += falseHard(h);
  rows.push({
    batch,
    before: parent.slice(0, 7),
    train: t.count,
    train_class: round(t.classAccuracy),
    train_kind: round(t.kindAccuracy),
    train_false_hard: falseHard(t),
    heldout: h.count,
    heldout_class: round(h.classAccuracy),
    heldout_kind: round(h.kindAccuracy),
    heldout_hard: h.hardLabelled,
    heldout_hard_recall: round(h.hardRecall),
    heldout_hard_precision: round(h.hardPrecision),
    heldout_false_hard: falseHard(h),
  });
}

const summary = {
  batches: rows.map((r) => r.batch),
  train_messages: train.n,
  train_class_right: train.classRight,
  train_hard: train.hard,
  train_hard_found: train.hardFound,
  train_hard_predicted: train.hardPredicted,
  train_false_hard: train.falseHard,
  train_basis: basis,
  heldout_messages: heldout.n,
  heldout_class_right: heldout.classRight,
  heldout_kind_right: heldout.kindRight,
  heldout_hard: heldout.hard,
  heldout_hard_found: heldout.hardFound,
  heldout_hard_predicted: heldout.hardPredicted,
  heldout_false_hard: heldout.falseHard,
};
if (json) {
  process.stdout.write(JSON.stringify({ batches: rows, summary }) + "\n");
} else {
  process.stdout.write(
    "Each batch scored by the classifier of the commit before the batch was added (today's labels and split)\n",
  );
  const printed = rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        v === null ? "-" : typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : v,
      ]),
    ),
  );
  process.stdout.write(table(printed) + "\n\n");
  process.stdout.write(
    `Train parts together: ${train.n} messages, class right ${train.classRight}; answered by rules ` +
      `${basis.rules.n} (${basis.rules.right} right), lexicon ${basis.lexicon.n} (${basis.lexicon.right}), ` +
      `nothing ${basis.none.n} (${basis.none.right}); hard recall ${train.hardFound} of ${train.hard}, false hard ` +
      `verdicts ${train.falseHard} of ${train.hardPredicted}\n`,
  );
  const share = (a: number, b: number): string => (b ? (a / b).toFixed(3) : "-");
  process.stdout.write(
    `Held-out parts together, each before its batch's rules: ${heldout.n} messages, class ` +
      `${share(heldout.classRight, heldout.n)}, kind ${share(heldout.kindRight, heldout.n)}, hard recall ` +
      `${heldout.hardFound} of ${heldout.hard}, false hard verdicts ${heldout.falseHard} of ${heldout.hardPredicted}\n`,
  );
}
