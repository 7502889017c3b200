import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import envPaths from "env-paths";
import { buildPatchedLauncher } from "./ferretdb-build.js";

/**
 * FerretDB 1.24 (MongoDB wire protocol over SQLite), run through our small Go launcher in
 * tools/ferretdb. The binary is built once with `go build` into a cache directory outside the
 * repo, keyed by a hash of the launcher's sources and patches, and reused by every later run.
 * FerretDB is patched so that it uses its `_id` index (see ferretdb-build.ts).
 */

const LAUNCHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../tools/ferretdb");
const SOURCES = ["main.go", "go.mod", "go.sum", "patches.json"];

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
  for (const f of SOURCES) hash.update(readFileSync(join(LAUNCHER_DIR, f)));
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

const stderrLog = (msg: string): void => void process.stderr.write(`${msg}\n`);

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

/** Starts FerretDB on a free loopback port with its SQLite files in `dataDir`. */
export async function startFerretDb(
  dataDir: string,
  opts: { port?: number } & LauncherOptions = {},
): Promise<RunningDatabase> {
  const bin = await ensureLauncher(opts);
  const port = opts.port ?? (await freePort());
  mkdirSync(dataDir, { recursive: true });
  // stdin is a lifeline: the launcher shuts down when it closes, which the kernel does however this
  // process ends (SIGKILL, a signal's default action), so no FerretDB outlives the process that
  // started it. Nothing is written to it.
  const child = spawn(bin, ["-listen", `127.0.0.1:${port}`, "-data", dataDir, "-exit-on-stdin-eof"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (d: Buffer) => {
    stderr.push(d.toString());
    if (stderr.length > 50) stderr.shift();
  });

  const uri = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`FerretDB did not start within 20 s:\n${stderr.join("")}`)),
      20_000,
    );
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.startsWith("ready ")) {
        clearTimeout(timer);
        ok(`mongodb://127.0.0.1:${port}/`);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`FerretDB exited with code ${code} before it was ready:\n${stderr.join("")}`));
    });
  });

  // Last resort for a process that exits without stopping it (process.exit from a signal path, an
  // uncaught error): a FerretDB left running holds the data directory and keeps using CPU.
  // An exit listener may only act synchronously; a signal is enough, FerretDB shuts down on it.
  const killOnExit = (): void => void child.kill("SIGTERM");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  announceRunning(dataDir, child, port);
  return { uri, stop: () => stopChild(child) };
}

/**
 * One FerretDB per data directory: FerretDB caches the SQLite catalogue (which collections exist)
 * in memory, so two launchers over one directory would each miss what the other creates. The
 * running one is named in `launcher.json` (its pid and port) until it exits, and a second process
 * of ours (`console --link` beside `serve`) connects to it instead of starting another.
 */
const RUNNING_FILE = "launcher.json";

function announceRunning(dataDir: string, child: ChildProcess, port: number): void {
  const file = join(dataDir, RUNNING_FILE);
  const pid = child.pid;
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify({ pid, port }));
  renameSync(`${file}.${process.pid}.tmp`, file);
  child.once("exit", () => {
    if (runningInfo(dataDir)?.pid === pid) rmSync(file, { force: true });
  });
}

function runningInfo(dataDir: string): { pid: number; port: number } | null {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, RUNNING_FILE), "utf8")) as {
      pid?: unknown;
      port?: unknown;
    };
    return typeof info.pid === "number" && typeof info.port === "number"
      ? { pid: info.pid, port: info.port }
      : null;
  } catch {
    return null;
  }
}

/**
 * The URI of a FerretDB another process already runs over `dataDir`: named in its file, the
 * process alive and the port accepting a connection (a pid reused by an unrelated process fails
 * the last). Null when there is none, a stale file included.
 */
export async function runningFerretDb(dataDir: string): Promise<string | null> {
  const info = runningInfo(dataDir);
  if (info === null || !processAlive(info.pid) || !(await accepts(info.port))) return null;
  return `mongodb://127.0.0.1:${info.port}/`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, owned by another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 1_000 });
    const end = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once("connect", () => end(true));
    socket.once("error", () => end(false));
    socket.once("timeout", () => end(false));
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
