import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, MAIN_JS, ROOT } from "./support/build.js";

/**
 * npm's `prepare` (tools/prepare.mjs) on a checkout. `npx bench-operator` runs the binary through a
 * link npx made once per checkout path and reuses; a checkout cloned again at that path has a
 * dist/cli/main.js tsc wrote 0644, so the README's second command failed with "Permission denied"
 * unless prepare makes it executable.
 */
beforeAll(() => {
  ensureBuilt();
});

const executable = (): boolean => (statSync(MAIN_JS).mode & 0o111) === 0o111;

describe("npm's prepare on a built checkout", () => {
  it("leaves the binary executable without rebuilding it", () => {
    chmodSync(MAIN_JS, 0o644);
    const before = statSync(MAIN_JS).mtimeMs;
    execFileSync(process.execPath, [join(ROOT, "tools", "prepare.mjs")], { cwd: ROOT, stdio: "pipe" });
    expect(executable()).toBe(true);
    expect(statSync(MAIN_JS).mtimeMs).toBe(before);
    // Run as a program, the way npx's link runs it (its #! line names node).
    expect(execFileSync(MAIN_JS, ["--version"], { encoding: "utf8" }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

const { buildIsStale, sourceStamp } = (await import(pathToFileURL(join(ROOT, "tools/prepare.mjs")).href)) as {
  buildIsStale: (root: string) => boolean;
  sourceStamp: (root: string) => string;
};

describe("whether a checkout's build is stale", () => {
  it("follows the sources' content, not their times: a copy whose dist/ looks newer is still rebuilt", () => {
    const root = mkdtempSync(join(tmpdir(), "prepare-"));
    mkdirSync(join(root, "src"));
    mkdirSync(join(root, "dist", "cli"), { recursive: true });
    writeFileSync(join(root, "tsconfig.build.json"), "{}");
    writeFileSync(join(root, "src", "a.ts"), "export const a = 1;\n");
    expect(buildIsStale(root)).toBe(true); // never built
    writeFileSync(join(root, "dist", "cli", "main.js"), "");
    writeFileSync(join(root, "dist", ".source-stamp"), `${sourceStamp(root)}\n`);
    expect(buildIsStale(root)).toBe(false);

    // The source changes, and the build looks newer than it (as `cp -r` left a copied checkout).
    writeFileSync(join(root, "src", "a.ts"), "export const a = 2;\n");
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, "dist", "cli", "main.js"), later, later);
    expect(buildIsStale(root)).toBe(true);
  });
});
