import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAdmissionCommands } from "../../src/cli/commands/admission.js";
import { registerJobsCommands } from "../../src/cli/commands/jobs.js";
import { registerModelsCommands } from "../../src/cli/commands/models.js";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import type { DemoManifest } from "../../src/demo/manifest.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { DEMO_DEFAULTS, seedDemoFleet } from "../../src/demo/seed.js";
import { SandboxFleet } from "../../tools/demo-sandbox/behaviour.js";
import { startSandbox, type Sandbox } from "../../tools/demo-sandbox/server.js";
import { inProcessCli, inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

/**
 * `npm run demo:sandbox` (tools/demo-sandbox): the demo fleet's providers and the operator's LLM
 * answered locally as the demo's ground truth says, driven through the real CLI over real HTTP
 * and the real database, so that what needs a provider to answer can be shown on the demo fleet:
 * the sweep measures healthy models and stores each incident's own error, `models recheck` runs
 * the recovery probes of issue 17 item 7 on demand, and the id-guess loop of item 2 closes.
 */
let t: TestDatabase;
let sandbox: Sandbox;
let manifest: DemoManifest;
const GROUPS = [
  registerJobsCommands,
  registerModelsCommands,
  registerAdmissionCommands,
  registerOperatorCommands,
  registerReportCommands,
];
const env = (): Record<string, string> => ({
  MONGODB_URI: inject("mongoUri"),
  MONGODB_DB: t.config.mongodb.db,
  ...sandbox.env,
  BENCH_RUN_DEADLINE_MS: "3000",
  ADMISSION_MAX_PER_PASS: "200",
});
const cli = (...args: string[]) => inProcessCli(env, GROUPS)(...args);
const outcome = (...args: string[]) => inProcessCliOutcome(env, GROUPS)(...args);

beforeAll(async () => {
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  t = await openTestDatabase("demo_sandbox");
  // The fleet `npm run demo` seeds, so that README's examples are the ones tested.
  await seedDemoFleet(t.repos, { ...DEMO_DEFAULTS, now });
  await seedDemoCatalog(t.repos, now);
  manifest = (await t.repos.demoManifest.read<DemoManifest>())!;
  sandbox = await startSandbox(new SandboxFleet(manifest, await t.repos.providerCatalog.find()));
}, 240_000);

afterAll(async () => {
  await sandbox?.close();
});

describe("the demo sandbox", () => {
  it("a sweep measures healthy models and stores the provider-wide incidents' own errors, pausing the provider without credit", async () => {
    const started = Date.now();
    // Eighteen runs in flight at once (nine lanes of two) print no listener-leak warning.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    const out = await cli("jobs", "run", "benchmark-sweep", "--json").finally(() =>
      process.off("warning", onWarning),
    );
    expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
    const run = JSON.parse(out) as { outcome: string; counts: Record<string, number> };
    expect(run.outcome).toBe("ok");
    expect(run.counts["measured"]).toBeGreaterThan(0);

    // The models the sweep called: the healthy ones were measured now; those of the providers
    // without credit or key failed with that provider-wide kind, in the provider's own words.
    const called = (scenario: string) =>
      manifest.models_truth.filter(
        (m) =>
          m.scenario === scenario &&
          sandbox.log.some((l) => l.provider === m.provider && l.model === m.model_id),
      );
    const statusOf = async (m: { provider: string; model_id: string }) =>
      (await t.repos.signals.statuses({ provider: m.provider })).find((s) => s.model_id === m.model_id);
    const healthy = called("healthy");
    expect(healthy.length).toBeGreaterThan(0);
    for (const m of healthy) expect((await statusOf(m))?.last_success_at?.getTime()).toBeGreaterThan(started);
    for (const scenario of ["provider_out_of_credit", "provider_auth_outage"]) {
      const failed = called(scenario);
      expect(failed.length).toBeGreaterThan(0);
      for (const m of failed) {
        const status = await statusOf(m);
        expect([m.model_id, status?.last_error_kind]).toEqual([m.model_id, m.kind]);
        expect(status?.last_error_at?.getTime()).toBeGreaterThan(started);
      }
    }

    const states = await t.repos.operatorState.providerStates();
    expect(states.get("deepinfra")?.state).toBe("paused");
    // Only the keyed providers are served: Bedrock and Vertex stay not configured.
    expect(sandbox.log.some((l) => l.provider === "bedrock" || l.provider === "vertex")).toBe(false);
  });

  it("`models recheck` probes disabled models now: a listed one answers and waits for a person; an unlisted one fails hard", async () => {
    // README's example: two disabled models of a provider without an outage, which its catalog
    // lists and does not list.
    const [provider, back, gone] = ["anthropic", "claude-2.1", "claude-haiku-4-5-20240106"];
    const listed = new Set((await t.repos.providerCatalog.find(provider)).map((r) => r.model_id));
    expect([listed.has(back), listed.has(gone)]).toEqual([true, false]);
    for (const m of await t.repos.models.rawByKeys(
      [back, gone].map((model_id) => ({ provider, model_id })),
    )) {
      expect([m.enabled, m.deprecated ?? false, m.status ?? null]).toEqual([false, false, null]);
    }
    expect(
      manifest.models_truth.some(
        (m) =>
          m.provider === provider && ["provider_auth_outage", "provider_out_of_credit"].includes(m.scenario),
      ),
    ).toBe(false);

    const out = await cli("models", "recheck", provider, back, gone, "--reason", "is it back?");
    expect(out).toMatch(/^recovery-probes ok, run jr_recovery-probes_\S+: 2 probe\(s\): 1 ok, 1 failed$/m);
    expect(out).toContain(`${provider}:${back}: answered; re-enabling proposed, waiting for a person`);
    expect(out).toMatch(
      new RegExp(`${provider}:${gone.replaceAll(".", "\\.")}: failed, model_not_found \\(hard\\)`),
    );

    const probes = await t.repos.probeRuns.forModel(provider, back);
    expect(probes.filter((p) => p.purpose === "recheck").map((p) => p.ok)).toEqual([true]);
    const pending = await t.repos.decisions.find({ status: "pending", action: "enable" });
    expect(pending.some((d) => d.targets.some((k) => k.provider === provider && k.model_id === back))).toBe(
      true,
    );
    // The model stays disabled until a person approves; its next recheck is a week on, the gone one's a month.
    const [b, g] = await t.repos.models.rawByKeys([
      { provider, model_id: back },
      { provider, model_id: gone },
    ]);
    const days = (d: Date | null | undefined) => Math.round(((d?.getTime() ?? 0) - Date.now()) / 86_400_000);
    expect(b?.enabled).toBe(false);
    expect([b, g].map((m) => days(m?.recheck_after)).sort((x, y) => x - y)).toEqual([7, 30]);
    // The probes were paid through the spend ledger.
    const spent = await t.repos.spend.since("benchmark", new Date(Date.now() - 3_600_000));
    expect(spent.filter((e) => e.model.endsWith(back)).length).toBe(1);
  });

  it("`models recheck` refuses a viewer (a recheck is a paid call) and changes nothing", async () => {
    const asViewer = inProcessCliOutcome(
      () => ({ ...env(), BENCH_OPERATOR_PRINCIPAL: "victor:viewer" }),
      GROUPS,
    );
    const before = await t.repos.mutations.list({ limit: 1 });
    const result = await asViewer("models", "recheck", "anthropic", "claude-2.0", "--reason", "x");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("victor is a viewer: a recheck is a paid call (nothing was changed)");
    expect(await t.repos.mutations.list({ limit: 1 })).toEqual(before);
  });

  it("`models recheck` refuses an enabled model and changes nothing", async () => {
    const enabled = (await t.repos.models.find({ provider: "anthropic", enabled: true }))[0]!;
    const result = await outcome("models", "recheck", "anthropic", enabled.model_id, "--reason", "x");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `anthropic:${enabled.model_id}: enabled: it is measured already (nothing was changed)`,
    );
  });

  it("the id-guess loop closes: a refuted guess goes back with the provider's error and listing, and the next guess is verified", async () => {
    type Row = {
      openrouter_id: string;
      state: string;
      guesses: { model_id: string; outcome: string; error: string | null }[];
    };
    let verified: Row | undefined;
    for (let round = 0; round < 6 && !verified; round++) {
      await cli("jobs", "run", "admission-retirement");
      await cli("jobs", "run", "benchmark-sweep");
      const rows = JSON.parse(await cli("admission", "guesses", "--json")) as Row[];
      verified = rows.find((r) => r.state === "verified" && r.guesses.some((g) => g.outcome === "refuted"));
    }
    expect(verified).toBeDefined();
    const [first, last] = [verified!.guesses[0]!, verified!.guesses.at(-1)!];
    expect(first.outcome).toBe("refuted");
    expect(first.error).toContain(first.model_id);
    expect(last.outcome).toBe("verified");
    // The LLM was told the refuted id and shown the listing it then chose from.
    const text = await cli("admission", "guesses", "--state", "verified");
    expect(text).toContain(`openrouter:${verified!.openrouter_id}  verified: groq:${last.model_id}`);
    expect(text).toMatch(
      new RegExp(`1\\. groq:${first.model_id.replaceAll(".", "\\.")}  refuted: model_not_found: `),
    );
  }, 120_000);

  it("the operator's LLM decides a dry run and writes the email's assessment, each marked as the sandbox's rules", async () => {
    const run = await cli("operator", "run", "--dry-run", "--ask-llm");
    expect(run).toMatch(/decided by llm/);
    expect(run).toContain("sandbox rule, not a model");
    const report = await cli("report", "health", "--dry-run");
    expect(report).toContain("== Assessment (the LLM's reading of the digest below, not a measurement) ==");
    expect(report).toContain("The sandbox's stand-in for an LLM");
    // Candidates added and rejected by admission are named as such, not as additions and disables.
    expect(report).toMatch(/candidates added to probe/);
    expect(report).not.toMatch(/\d+ additions/);
    // The recheck dates `models recheck` and the probes moved are named too, not "other".
    expect(report).toMatch(/\d+ recheck dates? moved/);
    expect(report).not.toMatch(/\d+ other\b/);
  });
});

describe("npm run demo:sandbox (tools/demo-sandbox/main.ts), as a process", () => {
  const MAIN = join(import.meta.dirname, "../../tools/demo-sandbox/main.ts");

  it("reads the demo's manifest, writes its env file, answers with the providers' words and stops on SIGTERM", async () => {
    const envOut = join(mkdtempSync(join(tmpdir(), "sandbox-")), "sandbox.env");
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, "--env-out", envOut], {
      env: { ...process.env, MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines = createInterface({ input: child.stdout });
    let ready = "";
    for await (const line of lines) {
      ready = line;
      if (line.startsWith("Sandbox for the demo fleet")) break;
    }
    expect(ready).toMatch(
      /^Sandbox for the demo fleet in \S+: 9 providers and the operator's LLM at http:\/\/127\.0\.0\.1:\d+$/,
    );
    const env = Object.fromEntries(
      readFileSync(envOut, "utf8")
        .trim()
        .split("\n")
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    expect(env).toMatchObject({ MONGODB_DB: t.config.mongodb.db, BENCH_RUN_DEADLINE_MS: "10000" });
    // A removed model answers as its provider does; a caller without the sandbox's key gets a 401.
    const gone = manifest.models_truth.find((m) => m.provider === "anthropic" && m.scenario === "removed")!;
    const ask = (key: string) =>
      fetch(`${env["ANTHROPIC_BASE_URL"]}/messages`, {
        method: "POST",
        headers: { "x-api-key": key, "content-type": "application/json" },
        body: JSON.stringify({ model: gone.model_id, max_tokens: 16, stream: true, messages: [] }),
      });
    expect((await ask(env["ANTHROPIC_API_KEY"]!)).status).toBe(404);
    expect((await ask("someone-else")).status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);

  it("refuses a database without a demo fleet, naming what to run", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", MAIN, "--env-out", join(tmpdir(), "unused.env")],
      {
        env: { ...process.env, MONGODB_URI: inject("mongoUri"), MONGODB_DB: `${t.config.mongodb.db}_empty` },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("No complete demo fleet in database");
    expect(run.stderr).toContain("run `npm run demo` first");
  });
});
