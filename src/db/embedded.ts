import { mkdirSync } from "node:fs";
import { join } from "node:path";
import envPaths from "env-paths";
import { AppError } from "../errors.js";
import type { Logger } from "../logger.js";
import { runningFerretDb, startFerretDb, type RunningDatabase } from "./ferretdb.js";

/**
 * The database used when MONGODB_URI is unset (the demo, a first `serve`): FerretDB with a
 * persistent data directory when Go or a built launcher is available, else a real mongod from
 * mongodb-memory-server (downloaded once where the internet is reachable). It says where the
 * data lives, and it is stopped when the process is done with it.
 */
export function defaultDataDir(): string {
  return envPaths("bench-operator", { suffix: "" }).data;
}

export async function startEmbeddedDatabase(opts: {
  dataDir?: string;
  logger: Logger;
  /**
   * Connect to a FerretDB another of our processes already runs over this directory (default
   * true). A long-lived process passes false: sharing would tie its database to the other's life
   * (the stdio server Claude Desktop starts would lose it when a terminal's `serve` stopped).
   */
  share?: boolean;
  /** Called when the FerretDB launcher must be built first (minutes, once). */
  onBuildStart?: () => void;
}): Promise<RunningDatabase> {
  const root = opts.dataDir ?? defaultDataDir();
  const problems: string[] = [];

  try {
    // startFerretDb reuses a launcher built earlier (for example by `npm test`) or builds one with Go.
    const dir = join(root, "ferretdb");
    // Another of our processes (a `serve`) already runs FerretDB over this directory: a command
    // shares it, and leaves stopping it to that process.
    const running = opts.share === false ? null : await runningFerretDb(dir);
    if (running !== null) {
      opts.logger.info(`embedded database: the FerretDB already running at ${running}, data in ${dir}`);
      return { uri: running, stop: async () => {} };
    }
    const db = await startFerretDb(dir, {
      // warn, not info: the one-time build is minutes of waiting that must reach the screen.
      log: (msg) => opts.logger.warn(msg),
      ...(opts.onBuildStart ? { onBuildStart: opts.onBuildStart } : {}),
    });
    opts.logger.info(`embedded database: FerretDB at ${db.uri}, data in ${dir}`);
    return db;
  } catch (e) {
    problems.push(`FerretDB: ${(e as Error).message.split("\n")[0]}`);
  }

  try {
    const { MongoMemoryServer } = await import("mongodb-memory-server-core");
    const dir = join(root, "mongod");
    mkdirSync(dir, { recursive: true });
    const server = await MongoMemoryServer.create({
      instance: { dbPath: dir, storageEngine: "wiredTiger", ip: "127.0.0.1" },
    });
    opts.logger.info(`embedded database: mongod at ${server.getUri()}, data in ${dir}`);
    return { uri: server.getUri(), stop: async () => void (await server.stop({ doCleanup: false })) };
  } catch (e) {
    problems.push(`mongodb-memory-server: ${(e as Error).message.split("\n")[0]}`);
  }

  throw new AppError(
    "database_unavailable",
    [
      "No database: MONGODB_URI is unset and no embedded database could start.",
      ...problems.map((p) => `  - ${p}`),
      "Do one of these:",
      "  - set MONGODB_URI to a MongoDB 6+ server (for example mongodb://127.0.0.1:27017/);",
      "  - install Go (https://go.dev/dl) so the FerretDB launcher in tools/ferretdb can be built;",
      "  - run once on a machine with internet access so mongodb-memory-server can download mongod.",
    ].join("\n"),
  );
}
