import { createHash } from "node:crypto";
import { classifyError, type Classification, type ErrorInput } from "./classify.js";
import { classOf, isErrorKind, type ErrorClass, type ErrorKind } from "./kinds.js";
import { compileLexicon, countFeatures, lexicalFeatures, readFeatures, verdictOf } from "./lexicon.js";

/**
 * Scoring the classifier against a labelled corpus of real provider messages (issue 17 item 11).
 * Pure: the corpus is passed in, so the unit test and `npm run taxonomy:score` compute the same
 * figures from the same function.
 */

export type Split = "train" | "heldout";

/** One labelled message: what a provider really said, and what the taxonomy should make of it. */
export interface LabelledMessage {
  provider: string;
  httpStatus?: number;
  exceptionType?: string;
  message: string;
  kind: ErrorKind;
  class: ErrorClass;
  /** Where the message was quoted: an issue or pull-request URL, a documentation page, a repo path. */
  source: string;
  split: Split;
}

/** The share of messages held out from rule writing. */
export const HELDOUT_SHARE = 0.3;

/**
 * The split is a function of the message alone (the first 32 bits of its SHA-256 as a fraction),
 * fixed before any rule was written, so nobody can move a message between the splits to improve
 * a figure: the corpus test recomputes it for every entry.
 */
export function splitOf(message: string): Split {
  const fraction = createHash("sha256").update(message, "utf8").digest().readUInt32BE(0) / 2 ** 32;
  return fraction < HELDOUT_SHARE ? "heldout" : "train";
}

export interface Scores {
  count: number;
  classAccuracy: number;
  kindAccuracy: number;
  /** Of the messages labelled hard, the share classified hard (NaN when there are none). */
  hardRecall: number;
  /** Of the messages classified hard, the share labelled hard (1 when nothing was classified hard). */
  hardPrecision: number;
  hardLabelled: number;
  hardPredicted: number;
  misses: Miss[];
}

export interface Miss {
  message: string;
  provider: string;
  expected: ErrorKind;
  got: ErrorKind;
}

export type Classifier = (input: ErrorInput) => Classification;

function ratio(num: number, den: number, empty: number): number {
  return den === 0 ? empty : num / den;
}

/** Class and kind accuracy, hard recall and hard precision of `classify` over `cases`. */
export function scoreCorpus(cases: readonly LabelledMessage[], classify: Classifier = classifyError): Scores {
  let classHits = 0;
  let kindHits = 0;
  let hardLabelled = 0;
  let hardPredicted = 0;
  let hardBoth = 0;
  const misses: Miss[] = [];
  for (const c of cases) {
    const got = classify({
      provider: c.provider,
      httpStatus: c.httpStatus,
      exceptionType: c.exceptionType,
      message: c.message,
    });
    const expectedClass = classOf(c.kind);
    if (got.class === expectedClass) classHits += 1;
    if (got.kind === c.kind) kindHits += 1;
    else misses.push({ message: c.message, provider: c.provider, expected: c.kind, got: got.kind });
    const labelledHard = expectedClass === "hard";
    const predictedHard = got.class === "hard";
    if (labelledHard) hardLabelled += 1;
    if (predictedHard) hardPredicted += 1;
    if (labelledHard && predictedHard) hardBoth += 1;
  }
  return {
    count: cases.length,
    classAccuracy: ratio(classHits, cases.length, NaN),
    kindAccuracy: ratio(kindHits, cases.length, NaN),
    hardRecall: ratio(hardBoth, hardLabelled, NaN),
    hardPrecision: ratio(hardBoth, hardPredicted, 1),
    hardLabelled,
    hardPredicted,
    misses,
  };
}

/** Reasons an entry of the corpus file is malformed; empty when it is well formed. */
export function corpusEntryProblems(entry: unknown): string[] {
  if (typeof entry !== "object" || entry === null) return ["not an object"];
  const e = entry as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.provider !== "string" || e.provider === "") problems.push("provider");
  if (typeof e.message !== "string" || e.message === "") problems.push("message");
  if (typeof e.source !== "string" || e.source === "") problems.push("source");
  if (e.httpStatus !== undefined && !(Number.isInteger(e.httpStatus) && Number(e.httpStatus) >= 100))
    problems.push("httpStatus");
  if (!isErrorKind(e.kind)) problems.push("kind");
  else if (e.class !== classOf(e.kind)) problems.push("class does not match kind");
  if (e.split !== "train" && e.split !== "heldout") problems.push("split");
  else if (typeof e.message === "string" && e.split !== splitOf(e.message))
    problems.push("split is not the hash's");
  return problems;
}

/** What the lexicon alone makes of messages it was not counted from (`crossValidateLexicon`). */
export interface LexiconValidation {
  messages: number;
  /** Messages it gave a kind (not hard, by its margin); the rest it left unknown. */
  answered: number;
  kindPrecision: number;
  classPrecision: number;
}

/**
 * Cross-validation of the lexicon (lexicon.ts) on `cases`, read as if no rule had decided any of
 * them: each group is read by the counts of the others. By default five folds by position (how its
 * smoothing, features and margin were chosen, on the train split only); `groupOf` gives other
 * groups, such as the corpus's batches, so that each source is read by words counted from the others
 * (leave one source out: the nearest train-only estimate of a source nobody has mined). `scored`
 * reads only some messages while every message still counts towards the others' lexicons (bench/
 * taxonomy-before.ts scores the messages no rule of their time decided); `messages` is how many were read.
 */
export function crossValidateLexicon<T extends LabelledMessage>(
  cases: readonly T[],
  groupOf: (c: T, index: number) => number = (_c, i) => i % 5,
  scored: (c: T) => boolean = () => true,
): LexiconValidation {
  let answered = 0;
  let kindHits = 0;
  let classHits = 0;
  // Each message's features are read once, not once per group that counts it.
  const rows = cases.map((c, i) => ({ c, group: groupOf(c, i), kind: c.kind, features: lexicalFeatures(c) }));
  const read = rows.filter((r) => scored(r.c));
  for (const group of new Set(read.map((r) => r.group))) {
    const lexicon = compileLexicon(countFeatures(rows.filter((r) => r.group !== group)));
    for (const { c, features } of read.filter((r) => r.group === group)) {
      const kind = verdictOf(readFeatures(lexicon, features));
      if (kind === "unknown") continue;
      answered += 1;
      if (kind === c.kind) kindHits += 1;
      if (classOf(kind) === c.class) classHits += 1;
    }
  }
  return {
    messages: read.length,
    answered,
    kindPrecision: ratio(kindHits, answered, NaN),
    classPrecision: ratio(classHits, answered, NaN),
  };
}
