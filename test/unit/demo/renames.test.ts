import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findSuccessor } from "../../../src/catalog/successor.js";
import { modelRuns } from "../../../src/demo/documents.js";
import { planFleet } from "../../../src/demo/plan.js";
import { DEMO_RENAMES } from "../../../src/demo/renames.js";
import { DEMO_CATALOG_DIR } from "../../../src/demo/seed-catalog.js";
import { readDate } from "../../../src/storage/legacy.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const snapshot = JSON.parse(
  readFileSync(join(DEMO_CATALOG_DIR, "openrouter-models-2026-06-06.json"), "utf8"),
) as { data: { id: string }[] };
const listed = snapshot.data.map((m) => m.id);

describe("the demo's renamed models", () => {
  it.each([120, 523, 5000])(
    "in a %i-model fleet: enabled, failing as unknown ids, with one successor in the shipped snapshot",
    (models) => {
      const plan = planFleet({ seed: 42, now: NOW, models, days: 7, cadenceHours: 3 });
      expect(plan.models).toHaveLength(models);
      const renamed = plan.models.filter((m) => m.role === "renamed");
      expect(renamed.map((m) => m.model_id).sort()).toEqual(DEMO_RENAMES.map((r) => r.from).sort());
      for (const m of renamed) {
        const pair = DEMO_RENAMES.find((r) => r.from === m.model_id)!;
        expect(m.doc.enabled).toBe(true);
        expect(m.expectedAction).toBe("rename");
        expect(m.why).toContain(pair.to);
        // What the operator reads: the old id absent, exactly one successor, not already measured.
        const measured = new Set(plan.models.filter((x) => x.provider === m.provider).map((x) => x.model_id));
        const finding = findSuccessor(m.model_id, listed, measured, {
          finished_at: NOW,
          model_count: listed.length,
        });
        expect(finding).toMatchObject({ outcome: "successor", evidence: { to: pair.to } });
        // Every run since the rename fails with OpenRouter's unknown-id answer (model_not_found),
        // never its "no endpoints" answer for a known id nobody serves.
        const since = [...modelRuns(plan, m)].filter(
          (r) => (r.collection === "metrics" ? r.doc.gen_ts : readDate(r.doc.ts)!) >= m.startedAt!,
        );
        expect(since.length).toBeGreaterThan(20);
        for (const r of since) {
          expect(r.collection).toBe("errors");
          expect(JSON.stringify(r.doc)).toContain("is not a valid model ID");
        }
      }
    },
  );
});
