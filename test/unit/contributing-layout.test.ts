import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * CONTRIBUTING.md's layout names every folder a newcomer meets: each folder of src/ (as `src/x/`,
 * a folder inside one by its own name, `y/`), each tracked folder at the root and each folder of
 * test/. A new folder without a line there fails here.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const text = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");

const dirs = (path: string): string[] =>
  readdirSync(join(ROOT, path), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

describe("CONTRIBUTING.md's layout", () => {
  it("names every folder of src/, and every folder inside one", () => {
    const missing: string[] = [];
    for (const top of dirs("src")) {
      if (!text.includes(`src/${top}/`)) missing.push(`src/${top}/`);
      for (const inner of dirs(join("src", top)))
        if (!text.includes(`${inner}/`)) missing.push(`src/${top}/${inner}/`);
    }
    expect(missing).toEqual([]);
  });

  it("names every tracked folder at the root and every folder of test/", () => {
    const tracked = execFileSync("git", ["ls-tree", "-d", "--name-only", "HEAD"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter((d) => d !== "" && !d.startsWith("."));
    const missing = [
      ...tracked.filter((d) => !text.includes(`${d}/`)).map((d) => `${d}/`),
      ...dirs("test")
        .filter((d) => !text.includes(`test/${d}/`))
        .map((d) => `test/${d}/`),
    ];
    expect(missing).toEqual([]);
  });
});
