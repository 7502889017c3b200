import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import { JOB_SCHEDULES } from "../../src/config/settings.js";
import { principalFor } from "../../src/policy/principal.js";
import { BENCHMARK_CLAIMS_COLLECTION } from "../../src/storage/benchmark-claims-repository.js";
import { HEARTBEATS_COLLECTION } from "../../src/storage/heartbeats-repository.js";
import { JOB_RUNS_COLLECTION } from "../../src/storage/job-runs-repository.js";
import { SPEND_COLLECTION } from "../../src/storage/spend-repository.js";
import { httpClient } from "../e2e/support/http-client.js";
import { initialize, spawnStdio } from "../e2e/support/stdio.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { launchersFor } from "../helpers/launchers.js";
import { failure, success } from "../unit/jobs/fixtures.js";
import { startFakeProviders, type FakeProviders } from "../helpers/fake-providers/client.js";

/**
 * `bench-operator serve` as a real process, the way a person first tries it: without provider
 * keys, over the test database (or its own embedded one), stopped by SIGTERM or Ctrl-C.
 */

const ROOT = join(import.meta.dirname, "../..");
/** Never fires within a test: only the jobs a test names run. */
const NEVER = "0 0 1 1 *";

/** The parent's environment without any credential or provider setting, as on a fresh machine. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/_API_KEY$|_BASE_URL$|^AWS_|^BEDROCK_|^MONGODB_|^JOB_SCHEDULE_|^BENCH_/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", LOG_LEVEL: "info", ...extra };
}

interface Serve {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Processes a test started; whatever a failed assertion left running is killed after it. */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

async function startServe(args: string[], env: Record<string, string>): Promise<Serve> {
  // node itself, not npx: the signal must reach the process that runs serve.
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      const m = /serving MCP at (\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    void exited.then(({ code }) => reject(new Error(`serve exited (${code}) before serving:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr, exited };
}

/** The environment of a process on a test's fleet database (its URI and name), with `more`. */
function fleetEnv(t: TestDatabase, more: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({
    MONGODB_URI: t.config.mongodb.uri!,
    MONGODB_DB: t.config.mongodb.db,
    HOME: home,
    ...more,
  });
}

/** One CLI command as its own process, to completion. */
async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  return { code, stdout, stderr };
}

async function stop(s: Serve, signal: NodeJS.Signals = "SIGTERM") {
  s.child.kill(signal);
  return s.exited;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Only the benchmark sweep runs, every two seconds. */
function sweepOnly(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const j of Object.values(JOB_SCHEDULES)) env[j.env] = NEVER;
  env[JOB_SCHEDULES["benchmark-sweep"].env] = "*/2 * * * * *";
  return env;
}

async function toolJson(client: Client, name: string, args: Record<string, unknown> = {}) {
  const r = await client.callTool({ name, arguments: args });
  expect(r.isError ?? false).toBe(false);
  return r.structuredContent as Record<string, unknown>;
}

interface ProviderRow {
  provider: string;
  state: string;
  state_reason: string;
}

let home: string;
beforeAll(async () => {
  // An empty HOME: no ~/.aws of whoever runs the tests can configure Bedrock.
  home = await mkdtemp(join(tmpdir(), "serve-home-"));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

async function fleetWith(label: string, providers: Record<string, string[]>): Promise<TestDatabase> {
  const t = await openTestDatabase(label);
  await t.repos.models.insertMany(
    Object.entries(providers).flatMap(([provider, ids]) =>
      ids.map((model_id) => ({
        provider,
        model_id,
        enabled: true,
        created_at: new Date("2026-01-01T00:00:00Z"),
        model_metadata: { benchmark_profile_id: "story-64-v1" },
      })),
    ),
  );
  return t;
}

async function operatorToken(t: TestDatabase): Promise<string> {
  const repo = t.repos.apiTokens;
  return (await createToken(repo, "tester", "operator", principalFor("root", "admin"), new Date())).token;
}

async function finishedSweeps(t: TestDatabase): Promise<number> {
  return t.db
    .collection(JOB_RUNS_COLLECTION)
    .countDocuments({ name: "benchmark-sweep", outcome: { $in: ["ok", "failed", "timed_out"] } });
}

describe("serve with no provider credentials", () => {
  it("runs a sweep tick that measures nothing, pauses nothing, and shows every provider as not configured", async () => {
    const t = await fleetWith("serve-nokeys", {
      openai: ["basic~o1", "basic~o2"],
      anthropic: ["basic~a1"],
      groq: ["basic~g1", "basic~g2"],
      bedrock: ["basic~b1"],
      mistral: ["basic~m1"],
      vertex: ["basic~v1"],
    });
    const token = await operatorToken(t);
    const s = await startServe(["--port", "0"], fleetEnv(t, sweepOnly()));
    try {
      await until("a finished sweep", async () => (await finishedSweeps(t)) > 0);
      const run = await t.db
        .collection(JOB_RUNS_COLLECTION)
        .findOne({ name: "benchmark-sweep", outcome: "ok" });
      expect(run?.["summary"]).toMatch(/0 measured, 0 failed, 0 probed, 0 refused, 0 over budget, of 0 due/);

      expect(await t.repos.operatorState.providerStates()).toEqual(new Map());
      expect(await t.db.collection(t.config.collections.errors).countDocuments()).toBe(0);
      expect(await t.db.collection(t.config.collections.metrics).countDocuments()).toBe(0);
      expect(await t.db.collection(BENCHMARK_CLAIMS_COLLECTION).countDocuments()).toBe(0);
      expect(await t.db.collection(SPEND_COLLECTION).countDocuments()).toBe(0);

      const client = await httpClient(s.url, token);
      try {
        const situations = await toolJson(client, "list_situations");
        expect(situations["situations"]).toEqual([]);
        const health = await toolJson(client, "get_fleet_health");
        const rows = health["providers"] as ProviderRow[];
        expect(rows.map((p) => [p.provider, p.state])).toEqual(
          ["anthropic", "bedrock", "groq", "mistral", "openai", "vertex"].map((p) => [p, "not_configured"]),
        );
        const reason = (p: string) => rows.find((r) => r.provider === p)!.state_reason;
        expect(reason("openai")).toMatch(/OPENAI_API_KEY/);
        expect(reason("mistral")).toMatch(/MISTRAL_API_KEY/);
        expect(reason("bedrock")).toMatch(/AWS_ACCESS_KEY_ID.*BEDROCK_ENABLED=true/);
        expect(reason("vertex")).toMatch(
          /VERTEX_PROJECT, VERTEX_LOCATION, VERTEX_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS/,
        );
      } finally {
        await client.close();
      }
      const hz = (await (await fetch(new URL("/healthz", s.url))).json()) as {
        providers: { provider: string; state: string; stalled: boolean }[];
      };
      expect(hz.providers.every((p) => p.state === "not_configured" && !p.stalled)).toBe(true);
    } finally {
      expect((await stop(s)).code).toBe(0);
    }
  });

  it("measures the one provider with a key against the fake server and skips the others", async () => {
    const fake: FakeProviders = await startFakeProviders();
    const t = await fleetWith("serve-onekey", {
      groq: ["basic~g1", "basic~g2"],
      openai: ["basic~o1"],
      bedrock: ["basic~b1"],
    });
    const token = await operatorToken(t);
    const s = await startServe(
      ["--port", "0"],
      fleetEnv(t, {
        GROQ_API_KEY: "gsk_fake0123456789abcdef",
        GROQ_BASE_URL: fake.baseUrl,
        ...sweepOnly(),
      }),
    );
    try {
      await until("a finished sweep", async () => (await finishedSweeps(t)) > 0);
      const metrics = await t.db.collection(t.config.collections.metrics).find().toArray();
      expect(metrics.map((m) => `${m["provider"]}:${m["model_name"]}`).sort()).toEqual([
        "groq:basic~g1",
        "groq:basic~g2",
      ]);
      const claims = await t.db.collection(BENCHMARK_CLAIMS_COLLECTION).find().toArray();
      expect(new Set(claims.map((c) => String(c["provider"])))).toEqual(new Set(["groq"]));
      expect(await t.db.collection(t.config.collections.errors).countDocuments()).toBe(0);
      expect(await t.repos.operatorState.providerStates()).toEqual(new Map());

      const client = await httpClient(s.url, token);
      try {
        const rows = (await toolJson(client, "get_fleet_health"))["providers"] as ProviderRow[];
        expect(Object.fromEntries(rows.map((p) => [p.provider, p.state]))).toEqual({
          bedrock: "not_configured",
          groq: "healthy",
          openai: "not_configured",
        });
      } finally {
        await client.close();
      }
    } finally {
      expect((await stop(s)).code).toBe(0);
      await fake.stop();
    }
  });
});

describe("serve --no-jobs", () => {
  it("answers /mcp and /healthz and schedules nothing", async () => {
    const t = await fleetWith("serve-nojobs", { groq: ["basic~g1"] });
    const token = await operatorToken(t);
    const s = await startServe(
      ["--no-jobs", "--port", "0"],
      fleetEnv(t, { REMOTE_ONLY_PROVIDERS: "bedrock", ...sweepOnly() }),
    );
    try {
      expect(s.stderr()).toMatch(/with no scheduled jobs \(--no-jobs\)/);
      // The start-up lines name the console and /healthz beside MCP, and the console answers there.
      const origin = new URL(s.url).origin;
      expect(s.stderr()).toContain(
        `the console at ${origin}/console (sign in: bench-operator console --link --url ${origin}); health at ${origin}/healthz\n`,
      );
      // A split deployment is told where its runners post.
      expect(s.stderr()).toContain(
        `measured only by remote runners (REMOTE_ONLY_PROVIDERS): bedrock; runners post to ${origin}/runner/v1 (bench-operator runner --server ${origin} --provider bedrock)\n`,
      );
      expect((await fetch(`${origin}/console`, { redirect: "manual" })).status).toBeLessThan(400);
      const hz = await fetch(new URL("/healthz", s.url));
      expect(hz.status).toBe(200);
      expect(((await hz.json()) as { scheduler: { required: boolean } }).scheduler.required).toBe(false);
      const client = await httpClient(s.url, token);
      try {
        const rows = (await toolJson(client, "get_fleet_health"))["providers"] as ProviderRow[];
        expect(rows.map((p) => p.state)).toEqual(["not_configured"]);
      } finally {
        await client.close();
      }
      // The sweep would have ticked every two seconds by now had a scheduler started.
      await new Promise((r) => setTimeout(r, 4_000));
      expect(s.stderr()).not.toMatch(/jobs scheduled/);
      expect(await t.db.collection(JOB_RUNS_COLLECTION).countDocuments()).toBe(0);
      expect(await t.db.collection(HEARTBEATS_COLLECTION).countDocuments()).toBe(0);
    } finally {
      expect((await stop(s)).code).toBe(0);
    }
  });
});

describe("serve stopped with an agent connected", () => {
  it("SIGTERM ends the agent's session and its event stream without waiting out the grace", async () => {
    const t = await fleetWith("serve-stop-connected", { groq: ["g1"] });
    const token = await operatorToken(t);
    const s = await startServe(["--no-jobs", "--port", "0"], fleetEnv(t));
    const transport = new StreamableHTTPClientTransport(new URL(s.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    });
    const client = new Client({ name: "triage-bot", version: "1" });
    await client.connect(transport);
    await toolJson(client, "get_policy");
    // The session's GET event stream: the SDK client opens it after initialize, and the server
    // allows one per session, so a 409 here says the client's is open; a 200, that this one is.
    const stream = await fetch(s.url, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: "text/event-stream",
        "mcp-session-id": transport.sessionId!,
        "mcp-protocol-version": "2025-11-25",
      },
    });
    expect([200, 409]).toContain(stream.status);
    try {
      expect((await stop(s)).code).toBe(0);
      expect(s.stderr()).not.toMatch(/still running at the end of the shutdown grace/);
      await stream.text();
    } finally {
      await client.close().catch(() => {});
    }
  });
});

describe("provider states in serve", () => {
  it("/healthz and get_fleet_health show one state per provider, also right after another connection stores one", async () => {
    const t = await fleetWith("serve-states", { mistral: ["m1", "m2", "m3"], groq: ["g1"] });
    const at = (minutesAgo: number): Date => new Date(Date.now() - minutesAgo * 60_000);
    // mistral: two of three active models fail with auth (provider-wide): its runs say blocked,
    // though no operator run has stored that yet. groq: measured and healthy.
    for (const m of ["m1", "m2"])
      await failure(t.repos, "mistral", m, at(30), "401 Unauthorized: invalid API key", 401);
    await success(t.repos, "mistral", "m3", at(20));
    await success(t.repos, "groq", "g1", at(20));
    const token = await operatorToken(t);
    const s = await startServe(["--no-jobs", "--port", "0"], fleetEnv(t));
    const client = await httpClient(s.url, token);
    const states = async (): Promise<{ healthz: Record<string, string>; tool: Record<string, string> }> => {
      const hz = (await (await fetch(new URL("/healthz", s.url))).json()) as { providers: ProviderRow[] };
      const rows = (await toolJson(client, "get_fleet_health"))["providers"] as ProviderRow[];
      const byProvider = (r: ProviderRow[]) => Object.fromEntries(r.map((p) => [p.provider, p.state]));
      return { healthz: byProvider(hz.providers), tool: byProvider(rows) };
    };
    try {
      const first = await states();
      expect(first.tool).toEqual({ groq: "healthy", mistral: "blocked" });
      expect(first.healthz).toEqual(first.tool);

      // Another process (an operator run, a sweep's pause) stores a state through its own connection.
      const now = new Date();
      await t.repos.operatorState.setProviderState("groq", {
        state: "paused",
        reason: "rate limited on every model",
        kind: "rate_limit",
        since: now,
        updated_at: now,
      });
      const after = await states();
      expect(after.tool).toEqual({ groq: "paused", mistral: "blocked" });
      expect(after.healthz).toEqual(after.tool);
    } finally {
      await client.close();
      expect((await stop(s)).code).toBe(0);
    }
  });
});

describe("serve over its embedded database", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} stops serve and the FerretDB it started`, async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "serve-embedded-"));
      try {
        const s = await startServe(["--port", "0"], cleanEnv({ BENCH_OPERATOR_DATA_DIR: dataDir }));
        await until("the scheduler", () => Promise.resolve(/jobs scheduled/.test(s.stderr())));
        expect(await launchersFor(dataDir)).toHaveLength(1);
        const exit = await stop(s, signal);
        expect(exit.code).toBe(0);
        expect(await launchersFor(dataDir)).toEqual([]);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }

  it("SIGTERM as soon as it listens, before the jobs start, stops it and its FerretDB cleanly", async () => {
    // The jobs start a second after the server listens (serve.ts, JOBS_AFTER_MS); the signal
    // handler is in place from the moment it listens, so nothing starts after it and nothing is
    // left running.
    const dataDir = await mkdtemp(join(tmpdir(), "serve-early-stop-"));
    try {
      const s = await startServe(["--port", "0"], cleanEnv({ BENCH_OPERATOR_DATA_DIR: dataDir }));
      const exit = await stop(s);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(s.stderr()).not.toMatch(/jobs scheduled/);
      expect(await launchersFor(dataDir)).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("a command run beside it uses its FerretDB: a token created then opens serve's /mcp", async () => {
    // The newcomer's path: serve in one terminal, `tokens create` in another. The command holds
    // serve's launcher (src/db/embedded.ts) rather than start a second one over the same files.
    const dataDir = await mkdtemp(join(tmpdir(), "serve-beside-"));
    const env = cleanEnv({ BENCH_OPERATOR_DATA_DIR: dataDir });
    try {
      const s = await startServe(["--port", "0", "--no-jobs"], env);
      const cli = await runCli(["tokens", "create", "--role", "viewer", "--name", "beside"], env);
      expect(cli.code).toBe(0);
      expect(cli.stderr).toMatch(/embedded database: the FerretDB already running at/);
      expect(await launchersFor(dataDir)).toHaveLength(1);
      const token = cli.stdout.trim().split("\n")[0]!;
      const client = await httpClient(s.url, token);
      try {
        expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      } finally {
        await client.close();
      }
      expect((await stop(s)).code).toBe(0);
      expect(await launchersFor(dataDir)).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("Claude Desktop's mcp beside it shares its FerretDB, which serves mcp on after serve stops", async () => {
    // A person with Claude Desktop's stdio server configured starts `serve` in a terminal: one
    // launcher over the data directory, and stopping serve must not take mcp's database away.
    const dataDir = await mkdtemp(join(tmpdir(), "serve-and-mcp-"));
    const env = cleanEnv({ BENCH_OPERATOR_DATA_DIR: dataDir });
    try {
      const s = await startServe(["--port", "0", "--no-jobs"], env);
      const mcp = spawnStdio(process.execPath, ["--import", "tsx", "src/cli/main.ts", "mcp"], {
        env,
        cwd: ROOT,
      });
      started.push(mcp.child);
      await initialize(mcp);
      const health = async () => {
        const r = await mcp.request("tools/call", { name: "get_fleet_health", arguments: {} });
        return r["result"] as { isError?: boolean; structuredContent?: Record<string, unknown> };
      };
      expect((await health()).isError).toBeFalsy();
      expect(await launchersFor(dataDir)).toHaveLength(1);

      expect((await stop(s)).code).toBe(0);
      const after = await health();
      expect(after.isError).toBeFalsy();
      expect(after.structuredContent).toBeDefined();
      expect(await launchersFor(dataDir)).toHaveLength(1);

      mcp.child.stdin.end();
      expect((await mcp.exited).code).toBe(0);
      await until(
        "the last holder's launcher to exit",
        async () => (await launchersFor(dataDir)).length === 0,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("killed outright (SIGKILL), its FerretDB shuts down on its own and a new serve starts over the same data", async () => {
    // No handler runs on SIGKILL (nor on a signal that arrives before serve installs its own).
    // Whether the launcher goes (its stdin lifeline; ferretdb-launcher.test.ts kills a parent
    // that holds no connection) and whether the data survives, as a person restarting sees it.
    const dataDir = await mkdtemp(join(tmpdir(), "serve-killed-"));
    const env = cleanEnv({ BENCH_OPERATOR_DATA_DIR: dataDir });
    try {
      const first = await startServe(["--port", "0", "--no-jobs"], env);
      const [launcher] = await launchersFor(dataDir);
      expect(launcher).toBeGreaterThan(0);
      expect(await stop(first, "SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
      await until("the orphaned launcher to exit", async () => (await launchersFor(dataDir)).length === 0);

      const second = await startServe(["--port", "0", "--no-jobs"], env);
      const health = await fetch(new URL("/healthz", second.url));
      expect(health.status).toBe(200);
      expect((await stop(second)).code).toBe(0);
      expect(await launchersFor(dataDir)).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
