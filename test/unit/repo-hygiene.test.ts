import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * A merge that left conflict markers behind once reached the README, where prettier reformatted
 * them into prose ("> > > > > > > branch") so that nothing else noticed. Every tracked text file
 * is checked for both forms.
 */
describe("the repository", () => {
  it("holds no merge conflict markers, raw or reformatted", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" })
      .split("\0")
      .filter((f) => /\.(ts|js|mjs|json|md|yml|yaml|go|sh)$|^\.ci\/run$|Dockerfile$/.test(f));
    const marker = /^(<{7}|>{7}|={7}$|(> ){7})/m;
    const hits = files.filter((f) => {
      try {
        return marker.test(readFileSync(f, "utf8"));
      } catch {
        return false; // listed but deleted in the working tree
      }
    });
    expect(hits).toEqual([]);
  });
});
