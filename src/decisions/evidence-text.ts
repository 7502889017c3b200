/**
 * One evidence value of a decision as a person reads it (`decisions show`, the console's decision
 * page), on one line: text as it is, a time in ISO form, a list joined, a record (a
 * rename's successor finding) as its "key: value" pairs, anything else as JSON.
 */
export function evidenceText(v: unknown, nested = false): string {
  if (v instanceof Date) return v.toISOString().replace(".000Z", "Z");
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.length === 0 ? "(none)" : v.map((x) => evidenceText(x, true)).join(", ");
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const pairs = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${evidenceText(x, true)}`)
      .join("; ");
    return nested ? `(${pairs})` : pairs;
  }
  return JSON.stringify(v);
}
