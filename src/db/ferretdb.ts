import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import envPaths from "env-paths";
import { redactSecrets } from "../logger.js";
import { buildPatchedLauncher } from "./ferretdb-build.js";

/**
 * FerretDB 1.24 (MongoDB wire protocol over SQLite), run through our small Go launcher in
 * tools/ferretdb. The binary is built once with `go build` into a cache directory outside the
 * repo, keyed by a hash of the launcher's sources and patches, and reused by every later run.
 * FerretDB is patched so that it uses its `_id` index (see ferretdb-build.ts).
 */

const LAUNCHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../tools/ferretdb");
/** What the launcher is built from: its Go files, its module files and FerretDB's patches. */
function launcherSources(): string[] {
  const go = readdirSync(LAUNCHER_DIR).filter((f) => f.endsWith(".go"));
  return [...go.sort(), "go.mod", "go.sum", "patches.json"];
}

export interface RunningDatabase {
  uri: string;
  stop(): Promise<void>;
}

function cacheRoot(): string {
  return envPaths("bench-operator", { suffix: "" }).cache;
}

/** Where the launcher for the current sources lives (whether or not it is built yet). */
export function launcherPath(): string {
  const hash = createHash("sha256");
  for (const f of launcherSources()) hash.update(readFileSync(join(LAUNCHER_DIR, f)));
  return join(cacheRoot(), `ferretdb-${hash.digest("hex").slice(0, 16)}`, "ferretdb-launcher");
}

/** Whether `go` runs. Asynchronous: the serving path of `mcp` must keep answering meanwhile. */
export function hasGo(): Promise<boolean> {
  return new Promise((resolveGo) => {
    const child = spawn("go", ["version"], { stdio: "ignore" });
    child.on("error", () => resolveGo(false));
    child.on("exit", (code) => resolveGo(code === 0));
  });
}

/** What the one-time build is measured to take; said before it starts so nobody thinks it hangs. */
export const LAUNCHER_BUILD_TIME =
  "about 75 s when Go's caches are warm, about 5 min cold (more on a busy machine)";

export interface LauncherOptions {
  /** Where build progress goes; stderr by default (stdout may carry protocol messages). */
  log?: (msg: string) => void;
  /** Called when a build begins, after the announcement (not when a built launcher is reused). */
  onBuildStart?: () => void;
}

// Redacted like every line that leaves the process outside the logger (linted): a build error may quote anything.
const stderrLog = (msg: string): void => void process.stderr.write(redactSecrets(`${msg}\n`));

/** Builds under way in this process, by target: a second caller waits for the first build. */
const building = new Map<string, Promise<string>>();

/** Returns the launcher binary, building it first if needed. Rejects with go's output on failure. */
export async function ensureLauncher(opts: LauncherOptions = {}): Promise<string> {
  const target = launcherPath();
  if (existsSync(target)) return target;
  let build = building.get(target);
  if (!build) {
    build = buildLauncher(target, opts).finally(() => building.delete(target));
    building.set(target, build);
  }
  return build;
}

async function buildLauncher(target: string, opts: LauncherOptions): Promise<string> {
  const log = opts.log ?? stderrLog;
  if (!(await hasGo())) throw new Error("Go is not installed, so the FerretDB launcher cannot be built");
  mkdirSync(dirname(target), { recursive: true });
  log(
    `building the FerretDB launcher into ${target}: this happens once per launcher version and takes ${LAUNCHER_BUILD_TIME}`,
  );
  opts.onBuildStart?.();
  const started = Date.now();
  // Build to a private name and rename: two processes building at once both end with a whole binary.
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await buildPatchedLauncher(LAUNCHER_DIR, tmp, `${target}.${process.pid}.src`);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    log(`the FerretDB launcher build failed after ${seconds(started)} s`);
    throw e;
  }
  log(`built the FerretDB launcher in ${seconds(started)} s; later starts reuse it`);
  return target;
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 1000);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** Starts FerretDB on a free loopback port with its SQLite files in `dataDir`, for this process alone. */
export async function startFerretDb(
  dataDir: string,
  opts: { port?: number } & LauncherOptions = {},
): Promise<RunningDatabase> {
  const started = await launch(dataDir, opts);
  if (started === "busy") throw new Error("unreachable: a launcher without a lifeline is never busy");
  return started;
}

/**
 * One FerretDB per data directory, shared by every process of ours that uses it. FerretDB caches
 * the SQLite catalogue (which collections exist) in memory, so two launchers over one directory
 * would each miss what the other creates.
 *
 * The launcher that holds `<data>/launcher.lock` serves the directory, and any other process
 * (`mcp` for Claude Desktop beside a terminal's `serve`, `console --link` beside either) holds it
 * through its lifeline socket. The launcher runs until the last holder lets go, whichever process
 * started it and however the others end (a closed socket or pipe is a release). `joined` says
 * whether another process had started it.
 */
export async function openSharedFerretDb(
  dataDir: string,
  opts: LauncherOptions = {},
): Promise<{ db: RunningDatabase; joined: boolean }> {
  await ensureLauncher(opts);
  mkdirSync(dataDir, { recursive: true });
  const socket = lifelinePath(dataDir);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const joined = await holdRunning(socket);
    if (joined) return { db: joined, joined: true };
    // Nobody answers: start one. "busy" means another process's launcher has the lock but is not
    // answering yet (starting, or shutting down), so try again shortly.
    const started = await launch(dataDir, { ...opts, lifeline: socket });
    if (started !== "busy") return { db: started, joined: false };
    if (Date.now() > deadline)
      throw new Error(`another FerretDB launcher holds ${dataDir} but does not answer on ${socket}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The lifeline socket of a data directory: inside it, unless that path is too long for a socket. */
export function lifelinePath(dataDir: string): string {
  const inside = join(resolve(dataDir), "launcher.sock");
  if (Buffer.byteLength(inside) <= 100) return inside;
  const hash = createHash("sha256").update(resolve(dataDir)).digest("hex").slice(0, 16);
  return join(tmpdir(), `bench-operator-ferretdb-${hash}.sock`);
}

/**
 * Holds the launcher answering on `socket`, or null when none does (no file, a dead launcher's
 * file, one shutting down). The connection does not keep this process alive, and closing it,
 * by `stop` or by this process's end, is the release.
 */
function holdRunning(socket: string): Promise<RunningDatabase | null> {
  return new Promise((done) => {
    if (!existsSync(socket)) return done(null);
    const conn = connect({ path: socket });
    let line = "";
    const timer = setTimeout(() => fail(), 5_000);
    function fail(): void {
      clearTimeout(timer);
      conn.destroy();
      done(null);
    }
    conn.setEncoding("utf8");
    conn.on("error", fail);
    conn.on("close", fail);
    conn.on("data", (d: string) => {
      line += d;
      const end = line.indexOf("\n");
      if (end < 0) return;
      const match = /^ok (mongodb:\/\/\S+)$/.exec(line.slice(0, end));
      if (!match) return fail();
      clearTimeout(timer);
      conn.removeListener("close", fail);
      conn.unref();
      done({
        uri: match[1]!,
        stop: () =>
          new Promise<void>((closed) => {
            if (conn.destroyed) return closed();
            conn.once("close", () => closed());
            // Referenced again while it closes, or the process would end with this wait unsettled.
            conn.ref();
            conn.end();
          }),
      });
    });
  });
}

async function launch(
  dataDir: string,
  opts: { port?: number; lifeline?: string } & LauncherOptions,
): Promise<RunningDatabase | "busy"> {
  const bin = await ensureLauncher(opts);
  const port = opts.port ?? (await freePort());
  mkdirSync(dataDir, { recursive: true });
  // stdin is a lifeline: the launcher lets go of this process when it closes, which the kernel
  // does however this process ends (SIGKILL, a signal's default action), so no FerretDB outlives
  // the processes that use it. Nothing is written to it.
  const args = ["-listen", `127.0.0.1:${port}`, "-data", dataDir, "-exit-on-stdin-eof"];
  if (opts.lifeline) args.push("-lifeline", opts.lifeline);
  const child = spawn(bin, args, { stdio: ["pipe", "pipe", "pipe"] });
  const stderr: string[] = [];
  child.stderr?.on("data", (d: Buffer) => {
    stderr.push(d.toString());
    if (stderr.length > 50) stderr.shift();
  });

  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<"ready" | "busy">((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`FerretDB did not start within 20 s:\n${stderr.join("")}`)),
      20_000,
    );
    lines.on("line", (line) => {
      if (line.startsWith("ready ") || line === "busy") {
        clearTimeout(timer);
        ok(line === "busy" ? "busy" : "ready");
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`FerretDB exited with code ${code} before it was ready:\n${stderr.join("")}`));
    });
  });
  if (ready === "busy") {
    await stopChild(child);
    return "busy";
  }
  return { uri: `mongodb://127.0.0.1:${port}/`, stop: () => release(child, lines) };
}

/**
 * Lets go of a launcher this process started: closes its stdin, then waits for it to exit, or,
 * when other processes still hold it, for its "released" and leaves it running for them.
 */
function release(child: ChildProcess, lines: ReturnType<typeof createInterface>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const finish = (): void => {
      clearTimeout(kill);
      done();
    };
    child.once("exit", finish);
    lines.on("line", (line) => {
      if (line !== "released") return;
      child.removeListener("exit", finish);
      // Nothing more to read or wait for: this process may exit while the launcher serves on.
      lines.close();
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      finish();
    });
    child.stdin?.end();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(kill);
      done();
    });
    child.kill("SIGTERM");
  });
}
