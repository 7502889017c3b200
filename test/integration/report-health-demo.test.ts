import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { registerBatchesCommands } from "../../src/cli/commands/batches.js";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { gatherHealthReport } from "../../src/report/gather.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { depsFor } from "../unit/jobs/fixtures.js";

/**
 * The daily health report on the demo fleet after `operator run` from the CLI, as the audit read
 * it: `report health --dry-run` (text) and `--html`, each number checked against the database.
 */
let t: TestDatabase;
let firstBatch: string;

function cli(): (...args: string[]) => Promise<string> {
  return inProcessCli(
    () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
    [registerOperatorCommands, registerBatchesCommands, registerReportCommands],
  );
}

const report = (...extra: string[]): Promise<string> =>
  cli()("report", "health", "--dry-run", "--no-assessment", ...extra);
/** The text part with its whitespace collapsed, so the 100-column wrap does not matter. */
const unwrapped = (text: string): string => text.replace(/\s+/g, " ");

beforeAll(async () => {
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  t = await openTestDatabase("report_demo");
  await seedDemoFleet(t.repos, { seed: 42, now, models: 523, days: 7, cadenceHours: 6 });
  await seedDemoCatalog(t.repos, now);
  await cli()("operator", "run");
  firstBatch = (await t.repos.mutations.list({ limit: 1 }))[0]!._id;
}, 240_000);

afterEach(() => vi.restoreAllMocks());

describe("report health on the demo fleet after operator run", () => {
  it("adapter fixes: one per provider and kind, counted in the window like Providers, applied settings said so", async () => {
    const data = await gatherHealthReport(depsFor(t));
    const keys = data.adapterFixes.map((f) => `${f.provider}|${f.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(1);
    for (const f of data.adapterFixes) {
      const p = data.providers.find((x) => x.provider === f.provider)!;
      expect(f.count, `${f.provider} ${f.kind}`).toBe(p.errorsByKind[f.kind]);
    }
    // operator run applied set_settings to the three Responses-only models after their errors.
    const openai = data.adapterFixes.find((f) => f.provider === "openai" && f.kind === "bad_request")!;
    expect(openai.needed).toBe(false);
    expect(openai.settingsChanged.map((c) => c.modelId).sort()).toEqual([
      "codex-mini-latest",
      "gpt-5-pro",
      "o1-pro",
    ]);
    expect(new Set(openai.settingsChanged.map((c) => c.batchId))).toEqual(new Set([firstBatch]));

    const text = unwrapped(await report());
    const needed = data.adapterFixes.filter((f) => f.needed);
    expect(text).toContain(
      `- ${needed.length} adapter fix(es) needed: ${needed.map((f) => `${f.provider} ${f.kind}`).join(", ")}`,
    );
    expect(text).toContain(
      `== Adapter fixes needed (${needed.length}; one per provider and error kind; 1 more applied already) ==`,
    );
    const openrouter = data.providers.find((p) => p.provider === "openrouter")!;
    expect(text).toContain(
      `- openrouter | output_invalid | ${openrouter.errorsByKind["output_invalid"]} error(s) in 7 day(s)`,
    );
    // Most errors first: which of the three leads depends on where the day-aligned window cuts
    // the seeded week, so the order is the report's own.
    const ids = openai.modelIds.join(", ");
    expect(openai.settingsChanged.map((c) => c.modelId).join(", ")).toBe(ids);
    const at = text.indexOf(`- openai | bad_request | ${openai.count} error(s) in 7 day(s)`);
    expect(at).toBeGreaterThan(-1);
    expect(text.slice(at)).toMatch(
      new RegExp(
        `^- openai \\| bad_request \\| ${openai.count} error\\(s\\) in 7 day\\(s\\) on 3 model\\(s\\), 1 distinct message\\(s\\): ${ids} applied: settings changed after the last error by operator-run at [^;]* in ${firstBatch} for ${ids}; no error since`,
      ),
    );
  }, 60_000);

  it("--dry-run --html prints the HTML document alone, the subject as its title and on stderr", async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk));
      return true;
    });
    const html = await report("--html");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toContain("Subject:");
    const subject = /^Subject: (.*)$/m.exec(err.join(""))?.[1];
    expect(subject).toMatch(/^\[bench-operator\] /);
    expect(html).toContain(`<title>${subject!.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</title>`);
    // Gmail clips an HTML part over about 102 KB, hiding what follows: the demo's was 114 KB once.
    expect(Buffer.byteLength(html)).toBeLessThan(80_000);
  }, 60_000);

  it("the subject counts the model changes in force, by action, not batches", async () => {
    const text = unwrapped(await report());
    expect(text).toMatch(
      /^Subject: \[bench-operator\] CRITICAL: 15 automatic changes \(12 disables, 3 settings\), \d+ waiting for you \| /,
    );
    expect(text).toContain(
      "== Actions executed automatically (1 batch: 15 automatic changes (12 disables, 3 settings) in force) ==",
    );
  }, 60_000);

  it("text and HTML heat maps print the same floored rate in every cell", async () => {
    const text = await report();
    const html = await report("--html");
    const fromText = new Map<string, string>();
    const block = text.slice(text.indexOf("== Success rate per day =="), text.indexOf("== Situations"));
    let provider = "";
    for (const line of block.split("\n").slice(1)) {
      const head = /^ {2}(\S+)/.exec(line);
      if (head) provider = head[1]!;
      for (const m of line.matchAll(/(\d\d-\d\d) +([\d.]+%|n\/a)/g))
        fromText.set(`${provider} ${m[1]}`, m[2]!);
    }
    const fromHtml = new Map(
      [...html.matchAll(/title="([^"]+?) \d{4}-(\d\d-\d\d): (\d+) ok, (\d+) errors">([^<]+)<\/td>/g)].map(
        (m) => [`${m[1]} ${m[2]}`, { label: m[5]!, ok: Number(m[3]), errors: Number(m[4]) }],
      ),
    );
    expect(fromHtml.size).toBeGreaterThan(50);
    expect(fromText.size).toBe(fromHtml.size);
    for (const [cell, h] of fromHtml) {
      expect(fromText.get(cell), cell).toBe(h.label);
      const floored = Math.floor((h.ok * 1000) / (h.ok + h.errors)) / 10;
      expect(h.label, cell).toBe(`${floored.toFixed(1)}%`);
    }
  }, 60_000);

  it("Jobs: operator-run never ran as a job, and the CLI's operator run is named with its time", async () => {
    const run = (await t.repos.operatorState.latestRun())!;
    const when = run.started_at.toISOString().slice(0, 16).replace("T", " ");
    const text = unwrapped(await report());
    expect(text).toContain(
      `- operator-run the scheduled job never ran; latest operator run ${run._id} (ok) at ${when} UTC, outside this job: from the CLI or the MCP tool`,
    );
    expect(text).not.toMatch(/operator-run +never ran/);
  }, 60_000);

  it("after a revert and a second run: the reverted batch says who reverted it and when, and is not counted", async () => {
    await cli()("batches", "revert", firstBatch);
    const revert = (await t.repos.mutations.get(firstBatch))!.reverted_by!;
    const revertDoc = (await t.repos.mutations.get(revert))!;
    // The second run applies nothing the person reverted (src/operator/person-word.ts).
    await cli()("operator", "run");
    const applied = (await t.repos.mutations.list({ limit: 10 })).filter((b) => b.kind === "apply");
    expect(applied.map((b) => b._id)).toEqual([firstBatch]);

    const text = unwrapped(await report());
    expect(text).toMatch(/^Subject: \[bench-operator\] CRITICAL: 0 automatic changes, /);
    expect(text).toContain(
      "== Actions executed automatically (1 batch: 0 automatic changes in force; 1 batch reverted) ==",
    );
    const when = revertDoc.created_at.toISOString().slice(0, 16).replace("T", " ");
    expect(text).toContain(`reverted by ${revertDoc.actor} at ${when} UTC in ${revert}`);
    expect(text).not.toContain(`batches revert ${firstBatch}`);
    const html = await report("--html");
    expect(html).not.toContain(`batches revert ${firstBatch}`);
    expect(html).toContain(`reverted by ${revertDoc.actor} at ${when} UTC in ${revert}`);
  }, 90_000);
});
