import { execFileSync } from "node:child_process";
import { chmodSync, statSync } from "node:fs";
import { join } from "node:path";
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
