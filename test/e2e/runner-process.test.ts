import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, request } from "node:http";
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyClaimDoc } from "../../src/storage/benchmark-claims-repository.js";
import { createToken, revokeToken } from "../../src/auth/tokens.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import { applyBatch } from "../../src/mutations/mutate.js";
import { principalFor } from "../../src/policy/principal.js";
import { scheduleWorkSource } from "../../src/runner/schedule-source.js";
import { Spool } from "../../src/runner/spool.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startFakeCatalogServer } from "../helpers/fake-catalog-server.js";
import {
  FAKE_AWS_CREDENTIALS,
  startFakeProviders,
  type FakeProviders,
} from "../helpers/fake-providers/client.js";
import { ROOT } from "./support/build.js";

/**
 * The remote runner as a real child process (`bench-operator runner`), measuring a fake Bedrock
 * over HTTP/2 and talking to the real HTTP server over the test database. The runner gets no
 * database settings at all, only the server URL, its token and AWS settings, as on the EC2 host.
 */
let t: TestDatabase;
let fake: FakeProviders;
let server: RunningHttpServer;
let port: number;
let token: string;
const spools: string[] = [];

const SLOW = "steady-1500-10-16-4"; // 64 tokens, the first after 1.5 s: time to act mid-run

async function startServer(onPort = 0): Promise<void> {
  const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => new Date() };
  server = await startHttpServer(deps, {
    host: "127.0.0.1",
    port: onPort,
    readOnly: false,
    runnerWork: scheduleWorkSource(t.repos, t.config),
  });
  port = Number(new URL(server.url).port);
}

async function addModels(...ids: string[]): Promise<void> {
  await t.repos.models.insertMany(
    ids.map((model_id) => ({
      provider: "bedrock",
      model_id,
      enabled: true,
      created_at: new Date("2026-01-01T00:00:00Z"),
      model_metadata: { benchmark_profile_id: "story-64-v1" },
    })),
  );
}

/** Disabled through the mutation path, as a person's disable is. */
async function disableModel(model_id: string, reason: string): Promise<void> {
  await applyBatch(
    t.repos,
    { actor: "test", reason, changes: [{ provider: "bedrock", model_id, set: { enabled: false } }] },
    new Date(),
  );
}

beforeAll(async () => {
  t = await openTestDatabase("runner-process");
  fake = await startFakeProviders();
  const repo = t.repos.apiTokens;
  token = (
    await createToken(repo, "ec2-bedrock", "runner", principalFor("root", "admin"), new Date(), ["bedrock"])
  ).token;
  await startServer();
});

afterAll(async () => {
  await server?.close();
  await fake?.stop();
  await Promise.all(spools.map((d) => rm(d, { recursive: true, force: true })));
});

interface Runner {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  /** Resolves when stderr contains `text`. */
  waitFor(text: string): Promise<void>;
  exit: Promise<number | null>;
}

async function newSpool(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "runner-spool-"));
  spools.push(dir);
  return dir;
}

function runner(
  args: string[],
  opts: { token?: string; spool: string; env?: Record<string, string> },
): Runner {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "runner", "--provider", "bedrock", ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env["PATH"] ?? "/usr/bin:/bin",
        HOME: opts.spool,
        BENCH_RUNNER_SERVER_URL: `http://127.0.0.1:${port}`,
        BENCH_RUNNER_TOKEN: opts.token ?? token,
        BENCH_RUNNER_SPOOL_DIR: opts.spool,
        BENCH_RUNNER_POLL_SECONDS: "1",
        BENCH_RUNNER_CATALOG_HOURS: "0",
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
        BEDROCK_ENDPOINT_URL: fake.bedrockEndpoint,
        LOG_LEVEL: "info",
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  let out = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
    for (const w of waiters.filter((x) => err.includes(x.text))) w.resolve();
  });
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    stderr: () => err,
    stdout: () => out,
    exit,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (err.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void exit.then(() =>
          err.includes(text) ? resolve() : reject(new Error(`exited without "${text}":\n${err}`)),
        );
      }),
  };
}

/**
 * A reverse proxy that serves the server under `prefix` only, as nginx's `location /bench/ {
 * proxy_pass http://127.0.0.1:port/; }` does: the prefix is stripped and the Host is the upstream's.
 */
async function prefixProxy(prefix: string): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const proxy = createServer((req, res) => {
    const path = req.url ?? "/";
    seen.push(path);
    if (!path.startsWith(`${prefix}/`)) return void res.writeHead(404).end("not under the prefix");
    const upstream = request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: path.slice(prefix.length),
        headers: { ...req.headers, host: `127.0.0.1:${port}` },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
    seen,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

/** Claims `model` over the ingest API with `bearer`, as a runner would. */
async function claimAs(bearer: string, model: string): Promise<{ claim_id: string } | undefined> {
  const res = await fetch(`http://127.0.0.1:${port}/runner/v1/work`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ provider: "bedrock", model, limit: 1 }),
  });
  return ((await res.json()) as { items: { claim_id: string }[] }).items[0];
}

/** A successful run of `model` as it travels from a runner, measured just now. */
function measuredNow(model: string): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    provider: "bedrock",
    model_name: model,
    run_ts: now,
    gen_ts: now,
    requested_tokens: 64,
    output_tokens: 64,
    generate_time: 0.2,
    tokens_per_second: 320,
    time_to_first_token: 0.04,
    times_between_tokens: [0.01],
  };
}

const metrics = () => t.db.collection(t.config.collections.metrics);
const errors = () => t.db.collection(t.config.collections.errors);
const spooled = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith(".json"));

// Each case spawns the CLI through tsx (a few seconds each on a shared two-core machine).
describe("bench-operator runner", { timeout: 90_000 }, () => {
  it("measures its claimed work and the results land as metrics and errors with signals", async () => {
    await addModels("basic~a", "basic~b", "midstream-overloaded~c");
    const spool = await newSpool();
    const r = runner(["--once", "--concurrency", "3", "--json"], { spool });
    expect(await r.exit, r.stderr()).toBe(0);
    expect(JSON.parse(r.stdout())).toMatchObject({ claimed: 3, measured: 3, delivered: 3, spooled: 0 });
    // Which of this host's credentials it measures with, said as it starts.
    expect(r.stderr()).toMatch(
      /runner for bedrock: server http:\/\/127\.0\.0\.1:\d+, spool .*, credentials AWS_ACCESS_KEY_ID/,
    );

    const stored = await metrics().find({ provider: "bedrock" }).sort({ model_name: 1 }).toArray();
    expect(stored.map((m) => String(m["model_name"]))).toEqual(["basic~a", "basic~b"]);
    for (const m of stored) {
      expect(m).toMatchObject({
        output_tokens: 64,
        benchmark_profile_id: "story-64-v1",
        sample_role: "published",
        runner: "runner:ec2-bedrock",
      });
      expect(m["time_to_first_token"]).toBeGreaterThan(0);
      expect(m["claim_id"]).toEqual(expect.any(String));
    }
    const [err] = await errors().find({ model_name: "midstream-overloaded~c" }).toArray();
    expect(err).toMatchObject({ provider: "bedrock", stage: "generate" });
    const signal = await t.repos.signals.getStatus("bedrock:basic~a");
    expect(signal?.last_success_at).toBeInstanceOf(Date);
    expect(await spooled(spool)).toEqual([]);
    expect(r.stderr()).not.toContain(token);
  });

  it("reaches a server behind a reverse proxy under a path prefix", async () => {
    await addModels("basic~prefixed");
    const proxy = await prefixProxy("/bench");
    try {
      const spool = await newSpool();
      const env = { BENCH_RUNNER_SERVER_URL: `${proxy.url}/bench/` };
      const r = runner(["--once", "--concurrency", "10", "--json"], { spool, env });
      expect(await r.exit, r.stderr()).toBe(0);
      expect(r.stderr()).toContain(`runner for bedrock: server ${proxy.url}/bench, spool`);
      expect(JSON.parse(r.stdout())).toMatchObject({ delivered: 1, spooled: 0 });
      expect(new Set(proxy.seen)).toEqual(new Set(["/bench/runner/v1/work", "/bench/runner/v1/results"]));
      expect(await metrics().countDocuments({ model_name: "basic~prefixed" })).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("spools while the server is down and delivers exactly once when it is back", async () => {
    await addModels(`${SLOW}~outage`);
    const spool = await newSpool();
    const first = runner(["--once"], { spool });
    await first.waitFor("claimed 1 models");
    await server.close(); // mid-run: the result has nowhere to go
    expect(await first.exit, first.stderr()).toBe(75);
    // Said once, though the round drained twice (after the run, and on the way out).
    expect(first.stderr().match(/results stay spooled/g), first.stderr()).toHaveLength(1);
    expect(first.stderr()).toMatch(/1 result waits in .*; the next run delivers them/);
    const files = await spooled(spool);
    expect(files).toHaveLength(1);
    expect(await metrics().countDocuments({ model_name: `${SLOW}~outage` })).toBe(0);

    // A copy stands for a re-delivery after a lost response: the server must not store it twice.
    await copyFile(
      join(spool, files[0]!),
      join(
        spool,
        files[0]!.replace(/^r-(\d+)/, (_m, ms: string) => `r-${Number(ms) + 1}`),
      ),
    );
    await startServer(port);
    const second = runner(["--once", "--json"], { spool });
    expect(await second.exit, second.stderr()).toBe(0);
    expect(JSON.parse(second.stdout())).toMatchObject({ delivered: 2, spooled: 0 });
    expect(second.stderr()).toMatch(/already stored: a re-delivery/);
    expect(await metrics().countDocuments({ model_name: `${SLOW}~outage` })).toBe(1);
    expect(await spooled(spool)).toEqual([]);
  });

  it("claims no new work while the spool is full, and says so", async () => {
    const spool = await newSpool();
    // One undelivered result (written now: an older one would be dropped as past the retention),
    // a spool bounded at one, and the server unreachable.
    const name = `r-${String(Date.now()).padStart(13, "0")}-000001-fake.json`;
    await copyFile(join(ROOT, "package.json"), join(spool, name));
    await server.close();
    try {
      const full = runner(["--once", "--max-spool", "1"], { spool });
      expect(await full.exit).toBe(75);
      expect(full.stderr()).toMatch(/spool full: 1 undelivered results .* claiming no new work/);
      expect(await spooled(spool)).toHaveLength(1);
    } finally {
      await startServer(port);
    }
  });

  it("stops with a clear message and a non-zero exit on 401, never printing the token", async () => {
    const spool = await newSpool();
    const bogus = "bo_" + "x".repeat(43);
    const r = runner(["--once"], { spool, token: bogus });
    expect(await r.exit).toBe(2);
    expect(r.stderr()).toMatch(/refused the runner token \(401\)/);
    expect(r.stderr()).not.toContain(bogus);
  });

  it("refuses to start without credentials for its provider, naming them, and claims nothing", async () => {
    await addModels("basic~nocreds");
    const claims = () => t.db.collection<AnyClaimDoc>("benchmark_claims");
    try {
      const spool = await newSpool();
      // An EC2 host whose instance role was not declared: no keys, no profile, no BEDROCK_ENABLED.
      const r = runner(["--once"], { spool, env: { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "" } });
      expect(await r.exit, r.stderr()).toBe(2);
      expect(r.stderr()).toMatch(/This host cannot measure bedrock: .*no AWS credentials/);
      expect(r.stderr()).toContain("BEDROCK_ENABLED=true for an instance role");
      expect(r.stderr()).not.toContain("run a remote runner");
      expect(await claims().countDocuments({ model_id: "basic~nocreds" })).toBe(0);
      expect(await errors().countDocuments({ model_name: "basic~nocreds" })).toBe(0);
    } finally {
      // Out of the later tests' way: they count what one round claims.
      await disableModel("basic~nocreds", "only the credentials test measures it");
    }
  });

  it("refuses a spool directory it cannot write, naming it and the setting, without a stack trace", async () => {
    const dir = await newSpool();
    const file = join(dir, "a-file");
    await writeFile(file, "");
    const r = runner(["--once"], { spool: dir, env: { BENCH_RUNNER_SPOOL_DIR: join(file, "spool") } });
    expect(await r.exit, r.stderr()).toBe(2);
    expect(r.stderr()).toContain(`The spool directory ${join(file, "spool")} cannot be used`);
    expect(r.stderr()).toContain("--spool-dir or BENCH_RUNNER_SPOOL_DIR");
    expect(r.stderr()).not.toMatch(/unexpected error|\n\s+at /);
  });

  it("stores an instance role that yields no credentials as this host's auth failure, not a network one", async () => {
    await addModels("basic~imds");
    try {
      const spool = await newSpool();
      // BEDROCK_ENABLED declares an instance role; its metadata service gives nothing here.
      const env = {
        AWS_ACCESS_KEY_ID: "",
        AWS_SECRET_ACCESS_KEY: "",
        BEDROCK_ENABLED: "true",
        AWS_EC2_METADATA_DISABLED: "true",
      };
      const r = runner(["--once", "--json"], { spool, env });
      expect(await r.exit, r.stderr()).toBe(0);
      expect(r.stderr()).toContain("credentials BEDROCK_ENABLED");
      const [err] = await errors().find({ model_name: "basic~imds" }).toArray();
      expect(err, r.stderr()).toMatchObject({
        stage: "load_provider",
        error_kind: "auth",
        failure_point: "setup",
        message: expect.stringMatching(/^could not load AWS credentials on this host: /),
      });
    } finally {
      await disableModel("basic~imds", "only the instance-role test measures it");
    }
  });

  it("stops with exit 2 when the server has no ingest API, rather than waiting for it as for an outage", async () => {
    const spool = await newSpool();
    const waiting = `r-${String(Date.now()).padStart(13, "0")}-000001-waiting.json`;
    await writeFile(join(spool, waiting), JSON.stringify({ item: {}, result: {} }));
    // The fake providers' port: an HTTP server, but not a bench-operator serve.
    const elsewhere = new URL(fake.baseUrl).origin;
    const r = runner(["--once"], { spool, env: { BENCH_RUNNER_SERVER_URL: elsewhere } });
    expect(await r.exit, r.stderr()).toBe(2);
    expect(r.stderr()).toContain(
      "answered 404 for /runner/v1/results: it serves no runner ingest API there. Give --server the address of a bench-operator serve",
    );
    // The spooled result waits for the right server; it is not set aside as malformed.
    expect(await spooled(spool)).toEqual([waiting]);
  });

  it("says once that nothing is due, so a waiting runner is not taken for a stuck one", async () => {
    // A provider with no models in this fleet: every round finds nothing to claim.
    const admin = principalFor("root", "admin");
    const { token: idle } = await createToken(
      t.repos.apiTokens,
      "mistral-host",
      "runner",
      admin,
      new Date(),
      ["mistral"],
    );
    const spool = await newSpool();
    const r = runner(["--provider", "mistral"], { spool, token: idle, env: { MISTRAL_API_KEY: "fake-key" } });
    const said = "nothing due for mistral now; asking again every 1 s";
    await Promise.race([r.waitFor(said), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    // Three more rounds find nothing; the line is not repeated.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    r.child.kill("SIGTERM");
    expect(await r.exit, r.stderr()).toBe(0);
    expect(r.stderr().split(said).length - 1, r.stderr()).toBe(1);
  });

  it("treats a result refused for a model disabled meanwhile as final, not a retry", async () => {
    await addModels(`${SLOW}~disabled`);
    const spool = await newSpool();
    const r = runner(["--once", "--json"], { spool });
    await r.waitFor("claimed 1 models");
    await disableModel(`${SLOW}~disabled`, "disabled while the runner measured it");
    expect(await r.exit, r.stderr()).toBe(0);
    expect(JSON.parse(r.stdout())).toMatchObject({ claimed: 1, refused: 1, delivered: 0, spooled: 0 });
    expect(r.stderr()).toMatch(
      /refused \(model_disabled\): The model was disabled .* the run's spend is charged\. Not sent again\./,
    );
    expect(await metrics().countDocuments({ model_name: `${SLOW}~disabled` })).toBe(0);
  });

  it("on SIGTERM finishes the run in flight, delivers it and exits", async () => {
    await addModels(`${SLOW}~term`);
    const spool = await newSpool();
    const r = runner([], { spool });
    await r.waitFor("claimed 1 models");
    r.child.kill("SIGTERM");
    expect(await r.exit, r.stderr()).toBe(0);
    expect(r.stderr()).toMatch(/SIGTERM: finishing in-flight runs/);
    expect(await metrics().countDocuments({ model_name: `${SLOW}~term` })).toBe(1);
    expect(await spooled(spool)).toEqual([]);
  });

  it("on a second SIGTERM gives back the claim of the run in flight, so the model is due at once", async () => {
    const model = "steady-30000-10-16-4~abandoned"; // first token after 30 s: still in flight
    await addModels(model);
    const spool = await newSpool();
    const r = runner(["--json"], { spool });
    await r.waitFor("claimed 1 models");
    r.child.kill("SIGTERM");
    await r.waitFor("SIGTERM: finishing in-flight runs");
    r.child.kill("SIGTERM");
    expect(await r.exit, r.stderr()).toBe(1);
    expect(JSON.parse(r.stdout())).toMatchObject({ claimed: 1, measured: 0, released: 1, spooled: 0 });
    expect(r.stderr()).toMatch(/gave back 1 of 1 claims \(shutdown\)/);
    const done = await t.db
      .collection<AnyClaimDoc>("benchmark_claims")
      .find({ kind: "done", model_id: model })
      .toArray();
    expect(done.map((d) => (d.kind === "done" ? d.outcome : null))).toEqual(["released:shutdown"]);
    // Due again now, not when the lease runs out.
    const again = await scheduleWorkSource(t.repos, t.config).claim({
      provider: "bedrock",
      model,
      limit: 1,
      now: new Date(),
      holder: "test",
    });
    expect(again.map((i) => i.model_id)).toEqual([model]);
    expect(await spooled(spool)).toEqual([]);
  });

  it("after a kill -9 mid-run, the next start gives the claim back and measures the model at once, once", async () => {
    const model = `${SLOW}~killed`;
    await addModels(model);
    const spool = await newSpool();
    const first = runner([], { spool });
    await first.waitFor("claimed 1 models");
    first.child.kill("SIGKILL");
    await first.exit;
    expect(await readdir(join(spool, "claims"))).toHaveLength(1);

    const second = runner(["--once", "--json"], { spool });
    expect(await second.exit, second.stderr()).toBe(0);
    expect(JSON.parse(second.stdout())).toMatchObject({ released: 1, claimed: 1, measured: 1, delivered: 1 });
    expect(second.stderr()).toContain(
      "1 claims held by a runner on this spool that stopped mid-run have no result: giving them back",
    );
    expect(second.stderr()).toMatch(/gave back 1 of 1 claims \(interrupted\)/);
    const done = await t.db
      .collection<AnyClaimDoc>("benchmark_claims")
      .find({ kind: "done", model_id: model })
      .toArray();
    expect(done.map((d) => (d.kind === "done" ? d.outcome : null)).sort()).toEqual([
      "metric",
      "released:interrupted",
    ]);
    expect(await metrics().countDocuments({ model_name: model })).toBe(1);
    // The stored run is charged at its price; the interrupted one, which had reserved its estimate
    // and may have been billed, at that estimate, once, under its claim's key.
    const charged = await t.db.collection("operator_spend").find({ model }).toArray();
    expect(charged).toHaveLength(2);
    const lost = charged.filter((c) => c.ok === false);
    expect(lost).toHaveLength(1);
    expect(String(lost[0]?.error)).toMatch(/charged at its estimate/);
    expect(await readdir(join(spool, "claims"))).toEqual([]);
  });

  it("a claim held by a killed runner whose result was spooled is delivered, not given back", async () => {
    await addModels("basic~spooled-held");
    const item = await claimAs(token, "basic~spooled-held");
    expect(item).toBeDefined();
    // Killed between writing the result and letting go of the claim: both files are there.
    const dir = await newSpool();
    const gone = spawnSync("true").pid;
    const dead = new Spool(dir, 100, Infinity, gone);
    await dead.init();
    await dead.hold(item!.claim_id, item);
    const metric = measuredNow("basic~spooled-held");
    await dead.add(item!.claim_id, { item, result: { ok: true, metric } });

    const r = runner(["--once", "--json"], { spool: dir });
    expect(await r.exit, r.stderr()).toBe(0);
    expect(JSON.parse(r.stdout())).toMatchObject({ delivered: 1, released: 0, spooled: 0 });
    const done = await t.db
      .collection<AnyClaimDoc>("benchmark_claims")
      .find({ kind: "done", model_id: "basic~spooled-held" })
      .toArray();
    expect(done.map((d) => (d.kind === "done" ? d.outcome : null))).toEqual(["metric"]);
    expect(await metrics().countDocuments({ model_name: "basic~spooled-held" })).toBe(1);
    expect(await readdir(join(dir, "claims"))).toEqual([]);
  });

  it("drops a spooled result older than the receipt retention instead of sending it", async () => {
    const spool = await newSpool();
    const old = String(Date.now() - 2 * 86_400_000).padStart(13, "0");
    await writeFile(join(spool, `r-${old}-000001-old.json`), JSON.stringify({ item: {}, result: {} }));
    const r = runner(["--once", "--json"], { spool, env: { RUNNER_RECEIPT_RETENTION_DAYS: "1" } });
    expect(await r.exit, r.stderr()).toBe(0);
    expect(JSON.parse(r.stdout())).toMatchObject({ dropped: 1, refused: 0, rejected: 0, spooled: 0 });
    expect(r.stderr()).toMatch(/older than RUNNER_RECEIPT_RETENTION_DAYS; dropped unsent/);
  });

  it("keeps a spooled result claimed under a token replaced since, and runs on with the new token", async () => {
    const admin = principalFor("root", "admin");
    const tokenOf = async (name: string) =>
      (await createToken(t.repos.apiTokens, name, "runner", admin, new Date(), ["bedrock"])).token;
    await addModels("basic~rotated");
    const old = await tokenOf("ec2-old");
    const item = await claimAs(old, "basic~rotated");
    expect(item).toBeDefined();
    // Measured and spooled under the old token, which is then replaced (revoked; a new name).
    const metric = measuredNow("basic~rotated");
    const spool = await newSpool();
    const file = `r-${String(Date.now()).padStart(13, "0")}-000001-rotated.json`;
    await writeFile(join(spool, file), JSON.stringify({ item, result: { ok: true, metric } }));
    await revokeToken(t.repos.apiTokens, "ec2-old", admin, new Date());
    const r = runner(["--once", "--json"], { spool, token: await tokenOf("ec2-new") });
    expect(await r.exit, r.stderr()).toBe(0);
    expect(JSON.parse(r.stdout())).toMatchObject({ rejected: 1, spooled: 0 });
    expect(r.stderr()).toMatch(/is not held by runner ec2-new/);
    expect(await readdir(join(spool, "rejected"))).toEqual([file]);
    expect(await metrics().countDocuments({ model_name: "basic~rotated" })).toBe(0);
  });

  it("posts its provider's catalog as a discovery ledger row, then not again until it is due", async () => {
    const catalog = await startFakeCatalogServer();
    try {
      const spool = await newSpool();
      const env = {
        BENCH_RUNNER_CATALOG_HOURS: "24",
        BEDROCK_CONTROL_ENDPOINT_URL: catalog.env()["BEDROCK_CONTROL_ENDPOINT_URL"]!,
      };
      const first = runner(["--once", "--json"], { spool, env });
      expect(await first.exit, first.stderr()).toBe(0);
      expect(JSON.parse(first.stdout())).toMatchObject({ catalogs_posted: 1 });
      const [run] = await t.repos.discoveryRuns.lastComplete("bedrock", 1);
      expect(run?.accepted_count).toBeGreaterThan(0);
      expect((await t.repos.providerCatalog.find("bedrock")).length).toBe(run?.accepted_count);

      const second = runner(["--once", "--json"], { spool, env });
      expect(await second.exit, second.stderr()).toBe(0);
      expect(JSON.parse(second.stdout())).toMatchObject({ catalogs_posted: 0 });
    } finally {
      await catalog.close();
    }
  });
});
