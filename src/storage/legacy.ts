/**
 * Readers for the shapes older runners left in the database. Timestamps were sometimes stored as
 * ISO strings (or epoch seconds), and `created_at` was `added_at` in documents seeded by hand.
 */
export function readDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "string" && value.trim() !== "") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    // Epoch seconds and epoch milliseconds both occur; 1e11 seconds is the year 5138.
    return new Date(value < 1e11 ? value * 1000 : value);
  }
  return undefined;
}

export function readNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}
