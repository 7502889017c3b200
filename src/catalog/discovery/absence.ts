import { vertexPublisherOf } from "../readers/vertex.js";
import type { DiscoveryRunDoc } from "../../storage/discovery-runs-repository.js";
import type { Repositories } from "../../storage/repositories.js";

/** DESIGN section 10: a model is retired after it is missing from three complete reads. */
export const DEFAULT_ABSENT_READS = 3;

export interface ReadRef {
  id: string;
  started_at: Date;
  finished_at: Date;
  model_count: number;
}

export interface AbsenceReport {
  provider: string;
  /** False when there are fewer than `reads` complete reads: no conclusion either way. */
  evaluable: boolean;
  reason: string | null;
  reads: ReadRef[];
  /** Ids missing from every one of the reads (none when not evaluable). */
  missing: string[];
  /** Ids present in at least one of the reads. */
  present: string[];
  /**
   * Ids in none of the reads, but whose part of the listing (a Vertex publisher) at least one of
   * them did not read: not looked for, so no conclusion (never missing, never retired).
   */
  uncovered: string[];
}

/**
 * The part of its provider's listing a model is in: a Vertex publisher (null when the id names
 * none we know); undefined for providers listed in one piece, which every complete read covers.
 */
export function listingPartOf(provider: string, modelId: string): string | null | undefined {
  return provider === "vertex" ? vertexPublisherOf(modelId) : undefined;
}

/** Did this read look for the model? A read of a listing in parts covers only the parts it read. */
export function readCovers(run: Pick<DiscoveryRunDoc, "provider" | "coverage">, modelId: string): boolean {
  const part = listingPartOf(run.provider, modelId);
  if (part === undefined) return true;
  return part !== null && (run.coverage ?? []).includes(part);
}

/**
 * Which of `ids` are missing from every one of `reads`. Comparison ignores case: the fleet has
 * case-variant spellings, and calling a model gone because of a spelling would retire it wrongly.
 */
export function idsMissingFromReads(
  ids: readonly string[],
  reads: readonly Pick<DiscoveryRunDoc, "model_ids">[],
): string[] {
  const seen = new Set<string>();
  for (const r of reads) for (const id of r.model_ids) seen.add(id.toLowerCase());
  return ids.filter((id) => !seen.has(id.toLowerCase()));
}

/**
 * Are these ids missing from the last `reads` complete reads of `provider`? Only complete reads
 * count (partial and failed ones prove nothing), and fewer than `reads` of them means "cannot
 * tell yet", never "missing". An id is missing only when each of the reads looked for it: a
 * Vertex read that did not list the model's publisher is no complete read for that model.
 */
export async function idsAbsentFromCompleteReads(
  repos: Pick<Repositories, "discoveryRuns">,
  provider: string,
  ids: readonly string[],
  reads: number = DEFAULT_ABSENT_READS,
): Promise<AbsenceReport> {
  const runs = await repos.discoveryRuns.lastComplete(provider, reads);
  const refs = runs.map((r) => ({
    id: String(r._id),
    started_at: r.started_at,
    finished_at: r.finished_at,
    model_count: r.model_ids.length,
  }));
  if (runs.length < reads) {
    return {
      provider,
      evaluable: false,
      reason: `${runs.length} complete read(s) on record, ${reads} needed`,
      reads: refs,
      missing: [],
      present: [],
      uncovered: [],
    };
  }
  const notSeen = idsMissingFromReads(ids, runs);
  const gone = new Set(notSeen);
  const covered = (id: string): boolean => runs.every((r) => readCovers(r, id));
  return {
    provider,
    evaluable: true,
    reason: null,
    reads: refs,
    missing: notSeen.filter(covered),
    present: ids.filter((id) => !gone.has(id)),
    uncovered: notSeen.filter((id) => !covered(id)),
  };
}

export interface FleetAbsenceOptions {
  reads?: number;
  /** Include disabled models (default: only enabled ones, which retirement acts on). */
  includeDisabled?: boolean;
}

/**
 * "Which fleet models of provider P were missing from the last N complete reads of P?" The
 * fleet is `models` rows with `provider: P`; for Bedrock both foundation-model and inference
 * profile ids are in every read, so either spelling in the fleet is checked.
 */
export async function fleetModelsAbsent(
  repos: Pick<Repositories, "discoveryRuns" | "models">,
  provider: string,
  opts: FleetAbsenceOptions = {},
): Promise<AbsenceReport> {
  const filter = opts.includeDisabled ? { provider } : { provider, enabled: true };
  const models = await repos.models.find(filter);
  return idsAbsentFromCompleteReads(
    repos,
    provider,
    models.map((m) => m.model_id),
    opts.reads ?? DEFAULT_ABSENT_READS,
  );
}
