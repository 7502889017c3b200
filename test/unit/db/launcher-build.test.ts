import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readPatches } from "../../../src/db/ferretdb-build.js";
import { ensureLauncher, hasGo, launcherPath } from "../../../src/db/ferretdb.js";

/**
 * The launcher build with a fake `go` on PATH (a shell script that sleeps, then fails or writes
 * a "binary"), so nothing is really built: the build must leave the event loop free (timers keep
 * firing while go runs) and announce itself before go is first asked to build anything.
 */
const LAUNCHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../tools/ferretdb");

let dir: string;
let saved: { PATH?: string; XDG_CACHE_HOME?: string; FAKE_GO_MODULE?: string; FAKE_GO_LOG?: string };

function fakeGo(mode: "fail" | "succeed"): void {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, "go"),
    [
      "#!/bin/sh",
      'echo "$(date +%s%N) $1" >> "$FAKE_GO_LOG"',
      'case "$1" in',
      "  version) exit 0 ;;",
      mode === "fail"
        ? '  mod) sleep 1; echo "fake go: no network" >&2; exit 1 ;;'
        : '  mod) sleep 1; printf \'{"Dir": "%s"}\\n\' "$FAKE_GO_MODULE"; exit 0 ;;',
      '  build) while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; shift; done',
      "    sleep 1; printf 'fake launcher' > \"$out\"; exit 0 ;;",
      "esac",
      "exit 2",
      "",
    ].join("\n"),
  );
  chmodSync(join(bin, "go"), 0o755);
  process.env["PATH"] = `${bin}:/usr/bin:/bin`;
}

/** A FerretDB "module" in which every patch finds what it expects, so applyPatches passes. */
function fakeModule(): string {
  const root = join(dir, "module");
  const files = new Map<string, string[]>();
  for (const p of readPatches(LAUNCHER_DIR)) {
    files.set(p.file, [...(files.get(p.file) ?? []), ...Array.from({ length: p.count }, () => p.find)]);
  }
  for (const [file, lines] of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), lines.join("\n"));
  }
  return root;
}

function goCalls(): string[] {
  try {
    return readFileSync(join(dir, "go.log"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(" ")[1]!);
  } catch {
    return [];
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "launcher-build-"));
  saved = {
    PATH: process.env["PATH"],
    XDG_CACHE_HOME: process.env["XDG_CACHE_HOME"],
    FAKE_GO_MODULE: process.env["FAKE_GO_MODULE"],
    FAKE_GO_LOG: process.env["FAKE_GO_LOG"],
  };
  process.env["XDG_CACHE_HOME"] = join(dir, "cache"); // env-paths reads it on every call
  process.env["FAKE_GO_LOG"] = join(dir, "go.log");
});

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("ensureLauncher", () => {
  it("keeps the event loop free while go runs, announces the build first, and reports go's failure", async () => {
    fakeGo("fail");
    const log: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    let goCallsAtAnnouncement: string[] | undefined;
    try {
      await expect(
        ensureLauncher({
          log: (m) => {
            log.push(m);
            goCallsAtAnnouncement ??= goCalls();
          },
        }),
      ).rejects.toThrow(/go mod failed:\nfake go: no network/);
    } finally {
      clearInterval(timer);
    }
    // spawnSync would have frozen the loop for the whole second go sleeps: no tick at all.
    expect(ticks).toBeGreaterThan(5);
    expect(goCallsAtAnnouncement).toEqual(["version"]); // only the check that go exists
    expect(log[0]).toMatch(
      /^building the FerretDB launcher into .*: this happens once per launcher version and takes about 75 s .* about 5 min cold/,
    );
    expect(log[1]).toMatch(/^the FerretDB launcher build failed after \d+ s$/);
  });

  it("builds once for concurrent callers, ending with one whole binary, and reuses it", async () => {
    fakeGo("succeed");
    process.env["FAKE_GO_MODULE"] = fakeModule();
    const log: string[] = [];
    let buildStarts = 0;
    const opts = { log: (m: string) => log.push(m), onBuildStart: () => buildStarts++ };
    const [a, b] = await Promise.all([ensureLauncher(opts), ensureLauncher(opts)]);
    expect(a).toBe(launcherPath());
    expect(b).toBe(a);
    expect(readFileSync(a, "utf8")).toBe("fake launcher");
    expect(goCalls().filter((c) => c === "build")).toHaveLength(1);
    expect(buildStarts).toBe(1);
    expect(log.at(-1)).toMatch(/^built the FerretDB launcher in \d+ s; later starts reuse it$/);

    const again = await ensureLauncher(opts);
    expect(again).toBe(a);
    expect(buildStarts).toBe(1);
  });

  it("hasGo answers without blocking, false when go is not on PATH", async () => {
    process.env["PATH"] = join(dir, "nothing-here");
    await expect(hasGo()).resolves.toBe(false);
    await expect(ensureLauncher()).rejects.toThrow(/Go is not installed/);
  });
});
