/**
 * MCP server latency and memory on a 5,000-model fleet, over stdio and over Streamable HTTP,
 * against the built binary (`dist/cli/main.js`, rebuilt here when stale) and a real database
 * (MONGODB_URI when set, else FerretDB 1.24 started here with a throw-away data directory).
 *
 * Prints, per raw-history size (`--history`, default 100,000 then 1,000,000 documents, topped up
 * with insertMany; the seeding time is printed) and per transport: p50 and p95 round-trip latency
 * of every read tool and resource, and each one's first call after the server's spawn (in the
 * order of TOOLS: the first fleet-wide read pays for the cached fleet picture), the time from
 * spawning the server process to the first tools/list answer as it reaches the client (wall clock,
 * and the CPU time the server used until then, which other load on the machine inflates less;
 * `--spawn-only` measures only this, for both transports, several times), and the server's
 * memory: RSS idle and after the calls, and RSS and V8 heap after a forced garbage collection at
 * warm-up and after each round of `--calls` calls, so a leak shows as growth that survives a
 * collection. `--json` prints one JSON object with the same figures.
 *
 * The servers run with `--expose-gc` and a preloaded SIGUSR2 handler (GC_HOOK below) that
 * collects garbage and writes `process.memoryUsage()` to a file; nothing else differs from the
 * installed binary.
 *
 *   npm run bench:mcp [-- --json] [-- --calls 1000] [-- --rounds 2] [-- --models 5000]
 *                     [-- --history 100000,1000000] [-- --no-packs]
 *   npm run bench:mcp -- --spawn-only [--runs 9] [--json]   (bench/mcp-spawn.ts: the start only)
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createToken } from "../src/auth/tokens.js";
import { table } from "../src/cli/output.js";
import { loadConfig } from "../src/config/config.js";
import { principalFor } from "../src/policy/principal.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../src/storage/repositories.js";
import { ensureBuilt, MAIN_JS } from "../test/e2e/support/build.js";
import { PROVIDERS, seedFleet, seedHistory, type BenchFleet } from "./mcp-seed.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { growthRows, growthSummary, type GrowthLevel } from "./mcp-growth.js";
import { benchSpawn, spawnServe, toolsListArrival } from "./mcp-spawn.js";
import { benchArgs, log, openBenchDatabase } from "./support.js";

/** Every read tool, then every resource (read with resources/read). */
const TOOLS = [
  "get_fleet_health",
  "list_situations",
  "get_model_signals",
  "list_models",
  "search_catalog",
  "list_decisions",
  "get_decision",
  "get_costs",
  "get_policy",
  "list_job_runs",
  "fleet://health",
  "fleet://policy",
  "fleet://situations/{id}",
] as const;
type BenchTool = (typeof TOOLS)[number];

const { json, int, arg, flag } = benchArgs();
const MODELS = int("models", 5000);
const CALLS = int("calls", 1000);
const ROUNDS = int("rounds", 2);
/** Raw history sizes to measure at, in order: the reads must cost the same at each. */
const HISTORY = arg("history", "100000,1000000").split(",").map(Number);
/** `--no-packs`: seed without building the packed copies, so the first server builds them. */
const PACKS = !flag("no-packs");

/** Preloaded into each server: on SIGUSR2, collect garbage and write the memory figures. */
const GC_HOOK =
  "data:text/javascript," +
  encodeURIComponent(
    `import { writeFileSync } from "node:fs";
process.on("SIGUSR2", () => {
  globalThis.gc(); globalThis.gc();
  const m = process.memoryUsage();
  writeFileSync(process.env.BENCH_GC_REPORT, JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed }));
});`,
  );
const SERVER_NODE_ARGS = ["--expose-gc", `--import=${GC_HOOK}`];

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  return Math.round((kb / 1024) * 10) / 10;
}

interface AfterGc {
  rssMb: number;
  heapUsedMb: number;
}

/** Asks the server (through GC_HOOK) to collect garbage and report its memory. */
async function afterGc(pid: number, reportFile: string): Promise<AfterGc> {
  rmSync(reportFile, { force: true });
  process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + 10_000;
  // The file can exist before it is written in full on a busy machine: read until it parses.
  type Report = { rss: number; heapUsed: number };
  let m = null as Report | null;
  while (m === null) {
    if (Date.now() > deadline) throw new Error("the server did not answer the GC request");
    await new Promise((r) => setTimeout(r, 20));
    try {
      if (existsSync(reportFile)) m = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
    } catch {
      // Not complete yet.
    }
  }
  const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? 0) * 10) / 10;
}

const QUERIES = ["llama", "gpt", "claude", "mistral 7b", "qwen", "gemini flash", "deepseek", "70b instruct"];

function argsFor(tool: BenchTool, n: number, fleet: BenchFleet): Record<string, unknown> {
  switch (tool) {
    case "get_fleet_health":
      return n % 2 === 0 ? {} : { provider: PROVIDERS[n % PROVIDERS.length] };
    case "list_decisions":
      return n % 2 === 0 ? { status: "pending" } : { limit: 50 };
    case "get_decision":
      return { decision_id: fleet.decisions[n % fleet.decisions.length] };
    case "get_costs":
      return { days: 1 + (n % 14) };
    case "list_job_runs":
    case "get_policy":
    case "fleet://health":
    case "fleet://policy":
    case "fleet://situations/{id}":
      return {};
    case "list_situations":
      return n % 2 === 0 ? {} : { provider: PROVIDERS[n % PROVIDERS.length] };
    case "get_model_signals": {
      // n runs in steps of TOOLS.length, so count this tool's calls (n % 2 was always 0, and
      // n % pool.length skipped models); even calls ask about failing models, odd ones healthy.
      const k = Math.floor(n / TOOLS.length);
      const pool = k % 2 === 0 ? fleet.failing : fleet.healthy;
      const [provider, model_id] = pool[Math.floor(k / 2) % pool.length]!;
      return { provider, model_id };
    }
    case "list_models":
      return n % 3 === 0
        ? { limit: 50 }
        : { provider: PROVIDERS[n % PROVIDERS.length], limit: 50, failing: n % 3 === 1 };
    case "search_catalog":
      return { query: QUERIES[n % QUERIES.length], limit: 10 };
  }
}

interface TransportFigures {
  transport: "stdio" | "http";
  /** From spawning the server to the first tools/list answer, wall clock. */
  firstToolsListMs: number;
  /** CPU time the server process used up to that answer. */
  firstToolsListCpuMs: number;
  rssIdleMb: number;
  rssWarmMb: number;
  rssAfterCallsMb: number;
  /** RSS after every 250 calls: a leak climbs steadily, garbage waiting for a collection does not. */
  rssTrailMb: number[];
  /** After a forced GC: at warm-up, then after each round of CALLS calls. */
  afterGc: AfterGc[];
  calls: number;
  errors: number;
  tools: Record<BenchTool, { coldMs: number; p50Ms: number; p95Ms: number; n: number }>;
}

async function measure(
  transport: "stdio" | "http",
  connectClient: () => Promise<{ client: Client; transport: Transport; pid: number; startedAt: number }>,
  fleet: BenchFleet,
  gcReport: string,
): Promise<TransportFigures> {
  const { client, transport: clientTransport, pid, startedAt } = await connectClient();
  const arrival = toolsListArrival(clientTransport, () => pid);
  await client.listTools();
  const first = await arrival;
  const firstToolsListMs = Math.round(first.at - startedAt);
  const firstToolsListCpuMs = first.cpuMs;
  await new Promise((r) => setTimeout(r, 1_000));
  const rssIdleMb = rssMb(pid);
  const samples = new Map<BenchTool, number[]>(TOOLS.map((t) => [t, []]));
  const cold = new Map<BenchTool, number>();
  let errors = 0;
  let situationUri = "";
  const call = async (tool: BenchTool, n: number): Promise<{ isError?: unknown; content?: unknown }> => {
    if (!tool.startsWith("fleet://")) {
      return (await client.callTool({ name: tool, arguments: argsFor(tool, n, fleet) })) as {
        isError?: unknown;
      };
    }
    const uri = tool === "fleet://situations/{id}" ? situationUri : tool;
    const r = await client.readResource({ uri });
    return { content: r.contents };
  };
  const timed = async (tool: BenchTool, n: number): Promise<number> => {
    const started = performance.now();
    const result = await call(tool, n);
    if (tool === "list_situations" && situationUri === "") {
      const first = (result as { structuredContent?: { situations?: { situation_id: string }[] } })
        .structuredContent?.situations?.[0];
      situationUri = `fleet://situations/${first?.situation_id ?? "none"}`;
    }
    if (result.isError) {
      errors++;
      if (errors <= 3) log(`${transport} ${tool} error: ${JSON.stringify(result.content).slice(0, 300)}`);
    }
    return performance.now() - started;
  };
  for (const tool of TOOLS) cold.set(tool, await timed(tool, 0));
  const rssWarmMb = rssMb(pid);
  const gcFigures = [await afterGc(pid, gcReport)];
  const rssTrailMb: number[] = [];
  let rssAfterCallsMb = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = round * CALLS; i < (round + 1) * CALLS; i++) {
      const tool = TOOLS[i % TOOLS.length]!;
      samples.get(tool)!.push(await timed(tool, i + 1));
      if ((i + 1) % 250 === 0) rssTrailMb.push(rssMb(pid));
    }
    if (round === 0) rssAfterCallsMb = rssMb(pid);
    gcFigures.push(await afterGc(pid, gcReport));
  }
  await client.close();
  const tools = Object.fromEntries(
    TOOLS.map((tool) => {
      const sorted = [...samples.get(tool)!].sort((a, b) => a - b);
      return [
        tool,
        {
          coldMs: Math.round(cold.get(tool)!),
          p50Ms: percentile(sorted, 50),
          p95Ms: percentile(sorted, 95),
          n: sorted.length,
        },
      ];
    }),
  ) as TransportFigures["tools"];
  return {
    transport,
    firstToolsListMs,
    firstToolsListCpuMs,
    rssIdleMb,
    rssWarmMb,
    rssAfterCallsMb,
    rssTrailMb,
    afterGc: gcFigures,
    calls: ROUNDS * CALLS + TOOLS.length,
    errors,
    tools,
  };
}

interface Level {
  history: number;
  historySeconds: number;
  stdio: TransportFigures;
  http: TransportFigures;
}

/** One server over stdio, then one over HTTP, each measured from its spawn. */
async function measureBoth(
  env: Record<string, string>,
  gcDir: string,
  fleet: BenchFleet,
  token: string,
): Promise<[TransportFigures, TransportFigures]> {
  const stdio = await measure(
    "stdio",
    async () => {
      const startedAt = performance.now();
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [...SERVER_NODE_ARGS, MAIN_JS, "mcp", "--read-only"],
        env: { ...env, BENCH_GC_REPORT: join(gcDir, "stdio.json") },
        stderr: "inherit",
      });
      const c = new Client({ name: "bench-mcp", version: "1" });
      await c.connect(transport);
      return { client: c, transport, pid: transport.pid ?? 0, startedAt };
    },
    fleet,
    join(gcDir, "stdio.json"),
  );
  log(`stdio done: ${JSON.stringify(stdio.tools)}`);

  let child: { kill: (signal: NodeJS.Signals) => boolean } | undefined;
  const http = await measure(
    "http",
    async () => {
      // Timed from the spawn, like stdio: the server's start is part of the figure.
      const startedAt = performance.now();
      const { server, url } = await spawnServe(
        { ...env, BENCH_GC_REPORT: join(gcDir, "http.json") },
        SERVER_NODE_ARGS,
      );
      child = server;
      const c = new Client({ name: "bench-mcp", version: "1" });
      const transport = new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      });
      await c.connect(transport);
      return { client: c, transport, pid: server.pid ?? 0, startedAt };
    },
    fleet,
    join(gcDir, "http.json"),
  );
  child?.kill("SIGTERM");
  log(`http done: ${JSON.stringify(http.tools)}`);

  return [stdio, http];
}

function growthLevels(levels: Level[]): GrowthLevel[] {
  return levels.map((l) => ({
    history: l.history,
    byTransport: { stdio: l.stdio.tools, http: l.http.tools },
  }));
}

function render(levels: Level[], seedSeconds: number, fleet: BenchFleet): string {
  const growth = growthRows(growthLevels(levels));
  const summary = growthSummary(growth);
  const both = (l: Level) => [l.stdio, l.http];
  const rows = levels.flatMap((l) =>
    both(l).flatMap((f) =>
      TOOLS.map((tool) => ({
        history: l.history,
        transport: f.transport,
        "tool / resource": tool,
        "p50 ms": f.tools[tool].p50Ms,
        "p95 ms": f.tools[tool].p95Ms,
        "first call ms": f.tools[tool].coldMs,
        calls: f.tools[tool].n,
      })),
    ),
  );
  const process_ = levels.flatMap((l) =>
    both(l).map((f) => ({
      history: l.history,
      "topped up s": l.historySeconds,
      transport: f.transport,
      "spawn → first tools/list ms": f.firstToolsListMs,
      "(server CPU ms)": f.firstToolsListCpuMs,
      "RSS idle MB": f.rssIdleMb,
      [`RSS after ${CALLS} calls MB`]: f.rssAfterCallsMb,
      "after GC RSS / heap MB": f.afterGc.map((g) => `${g.rssMb}/${g.heapUsedMb}`).join(" "),
      errors: f.errors,
    })),
  );
  return (
    [
      `MCP bench: ${MODELS} models (${fleet.failing.length} failing), seeded in ${seedSeconds} s; raw history ${HISTORY.join(" then ")} documents; ${ROUNDS} x ${CALLS} calls per transport after one first call each.`,
      "",
      table(rows),
      "",
      table(process_),
      "",
      ...(growth.length > 0
        ? [
            `Growth from ${levels[0]!.history} to ${levels[levels.length - 1]!.history} history documents (large / small; p50 is the stable figure):`,
            table(growth),
            `p50 ratio: median ${summary.medianP50Ratio}, largest ${summary.maxP50Ratio}.`,
            "",
          ]
        : []),
      "Targets: p95 <= 50 ms warm and <= 300 ms first call per tool and resource, within 20% between history sizes;",
      "spawn to first tools/list <= 600 ms. The fleet-wide reads are served from a picture refreshed every 15 s in the",
      "background; their first call pays the read (models, statuses and rollups, never the raw history).",
      "Other processes share the machine's cores: compare the server CPU figure, and run the bench more than once.",
    ].join("\n") + "\n"
  );
}

async function main(): Promise<void> {
  ensureBuilt();
  const config = loadConfig(process.env);
  const database = await openBenchDatabase("bench-mcp-db-", config.mongodb.uri);
  const { uri } = database;
  if (!database.external) log(`${database.engine} at ${uri}`);
  const gcDir = mkdtempSync(join(tmpdir(), "bench-mcp-gc-"));
  const dbName = `bench_mcp_${randomBytes(3).toString("hex")}`;
  const client = await connectMongo(uri);
  const db = client.db(dbName);
  const repos = createRepositories(db, config.collections);
  await ensureIndexes(repos);
  const now = new Date();
  const env = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    MONGODB_URI: uri,
    MONGODB_DB: dbName,
    LOG_LEVEL: "warn",
    BENCH_OPERATOR_PRINCIPAL: "bench:operator",
  };
  try {
    const seedStarted = performance.now();
    const fleet = await seedFleet(db, repos, now, MODELS, PACKS);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    log(`seeded ${MODELS} models, ${fleet.failing.length} failing, in ${seedSeconds} s`);
    const { token } = await createToken(
      repos.apiTokens,
      `bench-${randomBytes(2).toString("hex")}`,
      "operator",
      principalFor("bench-admin", "admin"),
      now,
    );
    const levels: Level[] = [];
    let have = 0;
    for (const history of HISTORY) {
      const historySeconds = await seedHistory(repos, { have, total: history, models: MODELS }, now, log);
      have = history;
      log(`history at ${history} documents (topped up in ${historySeconds} s)`);
      const [stdio, http] = await measureBoth(env, gcDir, fleet, token);
      levels.push({ history, historySeconds, stdio, http });
    }

    const growth = growthRows(growthLevels(levels));
    const result = {
      models: MODELS,
      seedSeconds,
      callsPerRound: CALLS,
      rounds: ROUNDS,
      levels,
      growth,
      growthSummary: growthSummary(growth),
    };
    if (json) process.stdout.write(JSON.stringify(result) + "\n");
    else process.stdout.write(render(levels, seedSeconds, fleet));
  } finally {
    await db.dropDatabase().catch(() => {});
    await client.close();
    await database.stop();
    rmSync(gcDir, { recursive: true, force: true });
  }
}

if (flag("spawn-only"))
  await benchSpawn({ runs: int("runs", 9), json, uri: loadConfig(process.env).mongodb.uri });
else await main();
