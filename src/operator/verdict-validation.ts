import { OPERATOR_ACTIONS, type OperatorAction, type SituationVerdict } from "./types.js";

/**
 * Everything the operator LLM sends back is checked here before it can count. The model's answer
 * is advisory and possibly wrong, truncated or steered by provider text it read, so this module
 * never throws on it: it keeps what is valid and says, in `problems`, what it dropped and why.
 *
 * Policy (documented in one place, tested in test/unit/operator-llm/verdict-validation.test.ts):
 * - Unknown situation ids are ignored and reported; only ids we asked about can get a verdict.
 * - Unknown actions are rejected (case and surrounding spaces are forgiven, synonyms are not).
 * - Confidence must be a JSON number in [0, 1]. Anything else (a string, 85, -0.1, NaN) rejects
 *   the verdict rather than being clamped: clamping 85 to 1.0 would manufacture the highest
 *   confidence, which is exactly what the policy's thresholds trust.
 * - Duplicate ids: if every valid verdict for the id names the same action, the first is kept;
 *   if they disagree, all are rejected (the model contradicted itself, so none is trusted) and the
 *   deterministic suggestion applies.
 * - Missing ids get no LLM verdict (reported); the caller uses the deterministic suggestion.
 * - Reasoning is optional (a placeholder is stored), flattened to one line and truncated.
 * - The JSON is found inside prose or markdown fences; a truncated answer keeps every complete
 *   verdict object it contains.
 */

export const MAX_REASONING_CHARS = 400;
const MAX_PROBLEMS = 40;
const NO_REASONING = "(the model gave no reasoning)";

/** The answer's JSON schema; situation ids are an enum, so strict structured outputs cannot invent one. */
export function verdictJsonSchema(situationIds: readonly string[]): Record<string, unknown> {
  return {
    type: "object",
    additionalProperties: false,
    required: ["verdicts"],
    properties: {
      verdicts: {
        type: "array",
        description: "Exactly one verdict per situation id.",
        items: {
          type: "object",
          additionalProperties: false,
          // Reasoning before action: the model states its reason before it commits to an action.
          required: ["situation_id", "reasoning", "action", "confidence"],
          properties: {
            situation_id: { type: "string", enum: [...situationIds] },
            reasoning: { type: "string", description: "One sentence." },
            action: { type: "string", enum: [...OPERATOR_ACTIONS] },
            confidence: { type: "number", description: "From 0 to 1." },
          },
        },
      },
    },
  };
}

export interface ValidatedAnswer {
  verdicts: SituationVerdict[];
  problems: string[];
}

/** Parses and validates one answer against the situation ids that were asked about. */
export function validateVerdicts(text: string, knownIds: readonly string[]): ValidatedAnswer {
  const problems = new ProblemList();
  const known = new Set(knownIds);
  const items = extractItems(text, known, problems);
  const byId = new Map<string, SituationVerdict[]>();
  items.forEach((item, index) => {
    const verdict = checkItem(item, index, known, problems);
    if (verdict) byId.set(verdict.situationId, [...(byId.get(verdict.situationId) ?? []), verdict]);
  });
  const verdicts: SituationVerdict[] = [];
  for (const [id, group] of byId) {
    const first = group[0];
    if (first === undefined) continue;
    if (group.every((verdict) => verdict.action === first.action)) {
      if (group.length > 1)
        problems.add(`situation ${id}: ${group.length} agreeing verdicts, the first kept`);
      verdicts.push(first);
    } else {
      const actions = group.map((verdict) => verdict.action).join(", ");
      problems.add(`situation ${id}: contradictory verdicts (${actions}), all rejected`);
    }
  }
  const answered = new Set(verdicts.map((verdict) => verdict.situationId));
  for (const id of knownIds) {
    if (!answered.has(id))
      problems.add(`situation ${id}: no usable verdict, the deterministic suggestion applies`);
  }
  return { verdicts, problems: problems.list() };
}

function checkItem(
  item: unknown,
  index: number,
  known: Set<string>,
  problems: ProblemList,
): SituationVerdict | null {
  if (!isRecord(item)) {
    problems.add(`item ${index}: not an object, ignored`);
    return null;
  }
  const id = item["situation_id"];
  if (typeof id !== "string" || !known.has(id)) {
    problems.add(`item ${index}: unknown situation id ${quote(id)}, ignored`);
    return null;
  }
  const action = typeof item["action"] === "string" ? item["action"].trim().toLowerCase() : item["action"];
  if (!isAction(action)) {
    problems.add(`situation ${id}: unknown action ${quote(item["action"])}, verdict rejected`);
    return null;
  }
  const confidence = item["confidence"];
  if (typeof confidence !== "number" || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    problems.add(
      `situation ${id}: confidence ${quote(confidence)} is not a number in [0, 1], verdict rejected`,
    );
    return null;
  }
  const reasoning =
    typeof item["reasoning"] === "string" ? oneLine(item["reasoning"], MAX_REASONING_CHARS) : "";
  return { situationId: id, action, confidence, reasoning: reasoning === "" ? NO_REASONING : reasoning };
}

/** The verdict items in an answer, from whichever of the accepted shapes it has. */
function extractItems(text: string, known: Set<string>, problems: ProblemList): unknown[] {
  if (text.trim() === "") {
    problems.add("empty answer");
    return [];
  }
  const spans = jsonSpans(text);
  for (const span of spans.filter((s) => s.topLevel)) {
    const value = tryParse(text.slice(span.start, span.end + 1));
    if (value === undefined) continue;
    const items = itemsOf(value, known);
    if (items !== null) return items;
  }
  // Nothing whole parsed: truncated output, or prose with stray brackets. Keep every complete
  // object that looks like a verdict.
  const salvaged = spans
    .filter((s) => text[s.start] === "{")
    .map((s) => tryParse(text.slice(s.start, s.end + 1)))
    .filter((value) => isRecord(value) && "situation_id" in value);
  problems.add(
    salvaged.length > 0
      ? `answer is not one valid JSON document (truncated?); ${salvaged.length} complete verdict objects salvaged`
      : "answer contains no usable JSON",
  );
  return salvaged;
}

/**
 * Accepted shapes: `{"verdicts": [...]}` (the schema), a bare array, a single verdict object,
 * an object with one array property under another name, an object keyed by situation id, and
 * `verdicts` given as a JSON string (some models stringify nested tool input).
 */
function itemsOf(value: unknown, known: Set<string>): unknown[] | null {
  if (isArray(value)) return value;
  if (!isRecord(value)) return null;
  const verdicts = value["verdicts"];
  if (isArray(verdicts)) return verdicts;
  if (typeof verdicts === "string") {
    const inner = tryParse(verdicts);
    return inner === undefined ? null : itemsOf(inner, known);
  }
  if ("situation_id" in value) return [value];
  const arrays = Object.values(value).filter((v) => isArray(v));
  if (arrays.length === 1 && isArray(arrays[0])) return arrays[0];
  const keyed = Object.entries(value).flatMap(([key, v]) =>
    known.has(key) && isRecord(v) ? [{ ...v, situation_id: key }] : [],
  );
  return keyed.length > 0 ? keyed : null;
}

interface Span {
  start: number;
  end: number;
  topLevel: boolean;
}

/**
 * Balanced `{...}` and `[...]` spans in one pass, aware of JSON strings and escapes. Inner spans
 * come before the spans that contain them; unclosed brackets (a truncated answer) yield none.
 */
export function jsonSpans(text: string): Span[] {
  const spans: Span[] = [];
  const stack: { char: string; pos: number }[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"' && stack.length > 0) {
      inString = true;
    } else if (char === "{" || char === "[") {
      stack.push({ char, pos: i });
    } else if (char === "}" || char === "]") {
      const open = stack.at(-1);
      if (open && (open.char === "{") === (char === "}")) {
        stack.pop();
        spans.push({ start: open.pos, end: i, topLevel: stack.length === 0 });
      } else {
        stack.length = 0; // mismatched bracket: prose, not JSON; start afresh
      }
    }
  }
  return spans;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAction(value: unknown): value is OperatorAction {
  return typeof value === "string" && (OPERATOR_ACTIONS as readonly string[]).includes(value);
}

/** Model text in a problem message: quoted, one line, short. It may echo provider text. */
function quote(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (typeof value === "string") return JSON.stringify(oneLine(value, 60));
  return oneLine(JSON.stringify(value) ?? typeof value, 60);
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/[\p{Cc}\s]+/gu, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

class ProblemList {
  private readonly items: string[] = [];
  private dropped = 0;

  add(problem: string): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push(problem);
    else this.dropped++;
  }

  list(): string[] {
    return this.dropped > 0 ? [...this.items, `and ${this.dropped} more problems`] : [...this.items];
  }
}
