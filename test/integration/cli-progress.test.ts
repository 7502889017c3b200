import { beforeAll, describe, expect, it } from "vitest";
import { runDiscovery, type DiscoveryProgress } from "../../src/catalog/discovery/run.js";
import { silentLogger } from "../../src/logger.js";
import { runOperator, type OperatorProgress } from "../../src/operator/run.js";
import type { PlannedRead } from "../../src/catalog/readers/registry.js";
import type { CatalogRead } from "../../src/catalog/readers/types.js";
import { recordError } from "../../src/signals/record.js";
import { discoveryProgressText, operatorProgressText, progressLine } from "../../src/cli/progress.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * Progress of `operator run` and `discovery fetch`: the services report their phases through the
 * callback, with counts that end where the result does, and the CLI turns that into plain lines.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase("cli-progress");
});

/** A stream like a pipe or a log file: no TTY. */
function pipe(): { isTTY: boolean; write: (s: string) => boolean; text: () => string } {
  const chunks: string[] = [];
  return { isTTY: false, write: (s) => chunks.push(s) > 0, text: () => chunks.join("") };
}

describe("operator run progress", () => {
  it("reports each phase in order with the counts so far, dry run and real run", async () => {
    await t.repos.models.insertMany(
      ["m1", "m2", "m3"].map((model_id) => ({ provider: "acme", model_id, enabled: true, created_at: NOW })),
    );
    for (const m of ["m1", "m2", "m3"])
      await recordError(
        t.repos,
        {
          provider: "acme",
          model_name: m,
          ts: NOW,
          stage: "generate",
          message: "Error code: 404 - The model does not exist",
          http_status: 404,
        },
        NOW,
      );
    const deps = { repos: t.repos, config: t.config, logger: silentLogger, chain: [] };

    const dry: OperatorProgress[] = [];
    const dryRun = await runOperator(deps, { now: NOW, dryRun: true, onProgress: (e) => dry.push(e) });
    expect(dry.map((e) => e.phase)).toEqual(["fleet", "decide", "done"]);
    expect(dry[1]!.counts).toMatchObject({ models: 3, situations: dryRun.run.counts["situations"] });
    expect(dry.at(-1)!.counts).toEqual(dryRun.run.counts);

    const real: OperatorProgress[] = [];
    const run = await runOperator(deps, { now: NOW, onProgress: (e) => real.push(e) });
    expect(real.map((e) => e.phase)).toEqual(["backfill", "fleet", "decide", "record", "execute", "done"]);
    expect(real.at(-1)!.counts).toEqual(run.run.counts);
    // Each event is a copy: later counting does not change what was reported.
    expect(real[0]!.counts).toEqual({});

    const out = pipe();
    const line = progressLine({ label: "operator", enabled: true, stream: out });
    for (const e of real) line.update(operatorProgressText(e));
    line.stop();
    const lines = out.text().split("\n").slice(0, -1);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe("operator: folding signals other runners wrote");
    expect(lines[2]).toMatch(
      /^operator: deciding \| 0 raw docs folded, 3 models, \d+ situations \(\d+ for the LLM\)$/,
    );
    expect(out.text()).not.toContain("\r");
    expect(out.text()).not.toContain("\x1b");
  });
});

describe("discovery fetch progress", () => {
  it("reports each provider before and after its read, with running totals that match the outcomes", async () => {
    // Readers as a provider answers them (what the HTTP readers return); the storage is real.
    const reader = (provider: string, read: Omit<CatalogRead, "provider">) => ({
      provider,
      read: () => Promise.resolve({ provider, ...read }),
    });
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ modelId: `model-${i}`, name: null, raw: { id: `model-${i}` } }));
    const plan: PlannedRead[] = [
      {
        provider: "cerebras",
        reader: reader("cerebras", { rows: rows(4), rawCount: 4, pages: 1, complete: true, error: null }),
      },
      { provider: "mistral", skipped: "no MISTRAL_API_KEY" },
      {
        provider: "groq",
        reader: reader("groq", {
          rows: rows(2),
          rawCount: 2,
          pages: 1,
          complete: false,
          error: "HTTP 500 on page 2",
        }),
      },
    ];
    const events: DiscoveryProgress[] = [];
    const outcomes = await runDiscovery(t.repos, plan, { onProgress: (e) => events.push(e) });

    const read = plan.filter((p) => "reader" in p).map((p) => p.provider);
    expect(events.filter((e) => e.phase === "reading").map((e) => e.provider)).toEqual(read);
    expect(events.filter((e) => e.phase === "read").map((e) => e.provider)).toEqual(
      plan.map((p) => p.provider),
    );
    expect(events.filter((e) => e.phase === "read").map((e) => e.done)).toEqual(plan.map((_, i) => i + 1));
    for (const e of events) expect(e.total).toBe(plan.length);

    const runs = outcomes.flatMap((o) => ("run" in o ? [o.run] : []));
    expect(events.at(-1)!.totals).toEqual({
      complete: runs.filter((r) => r.complete).length,
      incomplete: runs.filter((r) => !r.complete).length,
      skipped: outcomes.length - runs.length,
      accepted: runs.reduce((n, r) => n + r.accepted_count, 0),
      new: runs.reduce((n, r) => n + r.new_count, 0),
    });
    expect(events.at(-1)!.totals).toEqual({ complete: 1, incomplete: 1, skipped: 1, accepted: 6, new: 6 });

    const out = pipe();
    const line = progressLine({ label: "discovery", enabled: true, stream: out });
    for (const e of events) line.update(discoveryProgressText(e));
    const text = out.text();
    expect(text.split("\n")).toEqual([
      "discovery: 1/3 reading cerebras | 0 complete, 0 incomplete, 0 skipped; 0 models, 0 new",
      "discovery: 1/3 cerebras complete, 4 models, 4 new | 1 complete, 0 incomplete, 0 skipped; 4 models, 4 new",
      "discovery: 2/3 mistral skipped (no MISTRAL_API_KEY) | 1 complete, 0 incomplete, 1 skipped; 4 models, 4 new",
      "discovery: 3/3 reading groq | 1 complete, 0 incomplete, 1 skipped; 4 models, 4 new",
      "discovery: 3/3 groq INCOMPLETE, 2 models, 2 new | 1 complete, 1 incomplete, 1 skipped; 6 models, 6 new",
      "",
    ]);
  });
});
