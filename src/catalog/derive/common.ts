import type { Fact, FactSource, NotBenchmarkableReason } from "../types.js";

/** Small, total readers over untrusted row objects: wrong types read as "not stated". */

export function fact<T>(value: T | null | undefined, source: FactSource): Fact<T> | null {
  return value === null || value === undefined ? null : { value, source };
}

export function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function asString(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

export function asBoolean(v: unknown): boolean | null {
  return typeof v === "boolean" ? v : null;
}

/** A positive finite count (context length, token limit); 0 and negatives mean "not stated". */
export function asPositiveInt(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.round(n) : null;
}

export function asStringArray(v: unknown): string[] | null {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null;
}

/** Epoch seconds (or ms), or an ISO string; 0 (Cerebras, DeepInfra) means unknown. */
export function asDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === "number" && Number.isFinite(v) && v > 0) return new Date(v < 1e11 ? v * 1000 : v);
  if (typeof v === "string" && v.trim() !== "") {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** Lower-case, de-duplicated, with Bedrock's SPEECH spelled as the audio everyone else says. */
export function normalizeModalities(list: string[]): string[] {
  const out = list.map((m) => m.trim().toLowerCase()).map((m) => (m === "speech" ? "audio" : m));
  return [...new Set(out.filter((m) => m !== ""))];
}

/**
 * A source's output modalities decide whether this is a text generator: an image or audio
 * generator that also emits some text is still an image or speech model for benchmarking.
 */
export function reasonFromOutputs(outputs: string[]): NotBenchmarkableReason | null {
  if (outputs.includes("embedding") || outputs.includes("embeddings")) return "embedding";
  if (outputs.includes("image")) return "image";
  if (outputs.includes("video")) return "video";
  if (outputs.includes("audio")) return "speech";
  if (!outputs.includes("text")) return "not-chat";
  return null;
}

/** `text+image->text` (OpenRouter's older single string) → inputs and outputs. */
export function parseModalityArrow(v: unknown): { inputs: string[]; outputs: string[] } | null {
  const s = asString(v);
  if (!s || !s.includes("->")) return null;
  const [ins, outs] = s.split("->", 2) as [string, string];
  return { inputs: normalizeModalities(ins.split("+")), outputs: normalizeModalities(outs.split("+")) };
}
