/**
 * Whole-process start-up of the `bench-operator` binary: how long a person waits for `--help`
 * and `--version`. Runs the built binary (`dist/cli/main.js`, rebuilt here when stale) and the
 * sources through tsx (`npm run cli`), each command `--runs` times, and prints the median and
 * the slowest wall time per command. `--json` prints one JSON object with the same figures.
 *
 * Database commands (overview, situations, report health --dry-run, demo) belong in COMMANDS
 * too, with a `setup` that gives them a seeded database; none is measured yet.
 *
 *   npm run bench:cli [-- --json] [-- --runs 7]
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { table } from "../src/cli/output.js";
import { ensureBuilt, MAIN_JS, ROOT } from "../test/e2e/support/build.js";
import { benchArgs } from "./support.js";

const { json, int, log } = benchArgs({ quietWithJson: true });
const RUNS = int("runs", 7);

interface BenchCommand {
  name: string;
  args: string[];
  /** What the command needs before it runs (a database, say); none of today's do. */
  env?: Record<string, string>;
}

const COMMANDS: BenchCommand[] = [
  { name: "--help", args: ["--help"] },
  { name: "--version", args: ["--version"] },
];

const LAUNCHERS = [
  { name: "node dist/cli/main.js", argv: (args: string[]) => [process.execPath, MAIN_JS, ...args] },
  {
    name: "tsx src/cli/main.ts",
    argv: (args: string[]) => [join(ROOT, "node_modules/.bin/tsx"), join(ROOT, "src/cli/main.ts"), ...args],
  },
];

/** Wall time of one process, spawn to exit, in milliseconds; a failed run is an error, not a figure. */
function timeOnce(argv: string[], env: Record<string, string>): number {
  const start = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: process.env["HOME"] ?? "/tmp", ...env },
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

ensureBuilt();
const rows: { launcher: string; command: string; runs: number; median_ms: number; max_ms: number }[] = [];
for (const launcher of LAUNCHERS) {
  for (const command of COMMANDS) {
    log(`${launcher.name} ${command.name}: ${RUNS} runs`);
    const argv = launcher.argv(command.args);
    timeOnce(argv, command.env ?? {}); // warm the file cache (and tsx's transform cache)
    const times = Array.from({ length: RUNS }, () => timeOnce(argv, command.env ?? {}));
    rows.push({
      launcher: launcher.name,
      command: command.name,
      runs: RUNS,
      median_ms: Math.round(median(times)),
      max_ms: Math.round(Math.max(...times)),
    });
  }
}
const baseline = Array.from({ length: RUNS }, () => timeOnce([process.execPath, "-e", ""], {}));
const nodeMs = Math.round(median(baseline));
const tsxBaseline = Array.from({ length: RUNS }, () =>
  timeOnce([join(ROOT, "node_modules/.bin/tsx"), "-e", ""], {}),
);
const tsxMs = Math.round(median(tsxBaseline));

if (json) {
  process.stdout.write(
    JSON.stringify({
      runs: RUNS,
      node_startup_median_ms: nodeMs,
      tsx_startup_median_ms: tsxMs,
      commands: rows,
    }) + "\n",
  );
} else {
  process.stdout.write(
    `bench-operator start-up, whole processes, median of ${RUNS} ` +
      `(an empty process: node ${nodeMs} ms, tsx ${tsxMs} ms)\n\n` +
      table(rows) +
      "\n",
  );
}
