import { z } from "zod";
import type { CatalogRead, CatalogRow } from "./types.js";
import { parsePage, type PagedRead } from "./paging.js";

/**
 * The one thing a row must have is an id. Everything else is optional and unknown fields pass
 * through: providers add fields all the time and a new field must never break discovery.
 */
const rowWithId = (idField: string): z.ZodType<Record<string, unknown>> =>
  z.looseObject({ [idField]: z.string().trim().min(1) });

export interface RowMapping {
  idField: string;
  /** Fields to try, in order, for a display name. */
  nameFields?: string[];
  kind?: string;
}

/** Validated, de-duplicated rows (first occurrence wins); rows without an id are dropped. */
export function toCatalogRows(raw: readonly unknown[], mapping: RowMapping): CatalogRow[] {
  const schema = rowWithId(mapping.idField);
  const seen = new Set<string>();
  const out: CatalogRow[] = [];
  for (const item of raw) {
    const parsed = schema.safeParse(item);
    if (!parsed.success) continue;
    const row = item as Record<string, unknown>; // the original object: the parsed copy trims
    const modelId = String(row[mapping.idField]).trim();
    if (seen.has(modelId)) continue;
    seen.add(modelId);
    out.push({ modelId, name: firstString(row, mapping.nameFields ?? []), raw: row, ...kindOf(mapping) });
  }
  return out;
}

function kindOf(mapping: RowMapping): { kind?: string } {
  return mapping.kind ? { kind: mapping.kind } : {};
}

function firstString(row: Record<string, unknown>, fields: string[]): string | null {
  for (const f of fields) {
    const v = row[f];
    if (typeof v === "string" && v.trim() !== "") return v;
  }
  return null;
}

/** Assembles a reader's result from a paged read. */
export function toCatalogRead(provider: string, paged: PagedRead, mapping: RowMapping): CatalogRead {
  return {
    provider,
    rows: toCatalogRows(paged.rows, mapping),
    rawCount: paged.rows.length,
    pages: paged.pages,
    complete: paged.complete,
    error: paged.error,
  };
}

/** The `data` array of an OpenAI-style list, or a bare array (Together; Cerebras as archived). */
export function listRows(body: unknown, what: string): unknown[] {
  if (Array.isArray(body)) return body;
  return parsePage(z.looseObject({ data: z.array(z.unknown()) }), body, what).data;
}
