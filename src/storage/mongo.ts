import { MongoClient, MongoParseError, type Db } from "mongodb";
import type { Config } from "../config/config.js";
import { MONGODB_URI_SHAPES } from "../config/mongo-uri.js";
import { AppError } from "../errors.js";
import { redactSecrets } from "../logger.js";

/**
 * Opens the client with short server-selection timeouts: a CLI command or a job that cannot
 * reach the database should say so in seconds, not hang for the driver's default 30 s.
 */
export async function connectMongo(
  uri: string,
  opts: { serverSelectionTimeoutMS?: number } = {},
): Promise<MongoClient> {
  let client: MongoClient;
  try {
    client = new MongoClient(uri, {
      serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 5_000,
      connectTimeoutMS: 5_000,
      appName: "bench-operator",
    });
  } catch (e) {
    // The config checks the URI's shape; the driver alone knows its options (`?foo=1`).
    if (!(e instanceof MongoParseError)) throw e;
    throw new AppError(
      "config_invalid",
      `MONGODB_URI: ${redactSecrets(e.message)}; expected ${MONGODB_URI_SHAPES}`,
      { cause: e },
    );
  }
  try {
    await client.connect();
    await client.db("admin").command({ ping: 1 });
  } catch (e) {
    await client.close().catch(() => {});
    throw new AppError(
      "database_unavailable",
      `Cannot reach the database at ${redactSecrets(uri)}: ${(e as Error).message}. Check MONGODB_URI and that the server is running.`,
      { cause: e },
    );
  }
  return client;
}

/** The connection as the rest of the product holds it: something to close at shutdown. */
export type DatabaseClient = Pick<MongoClient, "close">;

export function databaseFor(client: MongoClient, config: Pick<Config, "mongodb">): Db {
  return client.db(config.mongodb.db);
}
