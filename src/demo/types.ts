import type { ModelDoc } from "../storage/documents.js";
import type { ErrorKind } from "../taxonomy/kinds.js";
import type { DemoProvider } from "./providers.js";

/** What a careful human operator would do about a model; the manifest's ground truth. */
export const EXPECTED_ACTIONS = [
  "disable",
  "pause_provider",
  "leave",
  "monitor",
  "fix_adapter",
  "dedupe",
  "rename",
] as const;
export type ExpectedAction = (typeof EXPECTED_ACTIONS)[number];

/** The incidents the synthetic fleet contains, each with a known right answer. */
export const SCENARIO_TYPES = [
  "removed",
  "retired",
  "terms_required",
  "provider_auth_outage",
  "provider_out_of_credit",
  "rate_limit_bursts",
  "reasoning_budget_exhausted",
  "intermittent_timeouts",
  "provider_deprecated",
  "case_variant",
  "never_succeeded",
  "recovered",
  "wrong_api_surface",
  "renamed",
] as const;
export type ScenarioType = (typeof SCENARIO_TYPES)[number];

/** Models outside every scenario are either healthy or were disabled before (or during) the window. */
export type ModelRole = ScenarioType | "healthy" | "disabled";

export interface FleetOptions {
  seed: number;
  /** The end of the generated history; the caller passes it, the generator never reads the clock. */
  now: Date;
  models: number;
  days: number;
  cadenceHours: number;
}

/** One model of the fleet with everything the document generator needs to write its history. */
export interface ModelPlan {
  provider: DemoProvider;
  model_id: string;
  /** The catalog document as it is stored in `models`. */
  doc: ModelDoc;
  role: ModelRole;
  expectedAction: ExpectedAction;
  /** The expected action and the defensible alternatives (for example monitor for a transient failure). */
  acceptableActions: ExpectedAction[];
  why: string;
  /** The error kind this model's incident produces (what a correct classifier says). */
  kind?: ErrorKind;
  /** When the incident began: every run at or after it fails (for the failing roles). */
  startedAt?: Date;
  /** When the incident ended (the recovered model): runs from here on succeed. */
  endedAt?: Date;
  /** Runs happen in [runsFrom, runsUntil). */
  runsFrom: Date;
  runsUntil: Date;
  /** Offset of this model's run inside each cadence slot, so a sweep is spread out as in production. */
  phaseMs: number;
  /** Benchmark profile: the default 64-token profile, or the reasoning profile with a larger budget. */
  profile: "default" | "reasoning";
  sampleRole: "published" | "probe";
  /**
   * The admission probes that got a rejected candidate rejected (written to `probe_runs`), so its
   * reason ("2 definitive probe failures") is what `admission list` counts from them.
   */
  admissionProbes?: { ts: Date; kind: ErrorKind }[];
}

export interface FleetPlan {
  options: FleetOptions;
  windowStart: Date;
  cadenceMs: number;
  models: ModelPlan[];
}
