import { describe, expect, inject, it } from "vitest";
import { isDefinitive } from "../../src/admission/evidence.js";
import { registerAdmissionCommands } from "../../src/cli/commands/admission.js";
import { fleetRuns } from "../../src/demo/documents.js";
import { MANIFEST_COLLECTION, readManifest } from "../../src/demo/manifest.js";
import { planFleet } from "../../src/demo/plan.js";
import { seedDemoFleet, type SeedProgress } from "../../src/demo/seed.js";
import type { FleetOptions } from "../../src/demo/types.js";
import { AppError } from "../../src/errors.js";
import { fleetOverview } from "../../src/fleet/overview.js";
import { window24hStart } from "../../src/signals/read.js";
import { readDate } from "../../src/storage/legacy.js";
import { kindFromStored } from "../../src/taxonomy/legacy.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const OPTIONS: FleetOptions = { seed: 7, now: NOW, models: 120, days: 7, cadenceHours: 3 };

describe("seeding the demo fleet", () => {
  it("stores exactly what the generator produced, through the repositories, with its manifest", async () => {
    const { repos, db } = await openTestDatabase("demo_seed");
    const phases = new Set<SeedProgress["phase"]>();
    const { counts, manifest } = await seedDemoFleet(repos, {
      ...OPTIONS,
      batchSize: 700,
      onProgress: (p) => phases.add(p.phase),
    });
    expect([...phases]).toEqual(["models", "runs", "signals", "indexes", "done"]);

    expect(await repos.models.count()).toBe(120);
    expect(counts.models).toBe(120);
    expect(await repos.models.count({ enabled: true })).toBe(counts.enabled);
    expect(await repos.metrics.count()).toBe(counts.metrics);
    expect(await repos.errors.count()).toBe(counts.errors);
    expect(await repos.errors.count({ fingerprint: { $exists: false } })).toBe(counts.legacy_errors);
    expect(counts.metrics).toBeGreaterThan(2000);

    const stored = await readManifest(repos.demoManifest);
    expect(stored?.status).toBe("complete");
    expect(stored?.counts).toEqual(counts);
    expect(stored?.seed).toBe(7);
    expect(stored?.now).toEqual(NOW);
    expect(stored?.scenarios.map((s) => s.id)).toEqual(manifest.scenarios.map((s) => s.id));
    expect(stored?.models_truth).toHaveLength(120);

    // Legacy shapes survive the round trip: ISO-string timestamps and added_at instead of created_at.
    expect(await repos.errors.count({ ts: { $type: "string" } })).toBeGreaterThan(0);
    const legacyModels = await repos.models.find({ added_at: { $exists: true } });
    expect(legacyModels.every((m) => m.created_at instanceof Date)).toBe(true);

    // The overview (read from the signals' hour counters) agrees with counts taken from the
    // generated documents themselves over the same window: the current hour and the 23 before it.
    // Kinds are as the signals record them: legacy and missing kinds classified on the way in.
    const overview = await fleetOverview(repos, NOW);
    const since = window24hStart(NOW).getTime();
    expect(since).toBe(NOW.getTime() - 23 * 3_600_000);
    const inWindow = (t: number): boolean => t >= since && t < NOW.getTime();
    let successes = 0;
    let errors = 0;
    const byKind = new Map<string, number>();
    for (const run of fleetRuns(planFleet(OPTIONS))) {
      if (run.collection === "metrics") {
        if (inWindow(run.doc.gen_ts.getTime())) successes++;
      } else if (inWindow(readDate(run.doc.ts)!.getTime())) {
        errors++;
        const { kind } = kindFromStored(run.doc);
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
    }
    expect(overview.totals).toMatchObject({
      models: 120,
      enabled: counts.enabled,
      successes_24h: successes,
      errors_24h: errors,
      providers: 11,
    });
    expect(new Map(overview.errors_by_kind.map((k) => [k.kind, k.count]))).toEqual(byKind);
    const fireworks = overview.providers.find((p) => p.provider === "fireworks")!;
    expect(fireworks.successes_24h).toBe(0);
    expect(fireworks.errors_24h).toBeGreaterThan(0);
    expect(overview.totals.candidates).toBeGreaterThanOrEqual(1);

    // Re-seeding replaces the fleet instead of adding to it.
    const again = await seedDemoFleet(repos, OPTIONS);
    expect(again.counts).toEqual(counts);
    expect(await repos.models.count()).toBe(120);
    expect(await repos.metrics.count()).toBe(counts.metrics);
    expect(await db.collection(MANIFEST_COLLECTION).countDocuments()).toBe(1);
    // Two seeds of ~3,000 documents into FerretDB: seconds when idle, longer on a busy machine.
  }, 120_000);

  it("writes the admission probes its rejected candidates' reason cites, so admission list counts them", async () => {
    const t = await openTestDatabase("demo_probes");
    await seedDemoFleet(t.repos, OPTIONS);
    const rejected = (await t.repos.models.find()).filter((m) => m.status === "rejected");
    expect(rejected.length).toBeGreaterThan(0);
    for (const m of rejected) {
      expect(m.disabled_reason, m.model_id).toBe("Admission: 2 definitive probe failures");
      const probes = await t.repos.probeRuns.forModel(m.provider, m.model_id);
      expect(
        probes.map((p) => [p.purpose, p.ok, isDefinitive(p.error_kind)]),
        m.model_id,
      ).toEqual([
        ["admission", false, true],
        ["admission", false, true],
      ]);
      // Between its admission start and its rejection, as admission would have read them.
      for (const p of probes) {
        expect(p.ts.getTime()).toBeGreaterThanOrEqual(m.created_at!.getTime());
        expect(p.ts.getTime()).toBeLessThanOrEqual(m.disabled_at!.getTime());
        expect(p.message).toBeTruthy();
      }
    }
    const cli = inProcessCli(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerAdmissionCommands],
    );
    const rows = JSON.parse(await cli("admission", "list", "--status", "rejected", "--json")) as {
      model_id: string;
      reason: string;
      evidence: { probes: number; definitiveFailures: number };
    }[];
    expect(rows.map((r) => r.model_id).sort()).toEqual(rejected.map((m) => m.model_id).sort());
    for (const r of rows)
      expect([r.reason, r.evidence.probes, r.evidence.definitiveFailures]).toEqual([
        "Admission: 2 definitive probe failures",
        2,
        2,
      ]);
  });

  it("refuses a database that holds models the demo did not write, and leaves it alone", async () => {
    const { repos } = await openTestDatabase("demo_refuse");
    await repos.models.insertMany([
      { provider: "openai", model_id: "gpt-4o-mini", enabled: true, created_at: NOW },
    ]);
    const attempt = seedDemoFleet(repos, OPTIONS);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toThrow(
      /Database "t_demo_refuse_\w+" already holds a fleet the demo did not write \(1 models/,
    );
    expect(await repos.models.count()).toBe(1);
    expect(await readManifest(repos.demoManifest)).toBeNull();
  });
});
