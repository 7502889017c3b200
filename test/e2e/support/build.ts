import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const MAIN_JS = join(ROOT, "dist", "cli", "main.js");

/** The staleness check and the build `npm install` uses (tools/prepare.mjs). */
const { buildIsStale, build } = (await import(pathToFileURL(join(ROOT, "tools/prepare.mjs")).href)) as {
  buildIsStale: () => boolean;
  build: (stdio?: "pipe" | "inherit") => void;
};

/**
 * End-to-end tests run the built binary. When dist/ is missing or was built from other sources (its stamp), build it
 * (`tsc -p tsconfig.build.json`), under a lock directory so two test files never build at once.
 * tsc emits even when somebody's work in progress has type errors; those are for `tsc --noEmit`.
 */
export function ensureBuilt(): void {
  if (!buildIsStale()) return;
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
    if (!buildIsStale()) return;
    try {
      build("pipe");
    } catch {
      // Type errors still emit JavaScript; a missing main.js below is the real failure.
    }
    if (!existsSync(MAIN_JS)) throw new Error("npm run build did not produce dist/cli/main.js");
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
