import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const MAIN_JS = join(ROOT, "dist", "cli", "main.js");

function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(
      max,
      entry.isDirectory() ? newest(path) : entry.name.endsWith(".ts") ? statSync(path).mtimeMs : 0,
    );
  }
  return max;
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * End-to-end tests run the built binary. When dist/ is missing or older than src/, build it
 * (`tsc -p tsconfig.build.json`), under a lock directory so two test files never build at once.
 * tsc emits even when somebody's work in progress has type errors; those are for `tsc --noEmit`.
 */
export function ensureBuilt(): void {
  if (mtime(MAIN_JS) >= newest(join(ROOT, "src"))) return;
  const lock = join(ROOT, "dist", ".e2e-build-lock");
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`could not take ${lock}; remove it if no build is running`);
      execFileSync("sleep", ["1"]);
    }
  }
  try {
    if (mtime(MAIN_JS) >= newest(join(ROOT, "src"))) return;
    try {
      execFileSync(
        process.execPath,
        [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
        {
          cwd: ROOT,
          stdio: "pipe",
        },
      );
    } catch {
      // Type errors still emit JavaScript; a missing main.js below is the real failure.
    }
    if (mtime(MAIN_JS) === 0) throw new Error("npm run build did not produce dist/cli/main.js");
  } finally {
    rmdirSync(lock);
  }
}

/** The environment a spawned server gets: the test database and nothing from the developer's shell. */
export function serverEnv(
  uri: string,
  db: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    MONGODB_URI: uri,
    MONGODB_DB: db,
    LOG_LEVEL: "info",
    ...extra,
  };
}
