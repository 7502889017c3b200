import type { PendingChange } from "../storage/pending-on-models.js";
import type { CheckStatus } from "../invariants/types.js";
import type { OverallStatus } from "../storage/health-reports-repository.js";

/** Everything the daily health report shows, gathered once; rendering is pure (build.ts). */
export interface HealthReportData {
  generatedAt: Date;
  /** The window the rates, actions and news cover. */
  days: number;
  providers: ProviderSection[];
  /** Success rate per provider per UTC day, oldest first: the chart. */
  daily: { provider: string; points: DailyPoint[] }[];
  /** The situations, at most 100 of `situationsTotal` (a fleet's worst day must not clip the email). */
  situations: SituationLine[];
  situationsTotal: number;
  /** The enabled models failing with a hard error the longest, at most 100 of `likelyGoneTotal`. */
  likelyGone: LikelyGone[];
  likelyGoneTotal: number;
  adapterFixes: AdapterFix[];
  autoActions: AutoAction[];
  /** The oldest pending decisions, at most 100 of `waitingTotal` (every count the email gives). */
  waitingDecisions: WaitingDecision[];
  waitingTotal: number;
  /** Null when the discovery ledger has no rows at all. */
  discovery: DiscoveryLine[] | null;
  spend: SpendLine[];
  /** Null when no evaluation exists. */
  invariants: { evaluationId: string; at: Date; results: InvariantLine[] } | null;
  jobs: JobLine[];
  /** CONSOLE_PUBLIC_URL: pending decisions link to their console page there; null: CLI commands. */
  consoleUrl: string | null;
  /** The LLM's reading of the digest (assessment.ts); absent: not asked, nothing is shown. */
  assessment?: ReportAssessment;
}

/** The LLM's assessment of the day, or why there is none. Its texts are the LLM's: escape them. */
export type ReportAssessment =
  | {
      status: "ok";
      /** `backend:model` that answered. */
      by: string;
      costUsd: number;
      overallStatus: OverallStatus;
      summary: string;
      likelyDeprecated: { model: string; reason: string }[];
      codeFixes: { provider: string; problem: string; fix: string }[];
      providerIssues: { provider: string; issue: string }[];
      recommendedActions: string[];
      /** The answer's items left out, and why (a model or provider the digest does not show). */
      dropped: string[];
    }
  /** `costUsd`: what calls that gave no usable answer were charged (absent in reports stored before it). */
  | { status: "unavailable"; reason: string; costUsd?: number };

export interface ProviderSection {
  provider: string;
  /** not_configured: no credentials here and no runner; never measured, not a failure. */
  state: "healthy" | "degraded" | "paused" | "blocked" | "not_configured";
  stateReason: string;
  stateSince: Date | null;
  enabledModels: number;
  failingModels: number;
  successes: number;
  errors: number;
  /** Null when nothing ran in the window. */
  successRate: number | null;
  errorsByKind: Record<string, number>;
}

export interface DailyPoint {
  day: string;
  successes: number;
  errors: number;
}

export interface SituationLine {
  id: string;
  provider: string;
  kind: string;
  models: number;
  modelIds: string[];
  startedAt: Date;
  lastSeenAt: Date;
  sample: string;
  suggestion: string;
  /** "settings fix applied at <time> for <models>; the next run shows...", or null (src/signals/settings.ts). */
  settingsFix: string | null;
  /** The members' pending decisions: what already waits for a person, whatever the suggestion. */
  pending: PendingChange[];
}

export interface LikelyGone {
  provider: string;
  modelId: string;
  kind: string;
  failingForHours: number | null;
  message: string;
  /** The pending decision about the model, if one waits for a person (a rename, a disable...). */
  pending: PendingChange | null;
}

/**
 * Errors of one "ours" kind (our adapter or profile is wrong) at one provider in the window: one
 * fix as a reader counts them, whatever number of distinct messages it shows up as.
 */
export interface AdapterFix {
  provider: string;
  kind: string;
  /** Errors of this kind at this provider in the window: the Providers section's count. */
  count: number;
  /** The models that had them in the window, most errors first. */
  modelIds: string[];
  /** Distinct messages (fingerprints) seen in the window, and up to two of them, newest first. */
  messages: number;
  samples: string[];
  /**
   * Models whose settings a batch in force changed after their last error: the fix is applied
   * and waits for the next runs to confirm it. A group whose models all are here is not needed.
   */
  settingsChanged: { modelId: string; batchId: string; at: Date; actor: string }[];
  /** False when every model's settings were changed since its last error. */
  needed: boolean;
}

export interface AutoAction {
  batchId: string;
  at: Date;
  actor: string;
  reason: string;
  status: string;
  applied: number;
  failed: number;
  models: string[];
  /** The applied changes by what they did ("disable", "settings", "rename"...), in change order. */
  changes: Record<string, number>;
  /**
   * The applied changes still in force, by what they did: none once the batch is reverted, and
   * none of those in `undone` (src/storage/in-force.ts).
   */
  inForce: Record<string, number>;
  /** Applied changes a later batch took out of force while this batch stands (src/storage/in-force.ts). */
  undone: UndoneChange[];
  /** The revert that undid the batch: its id, who made it and when. Null while in force. */
  reverted: { batchId: string; actor: string; at: Date; status: string } | null;
}

/** One model's change of an automatic batch that is no longer in force, and what ended it. */
export interface UndoneChange {
  model: string;
  /** What the change did ("disable", "settings"...). */
  action: string;
  /** The later batch: a person's undo of this change alone, or a later change of the model. */
  by: { batchId: string; actor: string; at: Date; what: string };
}

export interface WaitingDecision {
  id: string;
  action: string;
  targets: string[];
  createdAt: Date;
  expiresAt: Date;
  confidence: number;
  proposedBy: string;
  reasoning: string;
}

export interface DiscoveryLine {
  provider: string;
  reads: number;
  completeReads: number;
  newModels: number;
  lastReadAt: Date | null;
  lastComplete: boolean | null;
  lastError: string | null;
}

export interface SpendLine {
  category: "operator" | "benchmark";
  /** Closed calls and calls still open at their estimates, as the budget check counts them. */
  todayUsd: number;
  /** Of todayUsd: calls open now (in flight, or left by a stopped process until settled). */
  inFlightUsd: number;
  inFlightCalls: number;
  windowUsd: number;
  budgetUsd: number;
  alertFraction: number;
}

export interface InvariantLine {
  check: string;
  status: CheckStatus;
  summary: string;
}

export interface JobLine {
  name: string;
  lastOutcome: string | null;
  lastRunAt: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
  /**
   * The last run's one-line summary, in our words ("2 of 3 catalog reads complete; groq: incomplete"):
   * an `ok` that did part of its work says so. Absent in reports stored before it.
   */
  lastSummary?: string | null;
  /** Set when no instance schedules the job because a service is missing. */
  unwiredBecause?: string;
  /**
   * For operator-run: the newest recorded operator run from any source (the CLI, the MCP tool or
   * this job); `byThisJob` when it ran inside this job's last run.
   */
  latestOperatorRun?: { runId: string; at: Date; outcome: string; byThisJob: boolean } | null;
}

// Stored with every health report, so the store defines it.
export type { OverallStatus } from "../storage/health-reports-repository.js";

export interface RenderedReport {
  status: OverallStatus;
  reasons: string[];
  subject: string;
  text: string;
  html: string;
}
