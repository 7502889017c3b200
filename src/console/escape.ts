/**
 * The console's one way of putting text into HTML. Everything that reaches a page goes through
 * `html` (a tagged template): each interpolated value is escaped by `escapeHtml` unless it is
 * already `SafeHtml` built by `html` itself. Provider error messages, model ids, agents' reasoning
 * and reasons typed by people are all untrusted; none of them can open a tag or an attribute.
 */

const SAFE = Symbol("safe html");

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

function isSafe(v: unknown): v is SafeHtml {
  return typeof v === "object" && v !== null && (v as Partial<SafeHtml>)[SAFE] === true;
}

function piece(v: unknown): string {
  if (v === null || v === undefined || v === false) return "";
  if (Array.isArray(v)) return v.map(piece).join("");
  if (isSafe(v)) return v.value;
  if (v instanceof Date) return escapeHtml(v.toISOString());
  if (typeof v === "string") return escapeHtml(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint")
    return escapeHtml(v.toString());
  return escapeHtml(JSON.stringify(v) ?? "");
}

/** `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and arrays of them pass as markup. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += piece(v) + (strings[i + 1] ?? "");
  });
  return { [SAFE]: true, value: out };
}
