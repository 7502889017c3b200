import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { ensureBuilt, MAIN_JS, serverEnv } from "./support/build.js";
import { seedSmallFleet } from "./support/fleet.js";
import { initialize, spawnStdio, type StdioServer } from "./support/stdio.js";

/**
 * The built binary over stdio: every stdout line is a JSON-RPC message (logs go to stderr), a
 * full session works, and the process exits within two seconds of stdin closing or SIGTERM.
 */
let t: TestDatabase;

beforeAll(async () => {
  ensureBuilt();
  t = await openTestDatabase("mcp-stdio");
  await seedSmallFleet(t.repos);
}, 180_000);

function start(extraEnv: Record<string, string> = {}): StdioServer {
  return spawnStdio(process.execPath, [MAIN_JS, "mcp"], {
    env: serverEnv(inject("mongoUri"), t.db.databaseName, {
      BENCH_OPERATOR_PRINCIPAL: "e2e-agent:agent",
      ...extraEnv,
    }),
  });
}

describe("bench-operator mcp (stdio)", () => {
  it("speaks only JSON-RPC on stdout through a whole session, and exits within 2 s of stdin closing", async () => {
    const s = start();
    const init = await initialize(s);
    expect(init["result"]).toMatchObject({
      serverInfo: { name: "bench-operator" },
      protocolVersion: "2025-11-25",
    });
    const list = (await s.request("tools/list"))["result"] as { tools: { name: string }[] };
    expect(list.tools.map((tool) => tool.name)).toContain("list_situations");
    const sits = (await s.request("tools/call", { name: "list_situations", arguments: {} }))["result"] as {
      structuredContent: { total: number };
      isError?: boolean;
    };
    expect(sits.isError ?? false).toBe(false);
    expect(sits.structuredContent.total).toBeGreaterThan(0);
    const bad = (await s.request("tools/call", { name: "get_decision", arguments: { decision_id: 7 } }))[
      "result"
    ] as { isError: boolean };
    expect(bad.isError).toBe(true);

    const closedAt = Date.now();
    s.child.stdin.end();
    const { code, at } = await s.exited;
    expect(at - closedAt).toBeLessThan(2_000);
    expect(code).toBe(0);
    expect(s.lines.length).toBeGreaterThanOrEqual(4);
    for (const line of s.lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
    expect(s.stderr.join("")).toMatch(/mcp stdio: serving as e2e-agent/);

    const audit = await t.db.collection("tool_calls").find({ "client.name": "e2e-stdio" }).toArray();
    expect(audit.map((a) => String(a["tool"])).sort()).toEqual(["get_decision", "list_situations"]);
  });

  it("exits within 2 s of SIGTERM", async () => {
    const s = start();
    await initialize(s);
    const sentAt = Date.now();
    s.child.kill("SIGTERM");
    const { at } = await s.exited;
    expect(at - sentAt).toBeLessThan(2_000);
  });

  it("--print-config prints a Claude Desktop entry with absolute paths and the database in env", () => {
    const out = execFileSync(process.execPath, [MAIN_JS, "mcp", "--print-config"], {
      env: serverEnv("mongodb://db.example:27017/", "fleet"),
      encoding: "utf8",
    });
    const config = JSON.parse(out) as {
      mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
    };
    const entry = config.mcpServers["bench-operator"]!;
    expect(entry.command).toBe(process.execPath);
    expect(entry.args).toEqual([MAIN_JS, "mcp"]);
    expect(existsSync(entry.args[0]!)).toBe(true);
    expect(entry.env).toEqual({ MONGODB_URI: "mongodb://db.example:27017/", MONGODB_DB: "fleet" });
  });
});
