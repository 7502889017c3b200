import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { ensureBuilt, ROOT, serverEnv } from "./support/build.js";
import { initialize, spawnStdio } from "./support/stdio.js";

/**
 * The package as a user gets it: `npm pack`, installed from the tarball into an empty directory
 * (dependencies from npm's cache, as `npm ci` left it), then the installed binary. Catches a file
 * missing from package.json `files`, a source map pointing at sources that are not shipped, and a
 * runtime import of a devDependency.
 */
let work: string;
let tarball: string;
let files: string[];
let bin: string;
let t: TestDatabase;

const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    },
  });

beforeAll(async () => {
  ensureBuilt();
  t = await openTestDatabase("package");
  work = mkdtempSync(join(tmpdir(), "bench-operator-pack-"));
  // dist/ is built above; --ignore-scripts keeps `prepare` from rebuilding it under other e2e tests.
  const packed = JSON.parse(
    npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], ROOT),
  ) as {
    filename: string;
    files: { path: string }[];
  }[];
  const [first] = packed;
  if (!first) throw new Error("npm pack reported no package");
  tarball = join(work, first.filename);
  files = first.files.map((f) => f.path);

  const app = join(work, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "pack-check", private: true }));
  npm(["install", "--prefer-offline", "--omit=dev", "--no-package-lock", tarball], app);
  bin = join(app, "node_modules", ".bin", "bench-operator");
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("ships a LICENSE, the binary and the FerretDB launcher sources, and no source maps", () => {
    expect(files).toContain("LICENSE");
    expect(files).toContain("README.md");
    expect(files).toContain("dist/cli/main.js");
    for (const go of ["main.go", "lock_unix.go", "lock_other.go"])
      expect(files).toContain(`tools/ferretdb/${go}`);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("test/"))).toEqual([]);
  });

  it("installs into an empty directory and answers --version", () => {
    expect(existsSync(bin)).toBe(true);
    const version = execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
    const expected = (
      JSON.parse(
        execFileSync("node", ["-p", "JSON.stringify(require('./package.json'))"], {
          cwd: ROOT,
          encoding: "utf8",
        }),
      ) as { version: string }
    ).version;
    expect(version).toBe(expected);
  });

  it("answers tools/list over stdio from the installed package", async () => {
    const server = spawnStdio(bin, ["mcp"], {
      env: serverEnv(inject("mongoUri"), t.db.databaseName, { BENCH_OPERATOR_PRINCIPAL: "pack:agent" }),
      answerWithinMs: 30_000,
    });
    await initialize(server, "pack");
    const list = await server.request("tools/list");
    server.child.stdin.end();
    await server.exited;
    const tools = (list["result"] as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    expect(tools).toEqual(
      expect.arrayContaining(["get_fleet_health", "list_situations", "approve_decision"]),
    );
    for (const line of server.lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
  });

  it("installs the package's whole runtime from `dependencies`", () => {
    // A runtime import of a devDependency would have failed above; here, nothing dev is installed.
    const installed = readdirSync(join(work, "app", "node_modules"));
    expect(installed).not.toContain("vitest");
    expect(installed).not.toContain("typescript");
  });
});
