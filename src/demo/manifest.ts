import type { DemoManifestRepository } from "../storage/demo-manifest-repository.js";
import type { ErrorKind } from "../taxonomy/kinds.js";
import { SCENARIOS } from "./scenarios.js";
import {
  SCENARIO_TYPES,
  type ExpectedAction,
  type FleetPlan,
  type ModelRole,
  type ScenarioType,
} from "./types.js";

/**
 * The ground truth of a seeded fleet: which incidents it contains, which models each touches,
 * when each began, and what a careful operator does about every model. Later work measures the
 * operator against it, so it is stored next to the fleet (collection `demo_manifest`, one
 * document `_id: "current"`) and can be written to a JSON file.
 */
export interface ManifestScenario {
  /** `<type>:<provider>`: one entry per provider, as an operator sees one situation per provider. */
  id: string;
  type: ScenarioType;
  description: string;
  provider: string;
  kind: ErrorKind | null;
  model_ids: string[];
  /** The earliest start among its models (each model's own start is in models_truth). */
  started_at: Date | null;
  expected_action: ExpectedAction;
  /** The expected action and any defensible alternative (monitor for a transient failure). */
  acceptable_actions: ExpectedAction[];
  why: string;
}

export interface ModelTruth {
  provider: string;
  model_id: string;
  scenario: ModelRole;
  expected_action: ExpectedAction;
  acceptable_actions: ExpectedAction[];
  why: string;
  enabled: boolean;
  kind: ErrorKind | null;
  started_at: Date | null;
  ended_at: Date | null;
}

export interface ManifestCounts {
  models: number;
  enabled: number;
  metrics: number;
  errors: number;
  legacy_errors: number;
}

export interface DemoManifest {
  seed: number;
  now: Date;
  models: number;
  days: number;
  cadence_hours: number;
  window_start: Date;
  /** Filled in when the seed finished; absent while it runs (the database then holds a partial fleet). */
  counts?: ManifestCounts;
  scenarios: ManifestScenario[];
  models_truth: ModelTruth[];
}

export { MANIFEST_COLLECTION, MANIFEST_ID } from "../storage/demo-manifest-repository.js";

export function buildManifest(plan: FleetPlan): DemoManifest {
  const groups = new Map<string, ManifestScenario>();
  for (const m of plan.models) {
    if (!(SCENARIO_TYPES as readonly string[]).includes(m.role)) continue;
    const type = m.role as ScenarioType;
    const def = SCENARIOS[type];
    const id = `${type}:${m.provider}`;
    let s = groups.get(id);
    if (!s) {
      s = {
        id,
        type,
        description: def.description,
        provider: m.provider,
        kind: def.kind ?? null,
        model_ids: [],
        started_at: null,
        expected_action: def.expectedAction,
        acceptable_actions: [def.expectedAction, ...(def.alsoAcceptable ?? [])],
        why: def.why,
      };
      groups.set(id, s);
    }
    s.model_ids.push(m.model_id);
    if (m.startedAt && (s.started_at === null || m.startedAt < s.started_at)) s.started_at = m.startedAt;
    // Candidates' kind depends on the provider (a dedicated-endpoint-only model vs an unknown id).
    if (s.kind === null && m.kind) s.kind = m.kind;
  }
  const order = (s: ManifestScenario): number => SCENARIO_TYPES.indexOf(s.type);
  return {
    seed: plan.options.seed,
    now: plan.options.now,
    models: plan.options.models,
    days: plan.options.days,
    cadence_hours: plan.options.cadenceHours,
    window_start: plan.windowStart,
    scenarios: [...groups.values()].sort(
      (a, b) => order(a) - order(b) || a.provider.localeCompare(b.provider),
    ),
    models_truth: plan.models.map((m) => ({
      provider: m.provider,
      model_id: m.model_id,
      scenario: m.role,
      expected_action: m.expectedAction,
      acceptable_actions: m.acceptableActions,
      why: m.why,
      enabled: m.doc.enabled,
      kind: m.kind ?? null,
      started_at: m.startedAt ?? null,
      ended_at: m.endedAt ?? null,
    })),
  };
}

/** Scenario type → number of models, for reports. */
export function scenarioCounts(manifest: DemoManifest): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of manifest.scenarios) out[s.type] = (out[s.type] ?? 0) + s.model_ids.length;
  return out;
}

/**
 * The manifest document doubles as the marker that a database is a demo database: it is written
 * first (status "seeding") and completed last, so a seed that died half-way can still be re-run.
 */
export async function writeManifest(
  store: DemoManifestRepository,
  manifest: DemoManifest,
  status: "seeding" | "complete",
): Promise<void> {
  await store.write(manifest, status);
}

export async function readManifest(
  store: DemoManifestRepository,
): Promise<(DemoManifest & { status: string }) | null> {
  return store.read<DemoManifest>();
}
