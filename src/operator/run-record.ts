import type { OperatorRunDoc } from "../storage/operator-state-repository.js";
import type { ChosenVerdict } from "./expand.js";
import type { LlmDecisionResult } from "./llm-decision.js";
import type { Situation } from "./types.js";

/** A run's counts and phase timings as it goes, for the run record. */
export interface Tally {
  counts: Record<string, number>;
  timings: Record<string, number>;
  bump: (k: string, n?: number) => void;
  /** Records the time since the previous lap (or the start) under `phase`. */
  lap: (phase: string) => void;
}

export function createTally(): Tally {
  const counts: Record<string, number> = {};
  const bump = (k: string, n = 1): void => void (counts[k] = (counts[k] ?? 0) + n);
  // Phase timings go into the run record: where a run spends its time is an operational fact.
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string): void => {
    const t = performance.now();
    timings[phase] = Math.round(t - mark);
    mark = t;
  };
  return { counts, timings, bump, lap };
}

export interface RunOutcome {
  runId: string;
  now: Date;
  elapsedMs: number;
  dryRun: boolean;
  provider: string | null;
  /** The classifier decided although an LLM chain was configured and there was something to decide. */
  degraded: boolean;
  decision: {
    verdicts: Map<string, ChosenVerdict>;
    llm: LlmDecisionResult | null;
    decidedBy: OperatorRunDoc["decided_by"];
    fallbackReason: string | null;
  };
  tally: Pick<Tally, "counts" | "timings">;
  situations: Situation[];
  decisionIds: string[];
  batchIds: string[];
  providerChanges: OperatorRunDoc["provider_changes"];
}

/** The run's final, immutable record. */
export function runRecord(o: RunOutcome): OperatorRunDoc {
  const { verdicts, llm, decidedBy, fallbackReason } = o.decision;
  const llmCalls = llm?.calls ?? [];
  return {
    _id: o.runId,
    started_at: o.now,
    finished_at: new Date(o.now.getTime() + o.elapsedMs),
    duration_ms: Math.round(o.elapsedMs),
    dry_run: o.dryRun,
    provider: o.provider,
    outcome: o.degraded ? "degraded" : "ok",
    decided_by: decidedBy,
    fallback_reason: fallbackReason,
    counts: o.tally.counts,
    timings: o.tally.timings,
    situations: o.situations.map((s) => {
      const v = verdicts.get(s.id);
      return {
        id: s.id,
        provider: s.provider,
        kind: s.kind,
        models: s.modelCount,
        action: v?.verdict.action ?? s.suggestion.action,
        source: v?.source ?? "classifier",
      };
    }),
    llm: {
      calls: llmCalls.length,
      input_tokens: llmCalls.reduce((n, c) => n + c.inputTokens, 0),
      output_tokens: llmCalls.reduce((n, c) => n + c.outputTokens, 0),
      cost_usd: llmCalls.reduce((n, c) => n + c.costUsd, 0),
      problems: llm?.ok ? llm.problems : llm ? [`${llm.reason}: ${llm.detail}`] : [],
    },
    decision_ids: o.decisionIds,
    batch_ids: o.batchIds,
    provider_changes: o.providerChanges,
  };
}

/** The run's record from its start, so a run that never finishes still leaves one. */
export function startedRecord(runId: string, now: Date, provider: string | null): OperatorRunDoc {
  return {
    _id: runId,
    started_at: now,
    finished_at: now,
    duration_ms: 0,
    dry_run: false,
    provider,
    outcome: "running",
    decided_by: "none",
    counts: {},
    timings: {},
    situations: [],
    llm: { calls: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0, problems: [] },
    decision_ids: [],
    batch_ids: [],
    provider_changes: [],
  };
}
