import type { Repositories } from "../storage/repositories.js";
import { readCovers } from "./discovery/absence.js";
import { notBenchmarkableFromId } from "./id-rules.js";

/**
 * Which id a provider now serves a failing model under (issue 17, item 1: Fireworks
 * `deepseek-v3` served as `deepseek-v3-0324`). Deterministic evidence only, from the provider's
 * newest complete catalog read (DESIGN section 10: only a complete read is evidence of absence):
 * - the old id is absent from that listing;
 * - exactly one listed id is the same stem with a date or version suffix added
 *   (`deepseek-v3` -> `deepseek-v3-0324`), or with its date replaced by a later one
 *   (`claude-3-5-sonnet-20240620` -> `claude-3-5-sonnet-20241022`);
 * - that id is not already in the catalog of measured models and is benchmarkable by its id.
 * Two or more such ids are ambiguous: no rename, the disable path decides as before. An LLM may
 * suggest a rename, but this is what a rename proposal rests on.
 */

export interface SuccessorEvidence {
  from: string;
  to: string;
  rule: "suffix_added" | "date_replaced";
  /** The newest complete read the evidence comes from. */
  listing: { finished_at: Date; model_count: number };
}

export type SuccessorFinding =
  | { outcome: "successor"; evidence: SuccessorEvidence }
  | { outcome: "none" | "ambiguous"; reason: string; candidates: string[] };

const SEP = "[-_.:@]";
const DATE = String.raw`(?:\d{8}|\d{6}|\d{4}|\d{4}-\d{2}-\d{2})`;
const VERSION = String.raw`(?:v\d+(?:\.\d+)*|\d{3})`;
/** A date or version token that can follow an id as a whole segment. */
const ADDED_SUFFIX = new RegExp(`^${SEP}(?:${DATE}|${VERSION})$`);
/** Date tokens inside an id: whole segments only, so `llama3` or `70b` never match. */
const DATE_SEGMENT = new RegExp(
  `(?<=^|${SEP}|/)(\\d{4}-\\d{2}-\\d{2}|\\d{8}|\\d{6}|\\d{4})(?=$|${SEP})`,
  "g",
);

/** How `candidate` relates to `old` as its successor, or null when it does not. */
export function successorRule(old: string, candidate: string): SuccessorEvidence["rule"] | null {
  const a = old.toLowerCase();
  const b = candidate.toLowerCase();
  if (a === b) return null;
  if (b.startsWith(a) && ADDED_SUFFIX.test(b.slice(a.length))) return "suffix_added";
  const da = [...a.matchAll(DATE_SEGMENT)].map((m) => m[1]!);
  const db = [...b.matchAll(DATE_SEGMENT)].map((m) => m[1]!);
  if (da.length === 0 || da.length !== db.length) return null;
  if (a.replace(DATE_SEGMENT, "#") !== b.replace(DATE_SEGMENT, "#")) return null;
  const changed = da.map((d, i) => [d, db[i]!] as const).filter(([x, y]) => x !== y);
  if (changed.length !== 1) return null;
  const [from, to] = changed[0]!;
  const later = from.length === to.length && to.replace(/-/g, "") > from.replace(/-/g, "");
  return later ? "date_replaced" : null;
}

/**
 * The successor of `oldId` in a complete listing `listed`, given the ids already measured at that
 * provider (`measured`). Pure: the listing is the caller's newest complete read.
 */
export function findSuccessor(
  oldId: string,
  listed: readonly string[],
  measured: ReadonlySet<string>,
  listing: SuccessorEvidence["listing"],
): SuccessorFinding {
  if (listed.some((id) => id.toLowerCase() === oldId.toLowerCase()))
    return { outcome: "none", reason: `${oldId} is still listed by the provider`, candidates: [] };
  const related = listed
    .map((id) => ({ id, rule: successorRule(oldId, id) }))
    .filter((c) => c.rule !== null && notBenchmarkableFromId(c.id) === null);
  const fresh = related.filter((c) => !measured.has(c.id));
  const candidates = fresh.map((c) => c.id).sort();
  if (fresh.length === 1) {
    const c = fresh[0]!;
    return { outcome: "successor", evidence: { from: oldId, to: c.id, rule: c.rule!, listing } };
  }
  if (fresh.length > 1)
    return {
      outcome: "ambiguous",
      reason: `${fresh.length} listed ids could succeed ${oldId}: ${candidates.join(", ")}`,
      candidates,
    };
  const taken = related.map((c) => c.id).sort();
  return {
    outcome: "none",
    reason:
      taken.length > 0
        ? `the related id(s) ${taken.join(", ")} are already in the catalog`
        : `no listed id has ${oldId}'s stem with a new date or version`,
    candidates: [],
  };
}

/**
 * The successor finding for each target, read from its provider's newest complete catalog read
 * and the models already measured (one read per provider). A provider without a complete read
 * has no evidence: `none`; nor has a read that did not look at the model's part of a listing read
 * in parts (a Vertex publisher whose read failed: its rows can be partial, so the old id may only
 * be on a page that was never read).
 */
export async function findSuccessors(
  repos: Repositories,
  targets: readonly { provider: string; model_id: string }[],
): Promise<Map<string, SuccessorFinding>> {
  const out = new Map<string, SuccessorFinding>();
  for (const provider of new Set(targets.map((t) => t.provider))) {
    const [read] = await repos.discoveryRuns.lastComplete(provider, 1);
    const measured = read
      ? new Set((await repos.models.find({ provider })).map((m) => m.model_id))
      : new Set<string>();
    for (const t of targets.filter((x) => x.provider === provider)) {
      const key = `${provider}:${t.model_id}`;
      if (read && !readCovers(read, t.model_id)) {
        const reason = `the newest complete read of ${provider} did not cover ${t.model_id}'s part of the listing`;
        out.set(key, { outcome: "none", reason, candidates: [] });
        continue;
      }
      out.set(
        key,
        read
          ? findSuccessor(t.model_id, read.model_ids, measured, {
              finished_at: read.finished_at,
              model_count: read.model_ids.length,
            })
          : { outcome: "none", reason: `no complete catalog read of ${provider}`, candidates: [] },
      );
    }
  }
  return out;
}
