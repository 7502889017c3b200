/**
 * Whole processes of the commands people type first, timed as they wait for them: `--help` and
 * `--version` (the built binary, `dist/cli/main.js`, rebuilt here when stale, and the sources
 * through tsx, `npm run cli`), then `demo`, `overview`, `situations`, `report health --dry-run`
 * and `operator run --dry-run` on the default demo fleet in the embedded database (no MONGODB_URI, a data
 * directory of its own), so every figure includes starting the embedded FerretDB, as it does for
 * a person. Prints the median and the slowest wall time per command; `--json` prints one JSON
 * object with the same figures.
 *
 *   npm run bench:cli [-- --json] [-- --runs 7] [-- --demo-runs 3] [-- --no-db]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { table } from "../src/cli/output.js";
import { ensureBuilt, MAIN_JS, ROOT } from "../test/e2e/support/build.js";
import { benchArgs } from "./support.js";

const { json, int, flag, log } = benchArgs({ quietWithJson: true });
const RUNS = int("runs", 7);
/** The demo takes tens of seconds a run; fewer runs keep the bench within a few minutes. */
const DEMO_RUNS = int("demo-runs", 3);
const WITH_DB = !flag("no-db");

interface BenchCommand {
  name: string;
  args: string[];
  /** Runs on the demo fleet in the embedded database (built binary only), `runs` times. */
  db?: { runs: () => number };
}

const COMMANDS: BenchCommand[] = [
  { name: "--help", args: ["--help"] },
  { name: "--version", args: ["--version"] },
  // The demo first: it seeds the fleet the commands after it read.
  { name: "demo", args: ["demo"], db: { runs: () => DEMO_RUNS } },
  { name: "overview", args: ["overview"], db: { runs: () => RUNS } },
  { name: "situations", args: ["situations"], db: { runs: () => RUNS } },
  { name: "report health --dry-run", args: ["report", "health", "--dry-run"], db: { runs: () => RUNS } },
  // The demo's second suggestion ("what the operator would do"): reads the fleet, situations, open
  // decisions and what people undid.
  { name: "operator run --dry-run", args: ["operator", "run", "--dry-run"], db: { runs: () => RUNS } },
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
const dataDir = mkdtempSync(join(tmpdir(), "bench-cli-"));
const dbEnv = { BENCH_OPERATOR_DATA_DIR: dataDir };
const rows: { launcher: string; command: string; runs: number; median_ms: number; max_ms: number }[] = [];
try {
  for (const launcher of LAUNCHERS) {
    for (const command of COMMANDS) {
      if (command.db && (!WITH_DB || launcher !== LAUNCHERS[0])) continue;
      const runs = command.db ? command.db.runs() : RUNS;
      const env = command.db ? dbEnv : {};
      log(`${launcher.name} ${command.name}: ${runs} runs`);
      const argv = launcher.argv(command.args);
      // Warm the file cache (and tsx's transform cache); the demo's first run is a measured one.
      if (command.name !== "demo") timeOnce(argv, env);
      const times = Array.from({ length: runs }, () => timeOnce(argv, env));
      rows.push({
        launcher: launcher.name,
        command: command.name,
        runs,
        median_ms: Math.round(median(times)),
        max_ms: Math.round(Math.max(...times)),
      });
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
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
