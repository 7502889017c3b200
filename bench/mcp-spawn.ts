/**
 * `npm run bench:mcp -- --spawn-only [--runs 9] [--json]`: spawn to the first tools/list answer of
 * the stdio server (`dist/cli/main.js mcp --read-only`, exactly as a client starts it) and of the
 * HTTP server (`dist/cli/main.js serve --http --port 0 --read-only`, jobs included, its client
 * connecting as soon as the server says where it listens, with a bearer token), `--runs` times each,
 * alternating, without seeding a fleet (neither start reads the fleet before tools/list). Prints the
 * median, lowest and highest wall time, the server's CPU time up to the answer (which other load on
 * the machine inflates less), and the load average before and after, so that figures from a busy
 * machine are recognisable as such.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { Readable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { createToken } from "../src/auth/tokens.js";
import { table } from "../src/cli/output.js";
import { loadConfig } from "../src/config/config.js";
import { principalFor } from "../src/policy/principal.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../src/storage/repositories.js";
import { ensureBuilt, MAIN_JS } from "../test/e2e/support/build.js";
import { openBenchDatabase } from "./support.js";

/** CPU time (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * When the first tools/list answer reaches the client, and the server's CPU time then: taken as the
 * message arrives, before the client validates it (the SDK client compiles every output schema,
 * tens of ms in this process) and before the server's work after the answer (loading the tools'
 * modules and the database) adds to its CPU time. Call after `client.connect(transport)`.
 */
export function toolsListArrival(
  transport: Transport,
  pid: () => number,
): Promise<{ at: number; cpuMs: number }> {
  return new Promise((resolve) => {
    const deliver = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const result = "result" in message ? (message.result as { tools?: unknown }) : undefined;
      if (result?.tools !== undefined) {
        resolve({ at: performance.now(), cpuMs: cpuMs(pid()) });
        transport.onmessage = deliver;
      }
      deliver?.(message, extra);
    };
  });
}

interface Spawned {
  wallMs: number;
  cpuMs: number;
}

async function spawnOnce(env: Record<string, string>): Promise<Spawned> {
  const startedAt = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MAIN_JS, "mcp", "--read-only"],
    env,
    stderr: "inherit",
  });
  const client = new Client({ name: "bench-mcp-spawn", version: "1" });
  await client.connect(transport);
  const arrival = toolsListArrival(transport, () => transport.pid ?? 0);
  const { tools } = await client.listTools();
  const { at, cpuMs: cpu } = await arrival;
  await client.close();
  if (tools.length === 0) throw new Error("tools/list answered with no tools");
  return { wallMs: at - startedAt, cpuMs: cpu };
}

/**
 * Spawns `serve --http --port 0 --read-only` (jobs included, as `serve` runs) with `nodeArgs` before
 * the script, and the URL it prints once it listens.
 */
export async function spawnServe(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ server: ChildProcessByStdio<null, null, Readable>; url: string }> {
  const server = spawn(
    process.execPath,
    [...nodeArgs, MAIN_JS, "serve", "--http", "--port", "0", "--read-only"],
    {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${text}`)), 30_000);
    server.stderr.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const m = /serving MCP at (\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    server.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
  });
  return { server, url };
}

/** `serve --http` from its spawn: the client connects once the server prints its URL. */
async function spawnHttpOnce(env: Record<string, string>, token: string): Promise<Spawned> {
  const startedAt = performance.now();
  const { server, url } = await spawnServe(env);
  try {
    const transport = new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    });
    const client = new Client({ name: "bench-mcp-spawn", version: "1" });
    await client.connect(transport);
    const arrival = toolsListArrival(transport, () => server.pid ?? 0);
    const { tools } = await client.listTools();
    const { at, cpuMs: cpu } = await arrival;
    await client.close();
    if (tools.length === 0) throw new Error("tools/list answered with no tools");
    return { wallMs: at - startedAt, cpuMs: cpu };
  } finally {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
}

interface SpawnFigures {
  transport: "stdio" | "http";
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  medianCpuMs: number;
}

function figures(transport: "stdio" | "http", runs: Spawned[]): SpawnFigures {
  const wall = runs.map((r) => r.wallMs);
  return {
    transport,
    runs: runs.length,
    medianMs: median(wall),
    minMs: Math.round(Math.min(...wall)),
    maxMs: Math.round(Math.max(...wall)),
    medianCpuMs: median(runs.map((r) => r.cpuMs)),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]!);
}

export async function benchSpawn(opts: {
  runs: number;
  json: boolean;
  uri: string | undefined;
}): Promise<void> {
  ensureBuilt();
  const database = await openBenchDatabase("bench-mcp-spawn-db-", opts.uri);
  const dbName = `bench_mcp_spawn_${randomBytes(3).toString("hex")}`;
  const mongo = await connectMongo(database.uri);
  const env = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    MONGODB_URI: database.uri,
    MONGODB_DB: dbName,
    LOG_LEVEL: "warn",
    BENCH_OPERATOR_PRINCIPAL: "bench:operator",
  };
  try {
    const repos = createRepositories(mongo.db(dbName), loadConfig(process.env).collections);
    await ensureIndexes(repos);
    const { token } = await createToken(
      repos.apiTokens,
      "bench-spawn",
      "viewer",
      principalFor("bench-admin", "admin"),
      new Date(),
    );
    const loadBefore = loadavg()[0]!;
    const stdio: Spawned[] = [];
    const http: Spawned[] = [];
    // One unmeasured start of each first: the page cache then holds the modules, as for a client
    // that restarts the server. Then the two alternate, so that a change in the machine's load
    // weighs on both alike.
    await spawnOnce(env);
    await spawnHttpOnce(env, token);
    for (let i = 0; i < opts.runs; i++) {
      stdio.push(await spawnOnce(env));
      http.push(await spawnHttpOnce(env, token));
    }
    const loadAfter = loadavg()[0]!;
    const load1 = [Math.round(loadBefore * 100) / 100, Math.round(loadAfter * 100) / 100];
    const result = { stdio: figures("stdio", stdio), http: figures("http", http), load1 };
    if (opts.json) process.stdout.write(JSON.stringify(result) + "\n");
    else
      process.stdout.write(
        table(
          [result.stdio, result.http].map((f) => ({
            transport: f.transport,
            "spawn → first tools/list": `median ${f.medianMs} ms`,
            "min / max ms": `${f.minMs} / ${f.maxMs}`,
            "server CPU ms (median)": f.medianCpuMs,
            runs: f.runs,
          })),
        ) +
          `\nLoad avg 1 min (before, after): ${load1.join(", ")}.` +
          "\nTarget: spawn to first tools/list <= 600 ms on a quiet machine.\n",
      );
  } finally {
    await mongo.close();
    await database.stop();
  }
}
