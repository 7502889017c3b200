import type { CliContext } from "./context.js";

/** Output helpers shared by commands: `--json` prints one JSON document; otherwise a table. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

export function table(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return "(none)";
  const cols = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => formatCell(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]): string =>
    vals
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(cols), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().replace(".000Z", "Z");
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/**
 * How a command writes plain progress lines (not on a terminal): as they are, or under
 * LOG_FORMAT=json as info log entries, so that every line on stderr parses as JSON.
 */
export function plainProgress(ctx: CliContext): ((line: string) => void) | undefined {
  if (ctx.config().logFormat !== "json") return undefined;
  const logger = ctx.logger();
  return (line) => logger.info(line);
}
