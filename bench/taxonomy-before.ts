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
 * share one "before". Batch 1 (provider-errors.json) has none and is left out. The held-out false hard
 * verdicts are also read by today's classifier, to count how many the rules written since still give.
 *
 * `unread` is the lexicon (today's settings and features) on the train messages whose batch the old rules
 * had no rule for (old `ruleKind` unknown), each batch read by a lexicon counted from the other batches' train
 * parts: the population a held-out message reaches the lexicon from is new wording no rule was written for,
 * which reads less surely than the corpus as a whole (five-fold over all of train says class precision 0.92;
 * these, 0.82). A change to the lexicon is chosen by this figure and the five-fold one, both train only.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { table } from "../src/cli/output.js";
import type { ErrorKind } from "../src/taxonomy/kinds.js";
import {
  crossValidateLexicon,
  scoreCorpus,
  type Classifier,
  type LabelledMessage,
  type Scores,
} from "../src/taxonomy/score.js";
import { classifyError, type ErrorInput } from "../src/taxonomy/classify.js";
import { batchOf, CORPUS_BATCHES, loadAllBatches, splitOfCorpus } from "../test/unit/taxonomy/corpus.js";
import { fixed3, round3 } from "./ratios.js";
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

/** What a split's scores add to the totals: counts, not ratios. */
interface Counts {
  messages: number;
  class_right: number;
  kind_right: number;
  hard: number;
  hard_found: number;
  hard_predicted: number;
  false_hard: number;
}

function countsOf(s: Scores): Counts {
  const truePositives = Math.round(s.hardPrecision * s.hardPredicted);
  return {
    messages: s.count,
    class_right: Math.round(s.classAccuracy * s.count),
    kind_right: s.count - s.misses.length,
    hard: s.hardLabelled,
    hard_found: s.hardLabelled ? Math.round(s.hardRecall * s.hardLabelled) : 0,
    hard_predicted: s.hardPredicted,
    false_hard: s.hardPredicted - truePositives,
  };
}

function add(total: Counts, c: Counts): void {
  for (const key of Object.keys(total) as Array<keyof Counts>) total[key] += c[key];
}

const zero = (): Counts => ({
  messages: 0,
  class_right: 0,
  kind_right: 0,
  hard: 0,
  hard_found: 0,
  hard_predicted: 0,
  false_hard: 0,
});

const argv = process.argv.slice(2);
const from = int("from", 2);
const named = argv.filter((a, i) => /^\d+$/.test(a) && argv[i - 1] !== "--from").map(Number);
const corpus = loadAllBatches();
const wanted = CORPUS_BATCHES.filter(
  ({ batch }) => batch >= 2 && (named.length ? named.includes(batch) : batch >= from),
);

const rows: Array<Record<string, string | number | null>> = [];
const train = zero();
const heldout = zero();
const basis = { rules: { n: 0, right: 0 }, lexicon: { n: 0, right: 0 }, none: { n: 0, right: 0 } };
/** Train messages the old rules had no rule for. */
const unreadByRules = new Set<LabelledMessage>();
/** Held-out messages the old classifier called hard against their label, and how many the classifier of today still does. */
const heldoutFalseHard = { before: 0, still_now: 0 };
const isFalseHard = (got: { class: string }, m: LabelledMessage): boolean =>
  got.class === "hard" && m.class !== "hard";
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
  const trainPart = splitOfCorpus(batchOf(corpus, batch), "train");
  const heldoutPart = splitOfCorpus(batchOf(corpus, batch), "heldout");
  const t = scoreCorpus(trainPart, old.classifyError);
  const h = scoreCorpus(heldoutPart, old.classifyError);
  add(train, countsOf(t));
  add(heldout, countsOf(h));
  for (const m of trainPart) {
    const got = old.classifyError(m);
    // Before the lexicon (and the `ruleKind` export that came with it), the rules were all there was.
    const byRules = old.ruleKind ? old.ruleKind(m) : got.kind;
    const by = byRules !== "unknown" ? "rules" : got.kind !== "unknown" ? "lexicon" : "none";
    basis[by].n++;
    if (got.class === m.class) basis[by].right++;
    if (byRules === "unknown") unreadByRules.add(m);
  }
  for (const m of heldoutPart) {
    if (!isFalseHard(old.classifyError(m), m)) continue;
    heldoutFalseHard.before++;
    if (isFalseHard(classifyError(m), m)) heldoutFalseHard.still_now++;
  }
  rows.push({
    batch,
    before: parent.slice(0, 7),
    train: t.count,
    train_class: round3(t.classAccuracy),
    train_kind: round3(t.kindAccuracy),
    train_false_hard: countsOf(t).false_hard,
    heldout: h.count,
    heldout_class: round3(h.classAccuracy),
    heldout_kind: round3(h.kindAccuracy),
    heldout_hard: h.hardLabelled,
    heldout_hard_recall: round3(h.hardRecall),
    heldout_hard_precision: round3(h.hardPrecision),
    heldout_false_hard: countsOf(h).false_hard,
  });
}

/** Today's lexicon on `unreadByRules`, each batch read by the words of the other batches' train parts. */
const unread = crossValidateLexicon(
  splitOfCorpus(corpus, "train"),
  (m) => m.batch,
  (m) => unreadByRules.has(m),
);

const summary = {
  batches: rows.map((r) => r.batch),
  train,
  train_basis: basis,
  unread,
  heldout,
  heldout_false_hard: heldoutFalseHard,
};
if (json) {
  process.stdout.write(JSON.stringify({ batches: rows, summary }) + "\n");
} else {
  const share = (a: number, b: number): string => (b ? (a / b).toFixed(3) : "-");
  process.stdout.write(
    "Each batch scored by the classifier of the commit before the batch was added (today's labels and split)\n" +
      table(fixed3(rows)) +
      "\n\n" +
      `Train parts together: ${train.messages} messages, class right ${train.class_right}; answered by rules ` +
      `${basis.rules.n} (${basis.rules.right} right), lexicon ${basis.lexicon.n} (${basis.lexicon.right}), ` +
      `nothing ${basis.none.n} (${basis.none.right}); hard recall ${train.hard_found} of ${train.hard}, false hard ` +
      `verdicts ${train.false_hard} of ${train.hard_predicted}\n` +
      `The lexicon on the ${unread.messages} train messages no old rule decided, each batch read by the others' ` +
      `words: answered ${unread.answered}, class precision ${unread.classPrecision.toFixed(3)}, kind precision ` +
      `${unread.kindPrecision.toFixed(3)}\n` +
      `Held-out parts together, each before its batch's rules: ${heldout.messages} messages, class ` +
      `${share(heldout.class_right, heldout.messages)}, kind ${share(heldout.kind_right, heldout.messages)}, hard ` +
      `recall ${heldout.hard_found} of ${heldout.hard}, false hard verdicts ${heldout.false_hard} of ` +
      `${heldout.hard_predicted}, of which today's classifier still gives ${heldoutFalseHard.still_now}\n`,
  );
}
