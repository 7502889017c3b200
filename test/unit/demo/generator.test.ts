import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../../src/demo/catalog.js";
import { fleetRuns, LEGACY_ERROR_SHARE, modelRuns, type RunDoc } from "../../../src/demo/documents.js";
import { buildManifest } from "../../../src/demo/manifest.js";
import { planFleet } from "../../../src/demo/plan.js";
import { AUTH_OUTAGE_PROVIDER, CREDIT_PROVIDER, SCENARIOS } from "../../../src/demo/scenarios.js";
import {
  SCENARIO_TYPES,
  type FleetOptions,
  type FleetPlan,
  type ModelPlan,
} from "../../../src/demo/types.js";
import { readDate } from "../../../src/storage/legacy.js";
import { describeError } from "../../../src/taxonomy/classify.js";
import { classOf } from "../../../src/taxonomy/kinds.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const HOUR = 3_600_000;
const options = (o: Partial<FleetOptions> = {}): FleetOptions => ({
  seed: 42,
  now: NOW,
  models: 523,
  days: 30,
  cadenceHours: 3,
  ...o,
});

function digest(plan: FleetPlan): string {
  const h = createHash("sha256");
  h.update(JSON.stringify(plan.models.map((m) => m.doc)));
  for (const run of fleetRuns(plan)) h.update(JSON.stringify(run.doc));
  return h.digest("hex");
}

/** Each model's runs, in time order, with the run time (gen_ts or ts) as a number. */
interface Run {
  ok: boolean;
  t: number;
  run: RunDoc;
}
function runsOf(plan: FleetPlan, m: ModelPlan): Run[] {
  return [...modelRuns(plan, m)].map((run) => ({
    ok: run.collection === "metrics",
    t: run.collection === "metrics" ? run.doc.gen_ts.getTime() : readDate(run.doc.ts)!.getTime(),
    run,
  }));
}

const reference = planFleet(options());
const referenceRuns = new Map(reference.models.map((m) => [m, runsOf(reference, m)]));
const byRole = (role: string): ModelPlan[] => reference.models.filter((m) => m.role === role);
const now = NOW.getTime();
const cadence = 3 * HOUR;

describe("the demo fleet generator", () => {
  it("is deterministic: the same seed gives identical documents, another seed different ones", () => {
    const small = options({ models: 120, days: 7 });
    expect(digest(planFleet(small))).toBe(digest(planFleet(small)));
    expect(digest(planFleet({ ...small, seed: 43 }))).not.toBe(digest(planFleet(small)));
    // The same models exist whatever the seed; what happens to them differs.
    expect(
      planFleet({ ...small, seed: 43 })
        .models.map((m) => m.model_id)
        .sort(),
    ).toEqual(
      planFleet(small)
        .models.map((m) => m.model_id)
        .sort(),
    );
  });

  it("has about 220 of 523 models enabled, with every scenario present", () => {
    expect(reference.models).toHaveLength(523);
    const enabled = reference.models.filter((m) => m.doc.enabled).length;
    expect(enabled).toBeGreaterThanOrEqual(215);
    expect(enabled).toBeLessThanOrEqual(225);
    const manifest = buildManifest(reference);
    for (const type of SCENARIO_TYPES) {
      const ids = manifest.scenarios.filter((s) => s.type === type).flatMap((s) => s.model_ids);
      expect(ids.length, type).toBeGreaterThanOrEqual(1);
    }
    expect(manifest.models_truth).toHaveLength(523);
    // Small fleets keep every scenario too.
    const small = buildManifest(planFleet(options({ models: 120, days: 7 })));
    expect(new Set(small.scenarios.map((s) => s.type))).toEqual(new Set(SCENARIO_TYPES));
  });

  it("scales incidents with the fleet and keeps ids unique per provider (case-insensitively)", () => {
    const big = planFleet(options({ models: 5000, days: 5 }));
    expect(big.models).toHaveLength(5000);
    const count = (p: FleetPlan, role: string): number => p.models.filter((m) => m.role === role).length;
    expect(count(big, "removed")).toBeGreaterThanOrEqual(8 * count(reference, "removed"));
    expect(count(big, "retired")).toBeGreaterThanOrEqual(8 * count(reference, "retired"));
    for (const plan of [reference, big]) {
      const exact = new Set(plan.models.map((m) => `${m.provider}|${m.model_id}`));
      expect(exact.size).toBe(plan.models.length);
      const folded = new Set(plan.models.map((m) => `${m.provider}|${m.model_id.toLowerCase()}`));
      // Only the deliberate case-variant pairs collide once case is ignored.
      expect(plan.models.length - folded.size).toBe(count(plan, "case_variant") / 2);
    }
    const ids = buildCatalog(523).map((e) => e.model_id);
    for (const real of [
      "gpt-4o-mini",
      "o3-mini",
      "claude-sonnet-4-5-20250929",
      "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      "meta.llama3-1-70b-instruct-v1:0",
      "llama-3.3-70b-versatile",
      "meta-llama/Llama-3.3-70B-Instruct-Turbo",
      "accounts/fireworks/models/llama-v3p1-405b-instruct",
      "anthropic/claude-3.5-sonnet",
    ]) {
      expect(ids).toContain(real);
    }
  });

  it("writes a manifest whose scenarios and per-model truth agree", () => {
    const manifest = buildManifest(reference);
    const truth = new Map(manifest.models_truth.map((t) => [`${t.provider}|${t.model_id}`, t]));
    for (const s of manifest.scenarios) {
      expect(s.id).toBe(`${s.type}:${s.provider}`);
      for (const id of s.model_ids) expect(truth.get(`${s.provider}|${id}`)?.scenario).toBe(s.type);
      expect(s.acceptable_actions).toContain(s.expected_action);
    }
    for (const t of manifest.models_truth) {
      expect(t.acceptable_actions).toContain(t.expected_action);
      expect(t.why.length, `${t.provider} ${t.model_id}`).toBeGreaterThan(10);
    }
    // The provider-wide scenarios are never "disable", and disabled models are left alone.
    const actionsOf = (role: string): Set<string> =>
      new Set(manifest.models_truth.filter((t) => t.scenario === role).map((t) => t.expected_action));
    expect(actionsOf("provider_auth_outage")).toEqual(new Set(["pause_provider"]));
    expect(actionsOf("provider_out_of_credit")).toEqual(new Set(["pause_provider"]));
    expect(actionsOf("disabled")).toEqual(new Set(["leave"]));
    expect(actionsOf("healthy")).toEqual(new Set(["leave"]));
    // No recheck date is overdue, so "leave" is unambiguous for every disabled model.
    for (const m of byRole("disabled")) {
      if (m.doc.recheck_after) expect(m.doc.recheck_after.getTime()).toBeGreaterThan(now);
    }
  });

  it("refuses options it cannot honour", () => {
    expect(() => planFleet(options({ days: 2 }))).toThrow(/days must be an integer of at least 5/);
    expect(() => planFleet(options({ models: 10 }))).toThrow(/models must be/);
  });
});

describe("scenario invariants in the generated documents", () => {
  it("models that stopped working have no success since the incident began and fail on every run since", () => {
    for (const role of ["removed", "retired", "terms_required", "wrong_api_surface"]) {
      const models = byRole(role);
      expect(models.length, role).toBeGreaterThan(0);
      for (const m of models) {
        const start = m.startedAt!.getTime();
        const runs = referenceRuns.get(m)!;
        const after = runs.filter((r) => r.t >= start);
        expect(
          after.every((r) => !r.ok),
          `${m.model_id} succeeded after ${m.startedAt?.toISOString()}`,
        ).toBe(true);
        // At least one error per cadence, from the start to now.
        expect(after[0]!.t - start).toBeLessThan(cadence + 5000);
        expect(now - after.at(-1)!.t).toBeLessThan(cadence + 10 * 60_000);
        for (let i = 1; i < after.length; i++)
          expect(after[i]!.t - after[i - 1]!.t).toBeLessThanOrEqual(cadence + 200_000);
        if (role !== "wrong_api_surface") expect(start).toBeLessThanOrEqual(now - 2 * 24 * HOUR);
      }
    }
  });

  it("the auth outage hits every enabled model of one provider since about 30 hours ago, and only then", () => {
    const outage = byRole("provider_auth_outage");
    const enabledThere = reference.models.filter((m) => m.provider === AUTH_OUTAGE_PROVIDER && m.doc.enabled);
    expect(outage.map((m) => m.model_id).sort()).toEqual(enabledThere.map((m) => m.model_id).sort());
    expect(outage.every((m) => m.expectedAction === "pause_provider")).toBe(true);
    for (const m of outage) {
      expect(m.startedAt!.getTime()).toBe(now - 30 * HOUR);
      const runs = referenceRuns.get(m)!;
      const after = runs.filter((r) => r.t >= m.startedAt!.getTime());
      expect(after.length).toBeGreaterThanOrEqual(9);
      expect(after.every((r) => !r.ok)).toBe(true);
      for (const r of after) {
        if (r.run.collection === "errors" && r.run.doc.fingerprint) expect(r.run.doc.error_kind).toBe("auth");
      }
      // Healthy before: the last day before the outage succeeded.
      const before = runs.filter(
        (r) => r.t < m.startedAt!.getTime() && r.t >= m.startedAt!.getTime() - 24 * HOUR,
      );
      expect(before.filter((r) => r.ok).length).toBeGreaterThanOrEqual(6);
    }
    // No other provider fails wholesale: each has an enabled model that succeeded in the last day.
    for (const provider of new Set(reference.models.map((m) => m.provider))) {
      if (provider === AUTH_OUTAGE_PROVIDER || provider === CREDIT_PROVIDER) continue;
      const healthy = reference.models.some(
        (m) =>
          m.provider === provider &&
          m.doc.enabled &&
          referenceRuns.get(m)!.some((r) => r.ok && r.t > now - 24 * HOUR),
      );
      expect(healthy, provider).toBe(true);
    }
  });

  it("the provider out of credit gets 402 billing errors for three days on every enabled model", () => {
    const credit = byRole("provider_out_of_credit");
    expect(credit.length).toBe(
      reference.models.filter((m) => m.provider === CREDIT_PROVIDER && m.doc.enabled).length,
    );
    for (const m of credit) {
      const after = referenceRuns.get(m)!.filter((r) => r.t >= now - 72 * HOUR);
      expect(after.every((r) => !r.ok)).toBe(true);
      const stored = after.flatMap((r) =>
        r.run.collection === "errors" && r.run.doc.fingerprint ? [r.run.doc] : [],
      );
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.every((d) => d.error_kind === "billing" && d.http_status === 402)).toBe(true);
    }
  });

  it("the recovered model failed from 4 to 2 days ago and succeeded on every run before and since", () => {
    for (const m of byRole("recovered")) {
      const [start, end] = [m.startedAt!.getTime(), m.endedAt!.getTime()];
      expect(end - start).toBe(48 * HOUR);
      const runs = referenceRuns.get(m)!;
      expect(runs.filter((r) => !r.ok).every((r) => r.t >= start && r.t < end + 5000)).toBe(true);
      expect(runs.filter((r) => r.t >= start && r.t < end).every((r) => !r.ok)).toBe(true);
      const since = runs.filter((r) => r.t >= end);
      expect(since.length).toBeGreaterThanOrEqual(15);
      expect(since.every((r) => r.ok)).toBe(true);
      expect(m.expectedAction).toBe("leave");
    }
  });

  it("transient scenarios interleave failures with successes", () => {
    const maxStreak = (runs: Run[]): number => {
      let best = 0;
      let cur = 0;
      for (const r of runs) best = Math.max(best, (cur = r.ok ? 0 : cur + 1));
      return best;
    };
    for (const m of byRole("rate_limit_bursts")) {
      const runs = referenceRuns.get(m)!;
      expect(runs.some((r) => !r.ok)).toBe(true);
      expect(maxStreak(runs)).toBeLessThanOrEqual(2);
      expect(runs.some((r) => r.ok && r.t > now - 24 * HOUR)).toBe(true);
    }
    for (const m of byRole("intermittent_timeouts")) {
      const runs = referenceRuns.get(m)!;
      const failures = runs.filter((r) => !r.ok).length;
      expect(failures).toBeGreaterThan(runs.length * 0.15);
      expect(failures).toBeLessThan(runs.length * 0.5);
      expect(maxStreak(runs)).toBeLessThanOrEqual(2);
    }
    for (const m of byRole("reasoning_budget_exhausted")) {
      const runs = referenceRuns.get(m)!;
      expect(runs.some((r) => r.ok)).toBe(true);
      const errors = runs.flatMap((r) => (r.run.collection === "errors" ? [r.run.doc] : []));
      expect(errors.length).toBeGreaterThan(runs.length * 0.4);
      expect(errors.every((d) => d.stage === "validate")).toBe(true);
      expect(m.expectedAction).toBe("fix_adapter");
    }
  });

  it("catalog scenarios: deprecated flags, case variants and probing candidates", () => {
    for (const m of byRole("provider_deprecated")) {
      expect(m.doc).toMatchObject({ enabled: true, deprecated: true });
      expect(referenceRuns.get(m)!.some((r) => r.ok && r.t > now - 24 * HOUR)).toBe(true);
    }
    const variants = byRole("case_variant");
    expect(variants).toHaveLength(2);
    expect(variants.every((m) => m.doc.enabled)).toBe(true);
    expect(variants[0]!.model_id.toLowerCase()).toBe(variants[1]!.model_id.toLowerCase());
    expect(variants[0]!.model_id).not.toBe(variants[1]!.model_id);
    expect(variants.map((m) => m.expectedAction).sort()).toEqual(["dedupe", "leave"]);
    expect(variants.find((m) => m.expectedAction === "dedupe")!.model_id).toBe(
      "meta-llama/llama-3.3-70b-instruct-turbo",
    );
    for (const m of byRole("never_succeeded")) {
      expect(m.doc).toMatchObject({ enabled: false, status: "probing" });
      const runs = referenceRuns.get(m)!;
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.every((r) => !r.ok)).toBe(true);
    }
  });

  it("healthy models succeed recently and never fail twice in a row", () => {
    const healthy = byRole("healthy");
    expect(healthy.length).toBeGreaterThan(100);
    for (const m of healthy) {
      const runs = referenceRuns.get(m)!;
      expect(
        runs.some((r) => r.ok && r.t > now - 6 * HOUR),
        m.model_id,
      ).toBe(true);
      for (let i = 1; i < runs.length; i++) expect(runs[i - 1]!.ok || runs[i]!.ok).toBe(true);
    }
  });
});

describe("generated documents", () => {
  const all = [...referenceRuns.values()].flat().map((r) => r.run);
  const errors = all.flatMap((r) => (r.collection === "errors" ? [r.doc] : []));
  const metrics = all.flatMap((r) => (r.collection === "metrics" ? [r.doc] : []));

  it("store what production writers store: the classifier's kind, class, normalized message and fingerprint", () => {
    const current = errors.filter((d) => d.fingerprint !== undefined);
    expect(current.length).toBeGreaterThan(1000);
    for (const d of current.slice(0, 2000)) {
      // What decided the kind is shown by `errors classify`, not stored.
      const { basis: _basis, ...expected } = describeError({
        provider: d.provider,
        httpStatus: d.http_status,
        message: d.message,
        exceptionType: typeof d.exc_type === "string" ? d.exc_type : null,
        model: d.model_name,
      });
      expect({
        kind: d.error_kind,
        class: d.error_class,
        normalized_message: d.normalized_message,
        fingerprint: d.fingerprint,
      }).toEqual(expected);
    }
  });

  it("scenario errors carry the class their scenario means (what the operator's action rests on)", () => {
    for (const m of reference.models) {
      if (m.role === "healthy" || m.role === "disabled" || !m.kind || !m.startedAt) continue;
      for (const r of referenceRuns.get(m)!) {
        if (r.run.collection !== "errors" || !r.run.doc.fingerprint || r.t < m.startedAt.getTime()) continue;
        expect(r.run.doc.error_class, `${m.role} ${m.provider} ${r.run.doc.message}`).toBe(classOf(m.kind));
      }
    }
    // And the scenario's own kind wherever a provider's message names it unambiguously.
    for (const role of [
      "retired",
      "terms_required",
      "wrong_api_surface",
      "provider_auth_outage",
      "reasoning_budget_exhausted",
    ] as const) {
      for (const m of byRole(role)) {
        const kinds = new Set(
          referenceRuns
            .get(m)!
            .filter(
              (r) => r.t >= m.startedAt!.getTime() && r.run.collection === "errors" && r.run.doc.fingerprint,
            )
            .map((r) => (r.run.collection === "errors" ? r.run.doc.error_kind : "")),
        );
        expect([...kinds], `${role} ${m.model_id}`).toEqual([SCENARIOS[role].kind]);
      }
    }
  });

  it("include a minority of legacy error documents in the earlier runner's shape", () => {
    const legacy = errors.filter((d) => d.fingerprint === undefined);
    expect(legacy.length / errors.length).toBeGreaterThan(LEGACY_ERROR_SHARE * 0.6);
    expect(legacy.length / errors.length).toBeLessThan(LEGACY_ERROR_SHARE * 1.4);
    expect(legacy.every((d) => d.error_class === undefined && d.normalized_message === undefined)).toBe(true);
    expect(legacy.some((d) => typeof d.ts === "string")).toBe(true);
    expect(legacy.some((d) => d.ts instanceof Date)).toBe(true);
    expect(legacy.some((d) => d.error_kind === undefined)).toBe(true);
    expect(legacy.some((d) => ["hard_model", "transient_provider"].includes(String(d.error_kind)))).toBe(
      true,
    );
    expect(
      reference.models.some((m) => m.doc["added_at"] instanceof Date && m.doc.created_at === undefined),
    ).toBe(true);
  });

  it("write metrics that satisfy the metric contract", () => {
    expect(metrics.length).toBeGreaterThan(40_000);
    // One pass collecting violations: tens of thousands of expect() calls would be slow.
    const bad = metrics.filter(
      (d) =>
        ![64, 512].includes(d.requested_tokens) ||
        d.output_tokens > d.requested_tokens ||
        Math.abs(d.tokens_per_second - d.output_tokens / d.generate_time) > 1e-3 ||
        !(d.time_to_first_token! > 0) ||
        !(d.generate_time > d.time_to_first_token!) ||
        d.times_between_tokens.length < 5 ||
        d.sample_role !== "published" ||
        d.attempt !== 1 ||
        d.token_source !== "provider_usage" ||
        d.protocol_version !== 1 ||
        d.run_ts > d.gen_ts,
    );
    expect(bad.slice(0, 3)).toEqual([]);
    // Provider speed profiles (decode speed; tokens_per_second also counts the time to first token):
    // Groq is far faster than Bedrock, and Cerebras faster still.
    const median = (provider: string): number => {
      const v = metrics
        .filter((d) => d.provider === provider)
        .map((d) => d.output_tokens_per_second!)
        .sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)]!;
    };
    expect(median("groq")).toBeGreaterThan(3 * median("bedrock"));
    expect(median("cerebras")).toBeGreaterThan(3 * median("groq"));
  });
});
