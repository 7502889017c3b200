/**
 * The `prepare` step (`npm install` runs it, and so does the first `npx bench-operator` in a
 * checkout: npm 11 treats the checkout as the package to run and prepares it before every new
 * path's first call, which rebuilt dist/ for ~8 s): builds dist/ with tsc only when the sources
 * differ from those dist/ was built from (a hash of src/ and the build's tsconfig, kept in
 * dist/.source-stamp), and leaves dist/cli/main.js executable either way. Modification times were
 * not enough: a copied checkout (`cp -r`) gave dist/ newer times than src/, and its binary kept
 * answering with a week-old build.
 * test/e2e/support/build.ts asks the same question before the end-to-end tests spawn the binary.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const MAIN_JS = join(ROOT, "dist", "cli", "main.js");

/** Where a build writes the stamp of the sources it was built from. */
const stampOf = (root) => join(root, "dist", ".source-stamp");

/** The files tsc builds from, sorted: .ts files and the JSON they import (src/taxonomy/lexicon-counts.json). */
function sources(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (entry.name.endsWith(".ts") || entry.name.endsWith(".json")) out.push(path);
  }
  return out.sort();
}

/** A hash of every source's path and content under `root`, and of the build's tsconfig. */
export function sourceStamp(root = ROOT) {
  const hash = createHash("sha256");
  for (const path of [...sources(join(root, "src")), join(root, "tsconfig.build.json")]) {
    hash.update(path.slice(root.length));
    hash.update("\0");
    hash.update(readFileSync(path));
  }
  return hash.digest("hex");
}

function readOr(path, fallback) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

/** True when dist/ must be built again before the binary can be trusted to match src/. */
export function buildIsStale(root = ROOT) {
  if (readOr(join(root, "dist", "cli", "main.js"), null) === null) return true;
  return readOr(stampOf(root), "").trim() !== sourceStamp(root);
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
  const stamp = sourceStamp();
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: ROOT, stdio });
    writeFileSync(stampOf(ROOT), `${stamp}\n`);
  } finally {
    makeExecutable();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `npm run build` passes --force: a build whatever the stamp says.
  if (process.argv.includes("--force") || buildIsStale()) build();
  else makeExecutable();
}
