import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { MongoClient } from "mongodb";
import { ensureLauncher, freePort } from "../../src/db/ferretdb.js";
import { loadConfig, type Config } from "../../src/config/config.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories, ensureIndexes, type Repositories } from "../../src/storage/repositories.js";

/**
 * A database that a test can crash. Its own FerretDB on a temporary data directory, behind a
 * small TCP proxy that reads the wire protocol and counts the commands our code sends (driver
 * handshakes and heartbeats are not counted). `killAfter(n)` lets n more commands through and
 * SIGKILLs FerretDB when the next one arrives, before it is forwarded: the n commands landed,
 * nothing after them did, the client sees a dropped connection. `restart()` starts FerretDB again
 * on the same data directory and port, like a database coming back after a crash.
 */
export interface FaultDb {
  /** The proxy's address: what the code under test connects to. */
  uri: string;
  /** Commands forwarded so far (handshakes and heartbeats excluded). */
  commands(): number;
  /** Names of the forwarded commands, in order (for choosing kill points). */
  log(): string[];
  /** Kill FerretDB when the (n+1)th command from now arrives. */
  killAfter(n: number): void;
  /** Kill FerretDB now. */
  kill(): Promise<void>;
  /** Resolves once FerretDB has been killed by `killAfter`. */
  killed(): Promise<void>;
  isDown(): boolean;
  /**
   * Hold every message to FerretDB in the proxy, the driver's own heartbeats too, with every
   * connection left open: a stalled database, not a dead one.
   */
  freeze(): void;
  /** Forward what was held, in order, and everything after it. */
  thaw(): void;
  isFrozen(): boolean;
  restart(): Promise<void>;
  /** A client and repositories for one "process" on database `name` (short server selection). */
  open(name: string, env?: Record<string, string>): Promise<FaultSession>;
  stop(): Promise<void>;
}

export interface FaultSession {
  client: MongoClient;
  config: Config;
  repos: Repositories;
  close(): Promise<void>;
}

/** Commands the driver sends on its own: not counted, always forwarded while the server is up. */
const HOUSEKEEPING = new Set([
  "hello",
  "ismaster",
  "isMaster",
  "ping",
  "buildInfo",
  "endSessions",
  "saslStart",
]);

export async function startFaultDb(): Promise<FaultDb> {
  const bin = await ensureLauncher();
  const dataDir = mkdtempSync(join(tmpdir(), "bench-operator-faults-"));
  // A fresh port per start: the killed server's port may linger; the proxy's address stays.
  let dbPort = 0;
  let child: ChildProcess | null = null;
  let count = 0;
  let killAt = Infinity;
  const names: string[] = [];
  const sockets = new Set<Socket>();
  // While frozen: the held messages' forwarding, in arrival order.
  let held: (() => void)[] | null = null;
  let onKilled: (() => void) | null = null;
  let killedPromise = new Promise<void>((r) => (onKilled = r));

  const launch = async (): Promise<void> => {
    dbPort = await freePort();
    const proc = spawn(bin, ["-listen", `127.0.0.1:${dbPort}`, "-data", dataDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const err: string[] = [];
    proc.stderr?.on("data", (d: Buffer) => void err.push(d.toString()));
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`FerretDB did not start: ${err.join("")}`)), 30_000);
      createInterface({ input: proc.stdout }).on("line", (line) => {
        if (line.startsWith("ready ")) {
          clearTimeout(timer);
          ok();
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`FerretDB exited (${code}) before it was ready: ${err.join("")}`));
      });
    });
    child = proc;
  };

  const killNow = async (): Promise<void> => {
    killAt = Infinity;
    held = null;
    const proc = child;
    child = null;
    for (const s of sockets) s.destroy();
    sockets.clear();
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      await new Promise<void>((done) => {
        proc.once("exit", () => done());
        proc.kill("SIGKILL");
      });
    }
    onKilled?.();
  };

  const proxy: Server = createServer((client) => {
    if (!child) {
      client.destroy();
      return;
    }
    const upstream = connect(dbPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", drop);
    upstream.on("close", drop);
    upstream.on("data", (d) => client.write(d));
    let pending = Buffer.alloc(0);
    client.on("data", (d: Buffer) => {
      pending = Buffer.concat([pending, d]);
      while (pending.length >= 4) {
        const len = pending.readInt32LE(0);
        if (pending.length < len) break;
        const msg = pending.subarray(0, len);
        pending = pending.subarray(len);
        const name = commandName(msg);
        if (name !== null && !HOUSEKEEPING.has(name)) {
          if (count >= killAt) {
            void killNow();
            return;
          }
          count++;
          names.push(name);
        }
        if (!child) return;
        if (held) held.push(() => void upstream.write(msg));
        else upstream.write(msg);
      }
    });
  });
  await launch();
  const proxyPort = await freePort();
  await new Promise<void>((ok) => proxy.listen(proxyPort, "127.0.0.1", ok));
  const uri = `mongodb://127.0.0.1:${proxyPort}/`;

  return {
    uri,
    commands: () => count,
    log: () => [...names],
    killAfter(n) {
      killAt = count + n;
    },
    kill: killNow,
    killed: () => killedPromise,
    isDown: () => child === null,
    freeze() {
      held ??= [];
    },
    thaw() {
      const release = held ?? [];
      held = null;
      for (const forward of release) forward();
    },
    isFrozen: () => held !== null,
    async restart() {
      if (child) await killNow();
      killedPromise = new Promise<void>((r) => (onKilled = r));
      await launch();
    },
    async open(name, env = {}) {
      const config = loadConfig({ MONGODB_URI: uri, MONGODB_DB: name, ...env });
      const client = await connectMongo(uri, { serverSelectionTimeoutMS: 1_500 });
      const repos = createRepositories(client.db(name), config.collections);
      await ensureIndexes(repos);
      return { client, config, repos, close: () => client.close(true).catch(() => {}) };
    },
    async stop() {
      await killNow();
      await new Promise<void>((ok) => proxy.close(() => ok()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The command name of an OP_MSG (its first section's first key); null for anything else. */
function commandName(msg: Buffer): string | null {
  const OP_MSG = 2013;
  if (msg.length < 21 || msg.readInt32LE(12) !== OP_MSG) return null;
  // header (16) + flagBits (4); the body section is kind 0 followed by a BSON document.
  if (msg[20] !== 0) return null;
  const doc = 21;
  const nameStart = doc + 4 + 1; // document length, element type
  const end = msg.indexOf(0, nameStart);
  return end < 0 ? null : msg.toString("utf8", nameStart, end);
}
