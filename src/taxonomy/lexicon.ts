import { classOf, isErrorKind, type ErrorKind } from "./kinds.js";
import { englishOf } from "./lexicon-translations.js";
import { extractStatus } from "./status.js";
import { unwrap } from "./unwrap.js";

/**
 * The taxonomy's reading by vocabulary (issue 17 item 11), for a message no rule has evidence
 * about. The rules read meaning in phrases; a wording nobody wrote a phrase for still uses the
 * words of its kind ("socket", "handshake", "refused" for a network failure; "schema", "field",
 * "expected" for a malformed request). This is a naive Bayes model over those words, counted from
 * the train split of the labelled corpus: `npm run taxonomy:lexicon` writes lexicon-counts.json, and
 * a test recounts it, so it cannot drift from the corpus or have seen the held-out split.
 *
 * It never gives a hard verdict (a hard verdict needs positive evidence in words a rule names),
 * and answers only when its best class leads the runner-up class, the hard class included, by a clear
 * margin (then with that class's best kind);
 * otherwise the message stays unknown for the LLM pass. Smoothing, margin and features were chosen
 * by five-fold cross-validation on the train split (test/fixtures/taxonomy/README.md).
 */

/** What the lexicon reads of an error: the fields of classify.ts's ErrorInput it uses. */
export interface LexicalInput {
  message: string;
  exceptionType?: string | null;
  httpStatus?: number | null;
  model?: string | null;
}

/** How many train messages of each kind contained each feature, and how many there were per kind. */
export interface LexiconCounts {
  messages: Partial<Record<ErrorKind, number>>;
  features: Record<string, Partial<Record<ErrorKind, number>>>;
}

/** Additive smoothing of the counts. */
export const LEXICON_SMOOTHING = 0.5;
/** A feature must occur in at least this many train messages to be counted. */
export const LEXICON_MIN_MESSAGES = 2;
/** The natural-log odds by which the best class must beat the runner-up class for the lexicon to answer. */
export const LEXICON_MARGIN = 2;

const STATUS_CODE = /^[1-5]\d\d$/;
const MAX_READ = 4_000;
/** Scripts written without spaces between words: a run of them is read as its pairs of characters. */
const UNSPACED =
  "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}";
const RUNS = new RegExp(`[${UNSPACED}]+|[^${UNSPACED}]+`, "gu");
const UNSPACED_RUN = new RegExp(`^[${UNSPACED}]`, "u");
const LETTER = /\p{L}/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The features of a message: its words in any script (camelCase and snake_case split, lowercased,
 * accents kept, the model id left out, numbers other than status codes dropped), each pair of
 * adjacent words, and its status code and status family. Chinese, Japanese, Thai and the other
 * scripts written without spaces have no words to split on, so each run of them gives its pairs of
 * adjacent characters instead ("未找到模型" gives 未找, 找到, 到模, 模型), and breaks the pairs of
 * words on either side. Error terms of other languages also give their English words and pairs
 * (lexicon-translations.ts: "Ключ API недействителен" gives key and invalid), so that a message in Russian
 * or Chinese is read by the words its kind's English messages taught. Each feature counted once per message.
 */
export function lexicalFeatures(input: LexicalInput): string[] {
  const message = typeof input.message === "string" ? input.message : "";
  const exc = typeof input.exceptionType === "string" ? input.exceptionType.slice(0, 200) : "";
  let raw = (exc ? `${exc}: ${message}` : message).slice(0, MAX_READ);
  const model = typeof input.model === "string" ? input.model.trim() : "";
  if (model) raw = raw.replace(new RegExp(escapeRegExp(model), "gi"), " ");
  const out = new Set<string>();
  // Words in reading order; undefined where a run of an unspaced script broke the sequence.
  const words: Array<string | undefined> = [];
  for (const token of raw
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)) {
    for (const run of token.match(RUNS) ?? []) {
      const chars = [...run];
      if (UNSPACED_RUN.test(run)) {
        if (chars.length === 1) out.add(run);
        for (let i = 1; i < chars.length; i++) out.add(chars[i - 1]! + chars[i]!);
        words.push(undefined);
      } else if ((chars.length >= 2 && chars.length <= 30 && LETTER.test(run)) || STATUS_CODE.test(run)) {
        words.push(run);
      }
    }
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined) continue;
    out.add(word);
    const before = words[i - 1];
    if (before !== undefined) out.add(`${before} ${word}`);
  }
  // Error terms of other languages also give their English words (lexicon-translations.ts).
  for (const phrase of englishOf(raw)) {
    const english = phrase.split(" ");
    english.forEach((word, i) => {
      out.add(word);
      if (i > 0) out.add(`${english[i - 1]} ${word}`);
    });
  }
  const status = extractStatus(typeof input.httpStatus === "number" ? input.httpStatus : null, unwrap(raw));
  if (status !== null) {
    out.add(`status:${status}`);
    out.add(`status:${Math.floor(status / 100)}xx`);
  }
  return [...out];
}

/** Counts features per kind over labelled messages (the train split), keeping those seen often enough. */
export function countLexicon(examples: ReadonlyArray<LexicalInput & { kind: ErrorKind }>): LexiconCounts {
  return countFeatures(
    examples.map((example) => ({ kind: example.kind, features: lexicalFeatures(example) })),
  );
}

/** countLexicon over features already read (cross-validation reads each message's features once). */
export function countFeatures(
  examples: ReadonlyArray<{ kind: ErrorKind; features: readonly string[] }>,
): LexiconCounts {
  const messages: Partial<Record<ErrorKind, number>> = {};
  const all = new Map<string, Partial<Record<ErrorKind, number>>>();
  for (const example of examples) {
    const { kind } = example;
    messages[kind] = (messages[kind] ?? 0) + 1;
    for (const f of example.features) {
      const byKind = all.get(f) ?? {};
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      all.set(f, byKind);
    }
  }
  const features: LexiconCounts["features"] = {};
  for (const f of [...all.keys()].sort()) {
    const byKind = all.get(f)!;
    const total = Object.values(byKind).reduce((a, b) => a + b, 0);
    if (total >= LEXICON_MIN_MESSAGES) features[f] = byKind;
  }
  return { messages, features };
}

/** Counts turned into log probabilities once: per feature, per kind. */
export interface Lexicon {
  kinds: ErrorKind[];
  /** The indexes into `kinds` of each class's kinds. */
  classes: number[][];
  logp: Map<string, Float64Array>;
}

export function compileLexicon(counts: LexiconCounts): Lexicon {
  const kinds = Object.keys(counts.messages).filter(isErrorKind).sort();
  const entries = Object.entries(counts.features);
  const totals = new Float64Array(kinds.length);
  for (const [, byKind] of entries)
    for (let i = 0; i < kinds.length; i++) totals[i]! += byKind[kinds[i]!] ?? 0;
  const denominators = totals.map((t) => t + LEXICON_SMOOTHING * entries.length);
  const logp = new Map<string, Float64Array>();
  for (const [f, byKind] of entries) {
    const row = new Float64Array(kinds.length);
    for (let i = 0; i < kinds.length; i++)
      row[i] = Math.log(((byKind[kinds[i]!] ?? 0) + LEXICON_SMOOTHING) / denominators[i]!);
    logp.set(f, row);
  }
  const byClass = new Map<string, number[]>();
  kinds.forEach((kind, i) => byClass.set(classOf(kind), [...(byClass.get(classOf(kind)) ?? []), i]));
  return { kinds, classes: [...byClass.values()], logp };
}

export interface LexicalReading {
  /** The best kind of the best class. */
  kind: ErrorKind;
  /** Log odds of the best class over the runner-up class. */
  margin: number;
}

/** log(sum(exp(x))) of the scores at `indexes`, computed stably. */
function logSumExp(scores: Float64Array, indexes: readonly number[]): number {
  let max = -Infinity;
  for (const i of indexes) max = Math.max(max, scores[i]!);
  let sum = 0;
  for (const i of indexes) sum += Math.exp(scores[i]! - max);
  return max + Math.log(sum);
}

/**
 * The class whose vocabulary best explains the message, its best kind, and the class's lead over the
 * runner-up class (binarised multinomial naive Bayes with a uniform prior over kinds: the corpus's mix of
 * kinds is not a provider's; a class's likelihood is the sum of its kinds'). The margin is the class's,
 * not the kind's, because the class is what the operator acts on: words that split between rate_limit and
 * overloaded still say "transient" clearly (measured on train, leave one batch out: 120 more answered at
 * the same class precision, 0.910 against 0.911). Features no train message had are ignored; a message
 * with none of them reads unknown.
 */
export function readLexicon(lexicon: Lexicon, input: LexicalInput): LexicalReading {
  return readFeatures(lexicon, lexicalFeatures(input));
}

/** readLexicon over features already read. */
export function readFeatures(lexicon: Lexicon, features: readonly string[]): LexicalReading {
  const scores = new Float64Array(lexicon.kinds.length);
  let known = 0;
  for (const f of features) {
    const row = lexicon.logp.get(f);
    if (!row) continue;
    known++;
    for (let i = 0; i < scores.length; i++) scores[i]! += row[i]!;
  }
  if (known === 0 || scores.length === 0) return { kind: "unknown", margin: 0 };
  let first: number[] = [];
  let firstScore = -Infinity;
  let secondScore = -Infinity;
  for (const indexes of lexicon.classes) {
    const score = logSumExp(scores, indexes);
    if (score > firstScore) [first, firstScore, secondScore] = [indexes, score, firstScore];
    else if (score > secondScore) secondScore = score;
  }
  let best = first[0]!;
  for (const i of first) if (scores[i]! > scores[best]!) best = i;
  return { kind: lexicon.kinds[best]!, margin: firstScore - secondScore };
}

/** The lexicon's verdict for the classifier: a kind that is not hard, by a clear margin; else unknown. */
export function lexicalKind(lexicon: Lexicon, input: LexicalInput, margin = LEXICON_MARGIN): ErrorKind {
  return verdictOf(readLexicon(lexicon, input), margin);
}

/** A reading as a verdict: its kind when the margin is clear and the kind is not hard, else unknown. */
export function verdictOf(reading: LexicalReading, margin = LEXICON_MARGIN): ErrorKind {
  if (reading.margin < margin || classOf(reading.kind) === "hard") return "unknown";
  return reading.kind;
}

/** lexicon-counts.json for `counts`, one feature per line (tools/taxonomy-lexicon.ts writes it). */
export function renderLexiconCounts(counts: LexiconCounts): string {
  const features = Object.entries(counts.features).map(
    ([f, byKind]) => `    ${JSON.stringify(f)}: ${JSON.stringify(byKind)}`,
  );
  return `{\n  "messages": ${JSON.stringify(counts.messages)},\n  "features": {\n${features.join(",\n")}\n  }\n}\n`;
}
