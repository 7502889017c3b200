import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { COMMAND_GROUPS } from "../../src/cli/commands/index.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { ROOT } from "./support/build.js";

/**
 * The CLI as a person runs it: a whole process (through tsx, as `npm run cli` does), its exit
 * code, stdout and stderr. Only the environment given here, nothing from the developer's shell.
 */
function run(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: process.env["HOME"] ?? "/tmp", ...env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const STACK_FRAME = /^\s+at /m;
const DB = `t_cli_process_${process.pid}`;

afterAll(async () => {
  const client = await connectMongo(inject("mongoUri"));
  await client.db(DB).dropDatabase();
  await client.close();
});

// Each case spawns the CLI through tsx (a few seconds each on a shared two-core machine).
describe("bench-operator as a process", { timeout: 60_000 }, () => {
  it("--version and -V print the package version and exit 0", () => {
    for (const flag of ["--version", "-V"]) {
      const r = run([flag]);
      expect(r.status, flag).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
    }
  });

  it("--help lists every command group; a group's help is its full help; an unknown command is suggested", () => {
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    for (const g of COMMAND_GROUPS) expect(help.stdout).toMatch(new RegExp(`^  ${g.name} +\\S`, "m"));

    for (const args of [
      ["operator", "--help"],
      ["help", "operator"],
    ]) {
      const r = run(args);
      expect(r.status, args.join(" ")).toBe(0);
      expect(r.stdout).toContain("Usage: bench-operator operator [options] [command]");
      expect(r.stdout).toMatch(/^ {2}run \[options\] +One operator run/m);
    }

    const typo = run(["situatons"]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^error: unknown command 'situatons'\n\(Did you mean situations\?\)/);
  });

  it("a malformed MONGODB_URI is one line naming the setting, exit 2, no stack trace, no password", () => {
    for (const uri of ["not-a-uri", "mongodb://host:notaport", "mongodb://admin:hunter22secret@db:70000/x"]) {
      const r = run(["overview"], { MONGODB_URI: uri });
      expect(r.status, uri).toBe(2);
      expect(r.stderr.trimEnd().split("\n"), uri).toHaveLength(1);
      expect(r.stderr).toMatch(
        /^error \(config_invalid\): Invalid configuration: MONGODB_URI: .*mongodb:\/\/host/,
      );
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.stderr).not.toContain("hunter22");
      expect(r.stdout).toBe("");
    }
  });

  it("LOG_LEVEL is read in any case, and LOG_FORMAT=json makes every stderr line a JSON log entry", () => {
    const env = { MONGODB_URI: inject("mongoUri"), MONGODB_DB: DB };
    const upper = run(["config", "show"], { ...env, LOG_LEVEL: "INFO" });
    expect(upper.status).toBe(0);
    expect(upper.stderr).toBe("");

    // A real run (not --dry-run) writes only its run record in this empty database.
    const r = run(["operator", "run"], { ...env, LOG_LEVEL: "Debug", LOG_FORMAT: "json" });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const entries = lines.map((l) => JSON.parse(l) as { time: string; level: string; msg: string });
    for (const e of entries) expect(Object.keys(e).slice(0, 3)).toEqual(["time", "level", "msg"]);
    expect(entries.map((e) => e.msg)).toContain(
      "operator: deciding | 0 raw docs folded, 0 models, 0 situations (0 for the LLM)",
    );
    expect(entries.at(-1)!.msg).toMatch(/^operator run run_\w+: 0 situations/);
    expect(r.stdout).toMatch(/^run run_\w+: ok, decided by none/);

    // --json: stdout is one JSON document, and the progress stays away.
    const json = run(["operator", "run", "--dry-run", "--json"], env);
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as { dry_run: boolean }).dry_run).toBe(true);
    expect(json.stderr).not.toContain("operator:");
  });

  it("operator run shows plain progress lines on stderr when it is not a terminal", () => {
    const env = { MONGODB_URI: inject("mongoUri"), MONGODB_DB: DB };
    const r = run(["operator", "run", "--dry-run"], env);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^operator: reading the fleet \(signals, provider health, situations\)\noperator: deciding \| /m,
    );
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).not.toContain("\x1b");
  });
});
