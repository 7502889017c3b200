import type { FieldValues } from "../storage/mutation-batches-repository.js";
import type { ChangeRequest } from "../mutations/mutate.js";
import { isProtected } from "../policy/evaluate.js";
import type { Policy } from "../policy/policy.js";
import type { ModelDoc } from "../storage/documents.js";
import type { ProbeRunDoc } from "../storage/probe-runs-repository.js";
import {
  admissionStart,
  candidateEvidence,
  judgeCandidate,
  type AdmissionRules,
  type CandidateEvidence,
} from "./evidence.js";

const DAY_MS = 86_400_000;
export const ADMISSION_ACTOR = "job:admission";

export type RejectionKind = "duplicate_spelling" | "definitive" | "deadline" | "declined" | "refuted_guess";

export interface PlannedRejection {
  model: ModelDoc;
  kind: RejectionKind;
  reason: string;
  change: ChangeRequest;
}

export interface PlannedPromotion {
  model: ModelDoc;
  evidence: CandidateEvidence;
  reason: string;
}

export interface EvaluationPlan {
  promotions: PlannedPromotion[];
  rejections: PlannedRejection[];
  /** Rejected candidates whose recheck date came: back to probing. */
  rechecks: ChangeRequest[];
  waiting: number;
  /** Candidates with an open promote decision: a human (or the policy) has it. */
  awaitingApproval: number;
  /** Rejections and rechecks over the per-pass cap, left for the next pass. */
  deferred: number;
}

export interface EvaluationInput {
  fleet: readonly ModelDoc[];
  /** Probe runs keyed `provider\0model_id`. */
  probes: ReadonlyMap<string, readonly ProbeRunDoc[]>;
  /** Models (keyed `provider\0model_id`) with a pending or approved promote decision. */
  openPromotions: ReadonlySet<string>;
  /** Models whose promote decision a human rejected, with when it was proposed. */
  declined: ReadonlyMap<string, Date>;
  rules: AdmissionRules & { recheckDays: number; maxPerPass: number };
  policy: Policy;
  now: Date;
}

export const keyOf = (m: { provider: string; model_id: string }): string =>
  `${m.provider}\u0000${m.model_id}`;

/**
 * Judges every probing candidate and finds the rejected ones due for a recheck. A case-variant
 * spelling of an enabled model is rejected as a duplicate first, whatever its probes say, and
 * that rejection is its own change: it never holds back another candidate's promotion (the
 * earlier system let duplicates use up a batch's room). Promotions are not capped here: each is
 * a decision, and executing approved ones goes through the policy's caps.
 */
export function planEvaluation(input: EvaluationInput): EvaluationPlan {
  const { now, rules, policy } = input;
  const enabledByLower = new Map<string, string>();
  for (const m of input.fleet) {
    if (m.enabled) enabledByLower.set(`${m.provider}\u0000${m.model_id.toLowerCase()}`, m.model_id);
  }
  const plan: EvaluationPlan = {
    promotions: [],
    rejections: [],
    rechecks: [],
    waiting: 0,
    awaitingApproval: 0,
    deferred: 0,
  };
  const recheckAfter = new Date(now.getTime() + rules.recheckDays * DAY_MS);
  const reject = (model: ModelDoc, kind: RejectionKind, reason: string): void => {
    plan.rejections.push(rejection(model, kind, reason, now, recheckAfter));
  };

  for (const model of input.fleet) {
    if (model.status !== "probing" || model.enabled || isProtected(policy, model)) continue;
    const key = keyOf(model);
    const twin = enabledByLower.get(`${model.provider}\u0000${model.model_id.toLowerCase()}`);
    if (twin !== undefined && twin !== model.model_id) {
      reject(model, "duplicate_spelling", `case-variant spelling of the enabled ${model.provider}:${twin}`);
      continue;
    }
    if (input.openPromotions.has(key)) {
      plan.awaitingApproval++;
      continue;
    }
    const declinedAt = input.declined.get(key);
    if (declinedAt && declinedAt >= admissionStart(model, now)) {
      reject(model, "declined", "a human declined its promotion");
      continue;
    }
    const evidence = candidateEvidence(model, input.probes.get(key) ?? [], rules, now);
    const verdict = judgeCandidate(evidence, rules, now);
    if (verdict.kind === "promote") plan.promotions.push({ model, evidence, reason: verdict.reason });
    else if (verdict.kind === "reject")
      reject(model, evidence.definitiveFailures >= 2 ? "definitive" : "deadline", verdict.reason);
    else plan.waiting++;
  }

  plan.rechecks = dueRechecks(input.fleet, policy, now);
  const overRejections = Math.max(0, plan.rejections.length - rules.maxPerPass);
  const overRechecks = Math.max(0, plan.rechecks.length - rules.maxPerPass);
  plan.rejections = plan.rejections.slice(0, rules.maxPerPass);
  plan.rechecks = plan.rechecks.slice(0, rules.maxPerPass);
  plan.deferred = overRejections + overRechecks;
  return plan;
}

export function rejection(
  model: ModelDoc,
  kind: RejectionKind,
  reason: string,
  now: Date,
  recheckAfter: Date,
): PlannedRejection {
  const set: FieldValues = {
    enabled: false,
    status: "rejected",
    disabled_reason: `admission: ${reason}`.slice(0, 300),
    disabled_at: now,
    disabled_by: ADMISSION_ACTOR,
    disabled_class: kind === "duplicate_spelling" ? "duplicate_spelling" : "admission_rejected",
    // A duplicate spelling stays a duplicate, and a refuted guess is not probed again (the
    // matcher has moved on); everything else is looked at again later.
    recheck_after: kind === "duplicate_spelling" || kind === "refuted_guess" ? null : recheckAfter,
  };
  return { model, kind, reason, change: { provider: model.provider, model_id: model.model_id, set } };
}

/** Rejected candidates whose recheck date came (not duplicates, not protected), oldest date first. */
function dueRechecks(fleet: readonly ModelDoc[], policy: Policy, now: Date): ChangeRequest[] {
  const due = fleet
    .filter(
      (m) =>
        m.status === "rejected" &&
        !m.enabled &&
        m.disabled_class !== "duplicate_spelling" &&
        m.recheck_after != null &&
        m.recheck_after <= now &&
        !isProtected(policy, m),
    )
    .sort((a, b) => a.recheck_after!.getTime() - b.recheck_after!.getTime());
  return due.map((m) => ({
    provider: m.provider,
    model_id: m.model_id,
    set: {
      status: "probing",
      admission_started_at: now,
      recheck_after: null,
      disabled_reason: null,
      disabled_at: null,
      disabled_by: null,
      disabled_class: null,
    },
  }));
}
