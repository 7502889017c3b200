import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.js";

/**
 * Opaque cursors: base64url of `{p, f}`, where `p` is the position (an offset, or the last sort
 * key for keyset pages) and `f` a digest of the filters the page was made with, so a cursor
 * reused with other filters is refused rather than silently skipping rows.
 */

export const cursorField = z
  .string()
  .max(500)
  .optional()
  .describe("Opaque cursor: the next_cursor of the previous page. Omit it for the first page.");

export function limitField(defaultLimit: number, max: number): z.ZodDefault<z.ZodNumber> {
  return z
    .number()
    .int()
    .min(1)
    .max(max)
    .default(defaultLimit)
    .describe(`How many items per page, 1 to ${max} (default ${defaultLimit}).`);
}

/** Fields every paginated output carries. */
export const pageFields = {
  next_cursor: z
    .string()
    .nullable()
    .describe("Pass as `cursor` to get the next page; null on the last page."),
  truncated: z.boolean().describe("True when more items exist beyond this page."),
};

function filterDigest(filters: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(filters ?? null))
    .digest("base64url")
    .slice(0, 10);
}

export function encodeCursor(position: unknown, filters: unknown): string {
  return Buffer.from(JSON.stringify({ p: position, f: filterDigest(filters) })).toString("base64url");
}

/** The position in a cursor, checked by `parse`; undefined for the first page. */
export function decodeCursor<T>(
  cursor: string | undefined,
  filters: unknown,
  parse: (position: unknown) => T | null,
): T | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const shape = z.object({ p: z.unknown(), f: z.string() }).safeParse(decoded);
  const position = shape.success ? parse(shape.data.p) : null;
  if (!shape.success || position === null) {
    throw new AppError(
      "invalid_input",
      "cursor is not one this server issued. Pass next_cursor exactly as returned, or omit cursor to start again.",
    );
  }
  if (shape.data.f !== filterDigest(filters)) {
    throw new AppError(
      "invalid_input",
      "cursor belongs to a query with other filters. Repeat the first call with the same filters, or omit cursor.",
    );
  }
  return position;
}

export function offsetPosition(p: unknown): number | null {
  return typeof p === "number" && Number.isInteger(p) && p >= 0 ? p : null;
}

/** A page of an in-memory list, with offset cursors. */
export function pageOf<T>(
  items: readonly T[],
  opts: { cursor: string | undefined; limit: number; filters: unknown },
): { page: T[]; next_cursor: string | null; truncated: boolean; total: number } {
  const offset = decodeCursor(opts.cursor, opts.filters, offsetPosition) ?? 0;
  const page = items.slice(offset, offset + opts.limit);
  const next = offset + opts.limit;
  const more = next < items.length;
  return {
    page,
    next_cursor: more ? encodeCursor(next, opts.filters) : null,
    truncated: more,
    total: items.length,
  };
}
