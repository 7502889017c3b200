/**
 * `npm run bench:mcp -- --spawn-only [--runs 9] [--json]`: spawn to the first tools/list answer of
 * the stdio server (`dist/cli/main.js mcp --read-only`, exactly as a client starts it), `--runs`
 * times one after the other, without seeding a fleet (the start reads nothing from the database
 * before tools/list). Prints the median, lowest and highest wall time, the server's CPU time up
 * to the answer (which other load on the machine inflates less), and the load average before and
 * after, so that figures from a busy machine are recognisable as such.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { table } from "../src/cli/output.js";
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
  const env = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    MONGODB_URI: database.uri,
    MONGODB_DB: "bench_mcp_spawn",
    LOG_LEVEL: "warn",
    BENCH_OPERATOR_PRINCIPAL: "bench:operator",
  };
  try {
    const loadBefore = loadavg()[0]!;
    const runs: Spawned[] = [];
    // One unmeasured start first: the page cache then holds the modules, as for a client that
    // restarts the server.
    await spawnOnce(env);
    for (let i = 0; i < opts.runs; i++) runs.push(await spawnOnce(env));
    const loadAfter = loadavg()[0]!;
    const wall = runs.map((r) => r.wallMs);
    const result = {
      runs: opts.runs,
      medianMs: median(wall),
      minMs: Math.round(Math.min(...wall)),
      maxMs: Math.round(Math.max(...wall)),
      medianCpuMs: median(runs.map((r) => r.cpuMs)),
      load1: [Math.round(loadBefore * 100) / 100, Math.round(loadAfter * 100) / 100],
    };
    if (opts.json) process.stdout.write(JSON.stringify(result) + "\n");
    else
      process.stdout.write(
        table([
          {
            "spawn → first tools/list (stdio)": `median ${result.medianMs} ms`,
            "min / max ms": `${result.minMs} / ${result.maxMs}`,
            "server CPU ms (median)": result.medianCpuMs,
            runs: result.runs,
            "load avg 1 min (before, after)": result.load1.join(", "),
          },
        ]) + "\nTarget: spawn to first tools/list <= 600 ms on a quiet machine.\n",
      );
  } finally {
    await database.stop();
  }
}
