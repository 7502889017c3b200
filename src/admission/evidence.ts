import type { ModelDoc } from "../storage/documents.js";
import type { ProbeRunDoc } from "../storage/probe-runs-repository.js";
import { classOf, type ErrorKind } from "../taxonomy/kinds.js";

const HOUR_MS = 3_600_000;

/** What admission needs from the settings (`config.admission`). */
export interface AdmissionRules {
  windowHours: number;
  deadlineHours: number;
}

/** Two successes in separate windows promote; two definitive failures reject (DESIGN section 10). */
export const REQUIRED_SUCCESS_WINDOWS = 2;
export const DEFINITIVE_FAILURES_TO_REJECT = 2;

/** What a candidate's probes since its admission started show. */
export interface CandidateEvidence {
  /** When the current probing began (a recheck starts it again); earlier probes do not count. */
  startedAt: Date;
  probes: number;
  successes: number;
  /** Successes at least one window apart, counted greedily from the oldest. */
  successWindows: number;
  /** Hard-class or auth failures after the newest success: evidence that the id does not work for us. */
  definitiveFailures: number;
  otherFailures: number;
  lastProbeAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureKind: ErrorKind | null;
}

export type CandidateVerdict =
  { kind: "promote"; reason: string } | { kind: "reject"; reason: string } | { kind: "wait"; reason: string };

/** A failure that says the model id does not work for us, rather than that the moment was bad. */
export function isDefinitive(kind: ErrorKind | null): boolean {
  return kind !== null && (classOf(kind) === "hard" || kind === "auth");
}

/** When this candidate's current probing began: the admission start, else when it was added. */
export function admissionStart(model: ModelDoc, now: Date): Date {
  return model.admission_started_at ?? model.created_at ?? now;
}

/**
 * Reads a candidate's probe runs (any order, any age: only those since its admission started
 * count). Windows are spacing, not clock buckets: two probes a minute apart on either side of a
 * bucket boundary would otherwise count as two windows.
 */
export function candidateEvidence(
  model: ModelDoc,
  probes: readonly ProbeRunDoc[],
  rules: AdmissionRules,
  now: Date,
): CandidateEvidence {
  const startedAt = admissionStart(model, now);
  const mine = probes
    .filter((p) => p.ts.getTime() >= startedAt.getTime())
    .sort((a, b) => a.ts.getTime() - b.ts.getTime());
  const windowMs = rules.windowHours * HOUR_MS;
  let successWindows = 0;
  let lastCounted = -Infinity;
  let definitive = 0;
  let other = 0;
  let lastSuccessAt: Date | null = null;
  let lastFailureKind: ErrorKind | null = null;
  for (const p of mine) {
    if (p.ok) {
      lastSuccessAt = p.ts;
      definitive = 0; // a success shows the id works; only failures after it can say otherwise
      if (p.ts.getTime() - lastCounted >= windowMs) {
        successWindows++;
        lastCounted = p.ts.getTime();
      }
    } else {
      lastFailureKind = p.error_kind;
      if (isDefinitive(p.error_kind)) definitive++;
      else other++;
    }
  }
  return {
    startedAt,
    probes: mine.length,
    successes: mine.filter((p) => p.ok).length,
    successWindows,
    definitiveFailures: definitive,
    otherFailures: other,
    lastProbeAt: mine.at(-1)?.ts ?? null,
    lastSuccessAt,
    lastFailureKind,
  };
}

/**
 * Promote, reject or wait. Definitive failures after the newest success win over earlier
 * successes (a model that worked and now says "not found" is not admitted); then two success
 * windows promote; then the deadline rejects; otherwise the candidate waits for more probes.
 */
export function judgeCandidate(e: CandidateEvidence, rules: AdmissionRules, now: Date): CandidateVerdict {
  if (e.definitiveFailures >= DEFINITIVE_FAILURES_TO_REJECT) {
    return {
      kind: "reject",
      reason: `${e.definitiveFailures} definitive probe failures (${e.lastFailureKind ?? "?"})${e.lastSuccessAt ? " after its last success" : ""}`,
    };
  }
  if (e.successWindows >= REQUIRED_SUCCESS_WINDOWS) {
    return {
      kind: "promote",
      reason: `${e.successes} successful probe(s) in ${e.successWindows} separate ${rules.windowHours} h windows`,
    };
  }
  const deadline = e.startedAt.getTime() + rules.deadlineHours * HOUR_MS;
  if (now.getTime() >= deadline) {
    return {
      kind: "reject",
      reason: `not admitted within ${rules.deadlineHours} h: ${e.successWindows} success window(s) of ${REQUIRED_SUCCESS_WINDOWS}, ${e.probes} probe(s), ${e.definitiveFailures + e.otherFailures} failure(s)`,
    };
  }
  return {
    kind: "wait",
    reason: `${e.successWindows} of ${REQUIRED_SUCCESS_WINDOWS} success windows, ${e.definitiveFailures} definitive failure(s)`,
  };
}
