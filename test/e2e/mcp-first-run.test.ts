import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { ensureBuilt, MAIN_JS } from "./support/build.js";
import { initialize, spawnStdio, type StdioServer } from "./support/stdio.js";

/**
 * A first `mcp` start with no database configured, as a new user's client makes it: the FerretDB
 * launcher is neither built nor buildable (empty cache, no `go` on PATH), so the
 * mongodb-memory-server fallback runs. Its mongod "download" comes from a loopback server that
 * sends a few bytes of a broken archive: enough for mongodb-memory-server to print its download
 * progress on stdout (console.log), which the server must keep off the protocol stream, and to
 * fail. Then `--print-config` for each client, and the printed Claude Desktop entry started
 * exactly as written.
 */
let dir: string;
let t: TestDatabase;
let archive: Server;
let archiveUrl: string;

beforeAll(async () => {
  ensureBuilt();
  t = await openTestDatabase("mcp-first-run");
  dir = mkdtempSync(join(tmpdir(), "mcp-first-run-"));
  archive = createServer((_req, res) => {
    const body = Buffer.alloc(4096, 7); // not a .tgz: extraction fails after the download
    res.writeHead(200, { "content-type": "application/gzip", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((ok) => archive.listen(0, "127.0.0.1", ok));
  archiveUrl = `http://127.0.0.1:${(archive.address() as AddressInfo).port}/mongodb-linux-x86_64-0.0.0.tgz`;
}, 180_000);

afterAll(async () => {
  await new Promise((ok) => archive.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

/** The environment of a machine where no database was ever set up. */
function firstRunEnv(): Record<string, string> {
  const home = mkdtempSync(join(dir, "home-"));
  return {
    PATH: mkdtempSync(join(dir, "empty-bin-")), // no go
    HOME: home,
    XDG_CACHE_HOME: join(home, "cache"), // no launcher built
    BENCH_OPERATOR_DATA_DIR: join(home, "data"),
    MONGOMS_DOWNLOAD_URL: archiveUrl,
    MONGOMS_USE_HTTP: "true",
    MONGOMS_MD5_CHECK: "false",
    MONGOMS_DOWNLOAD_DIR: join(home, "mongodb-binaries"),
    BENCH_OPERATOR_PRINCIPAL: "first-run:agent",
    LOG_LEVEL: "info",
  };
}

function expectOnlyJsonRpc(s: StdioServer): void {
  expect(s.lines.length).toBeGreaterThanOrEqual(3);
  for (const line of s.lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
}

describe("bench-operator mcp on a first run without a database", () => {
  it("answers initialize and tools/list, keeps a dependency's stdout print off the protocol, and says why tools fail", async () => {
    const env = firstRunEnv();
    const s = spawnStdio(process.execPath, [MAIN_JS, "mcp"], { env, cwd: env.HOME, answerWithinMs: 60_000 });
    const init = await initialize(s, "first-run");
    expect(init["result"]).toMatchObject({ serverInfo: { name: "bench-operator" } });
    const list = (await s.request("tools/list"))["result"] as { tools: { name: string }[] };
    expect(list.tools.map((tool) => tool.name)).toContain("get_fleet_health");

    const call = (await s.request("tools/call", { name: "get_fleet_health", arguments: {} }))["result"] as {
      isError?: boolean;
      content: { text: string }[];
    };
    expect(call.isError).toBe(true);
    const text = call.content[0]!.text;
    expect(text).toMatch(/^Error \(unavailable\): The database could not be opened/);
    expect(text).toMatch(/FerretDB: Go is not installed/);
    expect(text).toMatch(/mongodb-memory-server: /);
    expect(text).toMatch(/set MONGODB_URI/);

    s.child.stdin.end();
    const { code } = await s.exited;
    expect(code).toBe(2); // the command failed to open its database; the session itself ended cleanly
    expectOnlyJsonRpc(s);
    // mongodb-memory-server printed its progress with console.log; it reached stderr, not stdout.
    expect(s.stderr.join("")).toMatch(/Downloading MongoDB/);
  }, 90_000);
});

interface DesktopConfig {
  mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
}

/** Runs `mcp --print-config ...extra` with exactly `env` (plus PATH); returns stdout and stderr. */
function printConfig(
  env: Record<string, string>,
  extra: string[] = [],
  cwd?: string,
): { out: string; err: string; status: number | null } {
  const r = spawnSync(process.execPath, [MAIN_JS, "mcp", "--print-config", ...extra], {
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", ...env },
    cwd,
    encoding: "utf8",
  });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

function desktopEntry(env: Record<string, string>, cwd?: string) {
  const r = printConfig(env, [], cwd);
  expect(r.status).toBe(0);
  return (JSON.parse(r.out) as DesktopConfig).mcpServers["bench-operator"]!;
}

describe("bench-operator mcp --print-config", () => {
  it("with MONGODB_URI: the URI with its password as a placeholder, the database name, the principal", () => {
    const env = {
      HOME: dir,
      MONGODB_URI: "mongodb://fleet:s3cret-Pa55@db.example:27017/?authSource=admin",
      MONGODB_DB: "fleet",
      BENCH_OPERATOR_PRINCIPAL: "alice:operator",
    };
    const entry = desktopEntry(env);
    expect(entry).toEqual({
      command: process.execPath,
      args: [MAIN_JS, "mcp"],
      env: {
        MONGODB_URI: "mongodb://fleet:<password>@db.example:27017/?authSource=admin",
        MONGODB_DB: "fleet",
        BENCH_OPERATOR_PRINCIPAL: "alice:operator",
      },
    });

    const cursor = JSON.parse(printConfig(env, ["--client", "cursor"]).out) as DesktopConfig;
    expect(cursor.mcpServers["bench-operator"]).toEqual(entry);
    const vscode = JSON.parse(printConfig(env, ["--client", "vscode", "--read-only"]).out) as {
      servers: Record<string, unknown>;
    };
    expect(vscode.servers["bench-operator"]).toEqual({
      type: "stdio",
      ...entry,
      args: [MAIN_JS, "mcp", "--read-only"],
    });

    const line = printConfig(env, ["--client", "claude-code"]).out.trim();
    expect(line).toBe(
      "claude mcp add --transport stdio bench-operator " +
        "-e 'MONGODB_URI=mongodb://fleet:<password>@db.example:27017/?authSource=admin' " +
        `-e MONGODB_DB=fleet -e BENCH_OPERATOR_PRINCIPAL=alice:operator -- ${process.execPath} ${MAIN_JS} mcp`,
    );
    for (const client of ["claude-desktop", "claude-code", "vscode", "cursor"]) {
      const r = printConfig(env, ["--client", client]);
      expect(r.out + r.err).not.toContain("s3cret");
      expect(r.err).toMatch(/note: MONGODB_URI's password is printed as <password>: replace it/);
    }
  });

  it("refuses an unknown client, and --client without --print-config", () => {
    const bad = printConfig({ HOME: dir }, ["--client", "emacs"]);
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/--client must be one of claude-desktop, claude-code, vscode, cursor/);
    const stray = spawnSync(process.execPath, [MAIN_JS, "mcp", "--client", "vscode"], {
      env: { HOME: dir },
      encoding: "utf8",
    });
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(/--client goes with --print-config/);
  });

  it("without MONGODB_URI: the embedded data directory as the CLI resolves it, and the database name", () => {
    const home = mkdtempSync(join(dir, "home-"));
    const entry = desktopEntry({ HOME: home, XDG_DATA_HOME: join(home, "xdg-data") });
    // env-paths' data directory on Linux, which src/db/embedded.ts uses: $XDG_DATA_HOME/bench-operator.
    expect(entry.env).toEqual({
      BENCH_OPERATOR_DATA_DIR: join(home, "xdg-data", "bench-operator"),
      MONGODB_DB: "llm-bench",
    });
    const relative = desktopEntry(
      { HOME: home, BENCH_OPERATOR_DATA_DIR: "rel/data", MONGODB_DB: "mine" },
      home,
    );
    expect(relative.env).toEqual({ BENCH_OPERATOR_DATA_DIR: join(home, "rel", "data"), MONGODB_DB: "mine" });
  });

  it("the printed Claude Desktop entry, started exactly as written (no shell), serves the configured database", async () => {
    // The test database's URI has no password, so the printed entry needs no editing.
    const entry = desktopEntry({ HOME: dir, MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.db.databaseName });
    const s = spawnStdio(entry.command, entry.args, { env: entry.env });
    await initialize(s, "pasted-config");
    const list = (await s.request("tools/list"))["result"] as { tools: { name: string }[] };
    expect(list.tools.map((tool) => tool.name)).toContain("get_fleet_health");
    const call = (await s.request("tools/call", { name: "list_situations", arguments: {} }))["result"] as {
      isError?: boolean;
    };
    expect(call.isError ?? false).toBe(false);
    s.child.stdin.end();
    expect((await s.exited).code).toBe(0);
    expectOnlyJsonRpc(s);
    // The call was audited in the database the entry names, the one the CLI reads.
    const audited = await t.db.collection("tool_calls").find({ "client.name": "pasted-config" }).toArray();
    expect(audited.map((a) => String(a["tool"]))).toEqual(["list_situations"]);
  });
});
