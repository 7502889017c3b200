/**
 * MCP server latency and memory on a 5,000-model fleet, over stdio and over Streamable HTTP,
 * against the built binary (`dist/cli/main.js`, rebuilt here when stale) and a real database
 * (MONGODB_URI when set, else FerretDB 1.24 started here with a throw-away data directory).
 *
 * Prints, per transport: p50 and p95 round-trip latency of list_situations, get_model_signals,
 * list_models and search_catalog (and each tool's first, cold call separately), the time from
 * spawning the server process to the first tools/list answer (wall clock, and the CPU time the
 * server used until then, which other load on the machine does not inflate), and the server's
 * memory: RSS idle, after warm-up and every 250 calls, and RSS and V8 heap after a forced
 * garbage collection at warm-up and after each round of `--calls` calls (two rounds), so a leak
 * shows as growth that survives a collection. `--json` prints one JSON object with the same figures.
 *
 * The servers run with `--expose-gc` and a preloaded SIGUSR2 handler (GC_HOOK below) that
 * collects garbage and writes `process.memoryUsage()` to a file; nothing else differs from the
 * installed binary.
 *
 *   npm run bench:mcp [-- --json] [-- --calls 1000] [-- --rounds 2] [-- --models 5000]
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Db } from "mongodb";
import { createToken } from "../src/auth/tokens.js";
import { table } from "../src/cli/output.js";
import { loadConfig } from "../src/config/config.js";
import { openRouterEntry } from "../src/catalog/discovery/run.js";
import { principalFor } from "../src/policy/principal.js";
import { recordError } from "../src/signals/record.js";
import type { ModelSignalDoc } from "../src/storage/signals-repository.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes, type Repositories } from "../src/storage/repositories.js";
import { ensureBuilt, MAIN_JS } from "../test/e2e/support/build.js";
import { benchArgs, log, openBenchDatabase } from "./support.js";

const TOOLS = ["list_situations", "get_model_signals", "list_models", "search_catalog"] as const;
type BenchTool = (typeof TOOLS)[number];
const PROVIDERS = [
  "openai",
  "anthropic",
  "groq",
  "together",
  "fireworks",
  "deepinfra",
  "cerebras",
  "mistral",
  "openrouter",
  "bedrock",
];
const HOUR = 3_600_000;

const { json, int } = benchArgs();
const MODELS = int("models", 5000);
const CALLS = int("calls", 1000);
const ROUNDS = int("rounds", 2);

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

/**
 * The fleet: every model in the catalog, 60% with a recent success (status documents written
 * directly, as the signal writers keep them), 90 models failing with recordError (hard 404s,
 * rate limits, bad keys) so there are situations, and the OpenRouter snapshot as the catalog to
 * search. Bounded: 90 writes through the real error path (each is several updates on FerretDB).
 */
async function seed(
  db: Db,
  repos: Repositories,
  now: Date,
): Promise<{ failing: string[][]; healthy: string[][] }> {
  const models = Array.from({ length: MODELS }, (_, i) => ({
    provider: PROVIDERS[i % PROVIDERS.length]!,
    model_id: `model-${String(i).padStart(5, "0")}`,
    enabled: i % 20 !== 0,
    created_at: new Date(now.getTime() - 90 * 24 * HOUR),
  }));
  await repos.models.insertMany(models);
  const healthy = models.filter((_, i) => i % 5 !== 0 && i % 20 !== 0);
  const statuses: ModelSignalDoc[] = healthy.slice(0, Math.floor(MODELS * 0.6)).map((m, i) => ({
    _id: `${m.provider}:${m.model_id}`,
    provider: m.provider,
    model_id: m.model_id,
    last_success_at: new Date(now.getTime() - ((i % 12) + 1) * HOUR),
    successes_total: 10,
    consecutive_failures: 0,
    last_ttft: 0.4,
    last_tokens_per_second: 80,
    updated_at: now,
  }));
  for (let i = 0; i < statuses.length; i += 1000)
    await db.collection<ModelSignalDoc>("model_signals").insertMany(statuses.slice(i, i + 1000));
  // Spread over the whole catalog: on FerretDB a filter read stops at its first match, so models
  // taken from the start of the collection would flatter any read that is not by _id.
  const candidates = models.filter((_, i) => i % 5 === 0 && i % 20 !== 0);
  const failing = spread(candidates, 90);
  for (const [i, m] of failing.entries()) {
    const [message, status] =
      i % 3 === 0
        ? [
            `Error code: 404 - The model \`${m.model_id}\` does not exist or you do not have access to it.`,
            404,
          ]
        : i % 3 === 1
          ? ["429 Too Many Requests: rate limit reached for requests per minute", 429]
          : ["401 Unauthorized: invalid API key provided", 401];
    await recordError(
      repos,
      {
        provider: m.provider,
        model_name: m.model_id,
        ts: new Date(now.getTime() - 60 * HOUR),
        stage: "generate",
        message,
        http_status: status,
      },
      now,
    );
  }
  const snapshot = JSON.parse(
    readFileSync("/work/shared/data/openrouter-models-2026-06-06.json", "utf8"),
  ) as {
    data: Record<string, unknown>[];
  };
  const entries = snapshot.data.map((raw) =>
    openRouterEntry({
      modelId: String(raw["id"]),
      name: typeof raw["name"] === "string" ? raw["name"] : null,
      raw,
    }),
  );
  await repos.openrouterCatalog.upsertManySeen(entries, now);
  return {
    failing: failing.map((m) => [m.provider, m.model_id]),
    healthy: spread(healthy, 500).map((m) => [m.provider, m.model_id]),
  };
}

/** `count` items taken evenly from the whole of `items`. */
function spread<T>(items: T[], count: number): T[] {
  const step = Math.max(1, items.length / count);
  return Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor(i * step)]!);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  return Math.round((kb / 1024) * 10) / 10;
}

/** CPU time (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
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
  while (!existsSync(reportFile)) {
    if (Date.now() > deadline) throw new Error("the server did not answer the GC request");
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 20));
  const m = JSON.parse(readFileSync(reportFile, "utf8")) as { rss: number; heapUsed: number };
  const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? 0) * 10) / 10;
}

const QUERIES = ["llama", "gpt", "claude", "mistral 7b", "qwen", "gemini flash", "deepseek", "70b instruct"];

function argsFor(
  tool: BenchTool,
  n: number,
  fleet: { failing: string[][]; healthy: string[][] },
): Record<string, unknown> {
  switch (tool) {
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
  connectClient: () => Promise<{ client: Client; pid: number; startedAt: number }>,
  fleet: { failing: string[][]; healthy: string[][] },
  gcReport: string,
): Promise<TransportFigures> {
  const { client, pid, startedAt } = await connectClient();
  await client.listTools();
  const firstToolsListMs = Math.round(performance.now() - startedAt);
  const firstToolsListCpuMs = cpuMs(pid);
  await new Promise((r) => setTimeout(r, 1_000));
  const rssIdleMb = rssMb(pid);
  const samples = new Map<BenchTool, number[]>(TOOLS.map((t) => [t, []]));
  const cold = new Map<BenchTool, number>();
  let errors = 0;
  const timed = async (tool: BenchTool, n: number): Promise<number> => {
    const started = performance.now();
    const result = await client.callTool({ name: tool, arguments: argsFor(tool, n, fleet) });
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
    const fleet = await seed(db, repos, now);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    log(`seeded ${MODELS} models, ${fleet.failing.length} failing, in ${seedSeconds} s`);

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
        return { client: c, pid: transport.pid ?? 0, startedAt };
      },
      fleet,
      join(gcDir, "stdio.json"),
    );
    log(`stdio done: ${JSON.stringify(stdio.tools)}`);

    const { token } = await createToken(
      repos.apiTokens,
      `bench-${randomBytes(2).toString("hex")}`,
      "operator",
      principalFor("bench-admin", "admin"),
      now,
    );
    let child: ReturnType<typeof spawn> | undefined;
    const http = await measure(
      "http",
      async () => {
        // Timed from the spawn, like stdio: the server's start is part of the figure.
        const startedAt = performance.now();
        const server = spawn(
          process.execPath,
          [...SERVER_NODE_ARGS, MAIN_JS, "serve", "--http", "--port", "0", "--read-only"],
          { env: { ...env, BENCH_GC_REPORT: join(gcDir, "http.json") }, stdio: ["ignore", "ignore", "pipe"] },
        );
        child = server;
        const url = await new Promise<string>((resolve, reject) => {
          let text = "";
          const timer = setTimeout(() => reject(new Error(`serve did not start: ${text}`)), 30_000);
          server.stderr.on("data", (chunk: Buffer) => {
            text += chunk.toString("utf8");
            const m = /serving MCP at (\S+)/.exec(text);
            if (m) {
              clearTimeout(timer);
              resolve(m[1]!.replace(/\s.*$/, ""));
            }
          });
        });
        const c = new Client({ name: "bench-mcp", version: "1" });
        await c.connect(
          new StreamableHTTPClientTransport(new URL(url), {
            requestInit: { headers: { Authorization: `Bearer ${token}` } },
          }),
        );
        return { client: c, pid: server.pid ?? 0, startedAt };
      },
      fleet,
      join(gcDir, "http.json"),
    );
    child?.kill("SIGTERM");
    log(`http done: ${JSON.stringify(http.tools)}`);

    const result = { models: MODELS, seedSeconds, callsPerRound: CALLS, rounds: ROUNDS, stdio, http };
    if (json) {
      process.stdout.write(JSON.stringify(result) + "\n");
      return;
    }
    const rows = [stdio, http].flatMap((f) =>
      TOOLS.map((tool) => ({
        transport: f.transport,
        tool,
        "p50 ms": f.tools[tool].p50Ms,
        "p95 ms": f.tools[tool].p95Ms,
        "first call ms": f.tools[tool].coldMs,
        calls: f.tools[tool].n,
      })),
    );
    const process_ = [stdio, http].map((f) => ({
      transport: f.transport,
      "spawn → first tools/list ms": f.firstToolsListMs,
      "(server CPU ms)": f.firstToolsListCpuMs,
      "RSS idle MB": f.rssIdleMb,
      "RSS warm MB": f.rssWarmMb,
      [`RSS after ${CALLS} calls MB`]: f.rssAfterCallsMb,
      "RSS every 250 calls MB": f.rssTrailMb.join(" "),
      errors: f.errors,
    }));
    const gcRows = [stdio, http].map((f) => ({
      transport: f.transport,
      ...Object.fromEntries(
        f.afterGc.map((g, i) => [
          i === 0 ? "warm: RSS / heap MB" : `after ${i * CALLS} calls: RSS / heap MB`,
          `${g.rssMb} / ${g.heapUsedMb}`,
        ]),
      ),
    }));
    process.stdout.write(
      [
        `MCP bench: ${MODELS} models (${fleet.failing.length} failing), seeded in ${seedSeconds} s; ${ROUNDS} x ${CALLS} calls per transport after one cold call per tool.`,
        "",
        table(rows),
        "",
        table(process_),
        "",
        "Memory after a forced garbage collection (a leak grows here; garbage does not):",
        table(gcRows),
        "",
        "Targets: p95 <= 50 ms per tool; first tools/list <= 1.5 s; no memory growth beyond noise.",
        "The fleet-wide reads (list_situations, list_models) are served from a picture refreshed every 15 s in the background;",
        "their first call pays the full read of the fleet. get_model_signals reads the model row and status by _id and",
        "keeps day buckets until the model's status changes; the first call per model reads its buckets.",
        "Other processes share the machine's cores: compare the server CPU figure, and run the bench more than once.",
      ].join("\n") + "\n",
    );
  } finally {
    await db.dropDatabase().catch(() => {});
    await client.close();
    await database.stop();
    rmSync(gcDir, { recursive: true, force: true });
  }
}

await main();
