import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, MAIN_JS } from "./support/build.js";
import { spawnStdio } from "./support/stdio.js";

/**
 * What a newcomer does on a machine with nothing configured, as whole processes of the built
 * binary: the demo into the embedded database (no MONGODB_URI, a data directory of its own), then
 * `situations`, then the Claude Desktop entry that `mcp --print-config` prints, started exactly as
 * the desktop app starts it (its command, its args, its env and no shell), which must see the
 * same fleet. A smaller fleet than the default keeps the test quick; the code path is the same.
 */
const MODELS = 60;
let dataDir: string;

/** The environment of a fresh shell: no database settings, no provider keys. */
function freshEnv(): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    BENCH_OPERATOR_DATA_DIR: dataDir,
  };
  // The FerretDB launcher is built once per machine into the user's cache; keep pointing there.
  const cache = process.env["XDG_CACHE_HOME"];
  if (cache) env["XDG_CACHE_HOME"] = cache;
  return env;
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, [MAIN_JS, ...args], {
    env: freshEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

beforeAll(() => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), "bench-operator-first-run-"));
}, 180_000);

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the first ten minutes, with nothing configured", () => {
  let situations: { situation_id: string }[] = [];

  it("the demo seeds the database every command reads, and says what to try next", () => {
    const out = cli(["demo", "--models", String(MODELS), "--days", "5"]);
    expect(out).toMatch(new RegExp(`Seeded demo fleet into "llm-bench" in [\\d.]+ s: ${MODELS} models`));
    expect(out).toMatch(/Signals for \d+ models built/);
    // Vertex's rows are a hand-written listing, not a snapshot: the line says which is which.
    expect(out).toMatch(
      /catalog of \d+ rows from 8 provider snapshots and 1 hand-written listing \(vertex\) stored/,
    );
    expect(out).toMatch(/Try next:[\s\S]*situations[\s\S]*mcp --print-config[\s\S]*serve/);
  }, 180_000);

  it("`situations --json` lists the demo's situations with no other setting", () => {
    situations = JSON.parse(cli(["situations", "--json"])) as { situation_id: string }[];
    expect(situations.length).toBeGreaterThan(0);
  }, 60_000);

  it("the printed Claude Desktop entry, started as the desktop app starts it, sees the same fleet", async () => {
    const printed = JSON.parse(cli(["mcp", "--print-config"])) as {
      mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
    };
    const entry = printed.mcpServers["bench-operator"]!;
    expect(entry.env).toMatchObject({ BENCH_OPERATOR_DATA_DIR: dataDir, MONGODB_DB: "llm-bench" });

    // The desktop app passes the entry's env over a minimal environment of its own.
    const server = spawnStdio(entry.command, entry.args, {
      env: { PATH: "/usr/bin:/bin", HOME: freshEnv()["HOME"]!, ...entry.env },
      answerWithinMs: 60_000,
    });
    try {
      await server.request("initialize", {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "claude-ai", version: "0.1.0" },
      });
      server.notify("notifications/initialized");
      const health = (await server.request("tools/call", { name: "get_fleet_health", arguments: {} }))[
        "result"
      ] as { isError?: boolean; structuredContent: { totals: { models: number; situations: number } } };
      expect(health.isError ?? false).toBe(false);
      expect(health.structuredContent.totals.models).toBe(MODELS);
      expect(health.structuredContent.totals.situations).toBe(situations.length);

      const listed = (await server.request("tools/call", { name: "list_situations", arguments: {} }))[
        "result"
      ] as { structuredContent: { total: number } };
      expect(listed.structuredContent.total).toBe(situations.length);
    } finally {
      server.child.stdin.end();
      await server.exited;
    }
    for (const line of server.lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
  }, 120_000);
});
