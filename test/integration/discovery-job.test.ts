import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { registerJobsCommands } from "../../src/cli/commands/jobs.js";
import type { DiscoveryRunDoc } from "../../src/storage/discovery-runs-repository.js";
import type { JobRunDoc } from "../../src/storage/job-runs-repository.js";
import { inProcessCliOutcome } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_API_KEY,
  FAKE_AWS_CREDENTIALS,
  fakeCatalogServerForFile,
} from "../helpers/fake-catalog-server.js";

/**
 * The discovery job as `serve` and `jobs run discovery` run it (productionServices), against the
 * fake catalog server: its run is `ok` only when a catalog read completed, and says how many did.
 */
const server = fakeCatalogServerForFile();

const WRONG_KEY = "sk-wrong-catalog-key-9876543210abcdef";

/** A database of its own, and the CLI over it with only the given providers configured. */
async function setup(
  label: string,
  env: Record<string, string>,
): Promise<TestDatabase & { cli: ReturnType<typeof inProcessCliOutcome> }> {
  const t = await openTestDatabase(label);
  const cli = inProcessCliOutcome(
    () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db, ...env }),
    [registerJobsCommands],
  );
  return { ...t, cli };
}

const openrouter = (): Record<string, string> => ({ OPENROUTER_BASE_URL: server().baseUrl("openrouter") });
const keyed = (provider: "openai" | "groq", key: string): Record<string, string> => ({
  [`${provider.toUpperCase()}_API_KEY`]: key,
  [`${provider.toUpperCase()}_BASE_URL`]: server().baseUrl(provider),
});

async function discoveryRuns(t: TestDatabase): Promise<JobRunDoc[]> {
  return t.repos.jobRuns.list({ name: "discovery" });
}

async function ledger(t: TestDatabase): Promise<Pick<DiscoveryRunDoc, "provider" | "complete">[]> {
  const rows = await t.db.collection<DiscoveryRunDoc>("discovery_runs").find().toArray();
  return rows
    .map((r) => ({ provider: r.provider, complete: r.complete }))
    .sort((a, b) => a.provider.localeCompare(b.provider));
}

describe("the discovery job's outcome", () => {
  it("fails, naming each provider and why, when reads ran and none completed", async () => {
    const t = await setup("discovery-job-none", { ...openrouter(), ...keyed("openai", WRONG_KEY) });
    server().fault("openrouter", 1, { kind: "status", status: 500 });

    const ran = await t.cli("jobs", "run", "discovery");
    expect(ran.exitCode).toBe(1);
    expect(ran.stdout).toMatch(/^discovery failed in \d+ ms/);

    const [run] = await discoveryRuns(t);
    expect(run?.outcome).toBe("failed");
    expect(run?.summary).toBeUndefined();
    // What it did read is counted on the failed run too (list_job_runs, `jobs run`).
    expect(run?.counts).toMatchObject({ providers_read: 2, complete: 0, incomplete: 2, skipped: 9 });
    expect(ran.stdout).toMatch(/counts: .*providers_read=2/);
    const error = run?.error ?? "";
    expect(error).toMatch(
      /^no catalog read completed, so the catalog was not refreshed: openrouter incomplete \(/,
    );
    expect(error).toMatch(/openrouter incomplete \([^)]*HTTP 500/);
    expect(error).toMatch(/; openai incomplete \([^;]*HTTP 401/);
    // The providers not read, grouped by why: one line however many are unconfigured.
    expect(error).toMatch(
      /; skipped: anthropic, groq, together, fireworks, deepinfra, cerebras, mistral \(no API key\); bedrock \(no AWS credentials\); vertex \(not configured\)$/,
    );
    expect(error).not.toContain(WRONG_KEY);
    expect(ran.stdout).toContain(`error: ${error}`);
    // The ledger rows were written before the run failed.
    expect(await ledger(t)).toEqual([
      { provider: "openai", complete: false },
      { provider: "openrouter", complete: false },
    ]);
    // `jobs history` leads with what went wrong.
    const history = await t.cli("jobs", "history", "--name", "discovery");
    expect(history.stdout).toContain("failed");
    expect(history.stdout).toContain("no catalog read completed, so the catalog was not refreshed: o");
    const status = await t.repos.jobStatus.all();
    expect(status.find((s) => s._id === "discovery")).toMatchObject({
      consecutive_failures: 1,
      last_run: { outcome: "failed", error },
    });
  }, 60_000);

  it("is ok when some reads completed, its summary leading with how many", async () => {
    const t = await setup("discovery-job-some", {
      ...openrouter(),
      ...keyed("openai", FAKE_API_KEY),
      ...keyed("groq", WRONG_KEY),
    });

    const ran = await t.cli("jobs", "run", "discovery");
    expect(ran.exitCode).toBe(0);
    const [run] = await discoveryRuns(t);
    expect(run?.outcome).toBe("ok");
    expect(run?.error).toBeNull();
    expect(run?.counts).toMatchObject({ providers_read: 3, complete: 2, incomplete: 1, skipped: 8 });
    expect(run?.summary).toMatch(
      /^2 of 3 catalog reads complete; groq: incomplete \(no page read\); their errors: `bench-operator discovery report`; skipped: anthropic, together, fireworks, deepinfra, cerebras, mistral \(no API key\); bedrock/,
    );
    // The provider's own text stays in the ledger: a summary is handed out as our words.
    expect(run?.summary).not.toContain("invalid bearer token");
    expect(ran.stdout).toContain(`\n${run?.summary}\n`);
    const history = await t.cli("jobs", "history", "--name", "discovery");
    expect(history.stdout).toContain("2 of 3 catalog reads complete; groq: incomplete");
  }, 60_000);

  it("is ok with nothing read when REMOTE_ONLY_PROVIDERS leaves every listing to the runners", async () => {
    const t = await setup("discovery-job-remote", { REMOTE_ONLY_PROVIDERS: "openrouter" });

    const ran = await t.cli("jobs", "run", "discovery");
    expect(ran.exitCode).toBe(0);
    const [run] = await discoveryRuns(t);
    expect(run?.outcome).toBe("ok");
    expect(run?.counts).toMatchObject({ providers_read: 0, complete: 0, skipped: 11 });
    expect(run?.summary).toMatch(
      /^no catalog read here: runners post the listings of openrouter \(REMOTE_ONLY_PROVIDERS\); skipped: openai, anthropic, groq, together, fireworks, deepinfra, cerebras, mistral \(no API key\)/,
    );
    expect(await ledger(t)).toEqual([]);
  }, 60_000);

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads Bedrock's catalog when the config finds AWS credentials, as the sweep does", async () => {
    // The SDK's default chain reads the process's environment; the config reads the one it is given.
    vi.stubEnv("AWS_ACCESS_KEY_ID", FAKE_AWS_CREDENTIALS.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", FAKE_AWS_CREDENTIALS.secretAccessKey);
    const t = await setup("discovery-job-bedrock", {
      ...openrouter(),
      AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
      AWS_REGION: "us-east-1",
      BEDROCK_CONTROL_ENDPOINT_URL: server().url,
    });

    const ran = await t.cli("jobs", "run", "discovery");
    expect(ran.exitCode).toBe(0);
    const [run] = await discoveryRuns(t);
    expect(run?.summary).toMatch(
      /^2 of 2 catalog reads complete; skipped: openai, anthropic, groq, together, fireworks, deepinfra, cerebras, mistral \(no API key\); vertex \(not configured\)$/,
    );
    expect(run?.summary).not.toContain("bedrock (");
    expect(await ledger(t)).toEqual([
      { provider: "bedrock", complete: true },
      { provider: "openrouter", complete: true },
    ]);
  }, 60_000);
});
