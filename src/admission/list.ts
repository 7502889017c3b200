import type { Deps } from "../deps.js";
import type { ModelAdmissionStatus } from "../storage/documents.js";
import { keyOf } from "./evaluate.js";
import {
  admissionStart,
  candidateEvidence,
  judgeCandidate,
  type CandidateEvidence,
  type CandidateVerdict,
} from "./evidence.js";

export interface CandidateRow {
  provider: string;
  model_id: string;
  status: ModelAdmissionStatus;
  enabled: boolean;
  source: string | null;
  admission_started_at: Date;
  recheck_after: Date | null;
  /** Why it was rejected (admission's own text). */
  reason: string | null;
  evidence: CandidateEvidence;
  /** What the next pass would do with a probing candidate; null for the others. */
  next: CandidateVerdict | null;
  /** An open promote decision waiting for approval, if any. */
  open_decision: { id: string; status: string } | null;
}

/**
 * Every model admission owns (probing, on probation, rejected) with the probe evidence since its
 * admission started and, for probing ones, what the next pass would decide. Read-only: two
 * collection reads and one of the decisions, filtered in memory.
 */
export async function listCandidates(
  deps: Deps,
  opts: { status?: ModelAdmissionStatus } = {},
): Promise<CandidateRow[]> {
  const { repos, config } = deps;
  const now = deps.clock();
  const models = (await repos.models.find()).filter(
    (m) =>
      (m.status === "probing" || m.status === "probation" || m.status === "rejected") &&
      (opts.status === undefined || m.status === opts.status),
  );
  if (models.length === 0) return [];
  const oldest = Math.min(...models.map((m) => admissionStart(m, now).getTime()));
  const probes = await repos.probeRuns.since(new Date(oldest));
  const byModel = new Map<string, typeof probes>();
  for (const p of probes) byModel.set(keyOf(p), [...(byModel.get(keyOf(p)) ?? []), p]);
  const open = await repos.decisions.find(
    { action: "promote", status: ["pending", "approved"] },
    { fields: ["targets", "status"] },
  );
  const openBy = new Map(
    open.flatMap((d) => d.targets.map((t) => [keyOf(t), { id: d._id, status: d.status }])),
  );
  return models.map((m) => {
    const evidence = candidateEvidence(m, byModel.get(keyOf(m)) ?? [], config.admission, now);
    return {
      provider: m.provider,
      model_id: m.model_id,
      status: m.status!,
      enabled: m.enabled,
      source: typeof m.source === "string" ? m.source : null,
      admission_started_at: evidence.startedAt,
      recheck_after: m.recheck_after ?? null,
      reason: m.status === "rejected" ? (m.disabled_reason ?? null) : null,
      evidence,
      next: m.status === "probing" ? judgeCandidate(evidence, config.admission, now) : null,
      open_decision: openBy.get(keyOf(m)) ?? null,
    };
  });
}
