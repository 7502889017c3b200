import { randomBytes } from "node:crypto";
import type { Db, MongoClient } from "mongodb";
import { afterAll, inject } from "vitest";
import { loadConfig, type Config } from "../../src/config/config.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories, ensureIndexes, type Repositories } from "../../src/storage/repositories.js";

export interface TestDatabase {
  client: MongoClient;
  db: Db;
  config: Config;
  repos: Repositories;
}

/**
 * A database of its own for one test file, on the server the global setup started. Connection
 * failure throws (the test fails with the reason); the database is dropped after the file.
 */
export async function openTestDatabase(
  label: string,
  env: Record<string, string> = {},
): Promise<TestDatabase> {
  const uri = inject("mongoUri");
  const name = `t_${label.replace(/[^a-z0-9]/gi, "_").slice(0, 30)}_${randomBytes(3).toString("hex")}`;
  const config = loadConfig({ MONGODB_URI: uri, MONGODB_DB: name, ...env });
  const client = await connectMongo(uri);
  const db = client.db(name);
  const repos = createRepositories(db, config.collections);
  await ensureIndexes(repos);
  afterAll(async () => {
    await db.dropDatabase().catch(() => {});
    await client.close();
  });
  return { client, db, config, repos };
}
