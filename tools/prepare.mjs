/**
 * The `prepare` step (`npm install` runs it, and so does the first `npx bench-operator` in a
 * checkout: npm 11 treats the checkout as the package to run and prepares it before every new
 * path's first call, which rebuilt dist/ for ~8 s): builds dist/ with tsc only when
 * dist/cli/main.js is missing or older than a TypeScript file under src/ or the build's tsconfig,
 * and leaves dist/cli/main.js executable either way.
 * test/e2e/support/build.ts asks the same question before the end-to-end tests spawn the binary.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const MAIN_JS = join(ROOT, "dist", "cli", "main.js");

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest source tsc builds from: .ts files and the JSON they import (src/taxonomy/lexicon-counts.json). */
function newestSource(dir) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) max = Math.max(max, newestSource(path));
    else if (entry.name.endsWith(".ts") || entry.name.endsWith(".json")) max = Math.max(max, mtime(path));
  }
  return max;
}

/** True when dist/ must be built again before the binary can be trusted to match src/. */
export function buildIsStale() {
  const built = mtime(MAIN_JS);
  return (
    built === 0 || built < Math.max(newestSource(join(ROOT, "src")), mtime(join(ROOT, "tsconfig.build.json")))
  );
}

/**
 * The binary package.json's "bin" names must be executable. tsc writes it 0644; npm makes a bin
 * executable only when it links it, and `npx` reuses the link it made for an earlier checkout at
 * the same path, so a fresh clone there answered "bench-operator: Permission denied".
 */
export function makeExecutable() {
  try {
    chmodSync(MAIN_JS, 0o755);
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
  }
}

/** tsc -p tsconfig.build.json; throws when it fails (type errors still emit JavaScript). */
export function build(stdio = "inherit") {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: ROOT, stdio });
  } finally {
    makeExecutable();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (buildIsStale()) build();
  else makeExecutable();
}
