import { mkdirSync } from "node:fs";
import { join } from "node:path";
import envPaths from "env-paths";
import { AppError } from "../errors.js";
import type { Logger } from "../logger.js";
import { openSharedFerretDb, type RunningDatabase } from "./ferretdb.js";

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
  /** Called when the FerretDB launcher must be built first (minutes, once). */
  onBuildStart?: () => void;
}): Promise<RunningDatabase> {
  const root = opts.dataDir ?? defaultDataDir();
  const problems: string[] = [];

  try {
    // The launcher built earlier (for example by `npm test`) is reused, or built with Go.
    const dir = join(root, "ferretdb");
    // When another of our processes (a `serve`, Claude Desktop's `mcp`) already runs FerretDB over
    // this directory, this one shares it; the server runs until the last of them is done.
    const { db, joined } = await openSharedFerretDb(dir, {
      // warn, not info: the one-time build is minutes of waiting that must reach the screen.
      log: (msg) => opts.logger.warn(msg),
      ...(opts.onBuildStart ? { onBuildStart: opts.onBuildStart } : {}),
    });
    opts.logger.info(
      `embedded database: ${joined ? "the FerretDB already running" : "FerretDB"} at ${db.uri}, data in ${dir}`,
    );
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
