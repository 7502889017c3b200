import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptions } from "node:child_process";

/** A spawned stdio MCP server with a line-level view of what it wrote. */
export interface StdioServer {
  child: ChildProcessWithoutNullStreams;
  /** Every stdout line, as written; tests assert that each one is a JSON-RPC message. */
  lines: string[];
  stderr: string[];
  request(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  notify(method: string): void;
  exited: Promise<{ code: number | null; at: number }>;
}

/** Spawns `command args` (no shell) and speaks newline-delimited JSON-RPC to it. */
export function spawnStdio(
  command: string,
  args: string[],
  opts: Pick<SpawnOptions, "env" | "cwd"> & { answerWithinMs?: number } = {},
): StdioServer {
  const child = spawn(command, args, {
    env: opts.env,
    cwd: opts.cwd,
    stdio: "pipe",
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiting = new Map<number, (msg: Record<string, unknown>) => void>();
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      try {
        const msg = JSON.parse(line) as Record<string, unknown>;
        if (typeof msg["id"] === "number") waiting.get(msg["id"])?.(msg);
      } catch {
        // Recorded in `lines`; the test asserts every line parses.
      }
    }
  });
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, at: Date.now() })),
  );
  let nextId = 1;
  return {
    child,
    lines,
    stderr,
    exited,
    request(method, params = {}) {
      const id = nextId++;
      child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no answer to ${method}; stderr: ${stderr.join("")}`)),
          opts.answerWithinMs ?? 20_000,
        );
        waiting.set(id, (msg) => {
          clearTimeout(timer);
          resolve(msg);
        });
      });
    },
    notify(method) {
      child.stdin.write(JSON.stringify({ jsonrpc: "2.0", method }) + "\n");
    },
  };
}

/** initialize, then the initialized notification; returns the initialize answer. */
export async function initialize(s: StdioServer, clientName = "e2e-stdio"): Promise<Record<string, unknown>> {
  const init = await s.request("initialize", {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: clientName, version: "0.0.1" },
  });
  s.notify("notifications/initialized");
  return init;
}
