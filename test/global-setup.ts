import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startFerretDb } from "../src/db/ferretdb.js";

/**
 * One real MongoDB-wire server for the whole test run: MONGODB_URI when it is set, otherwise
 * FerretDB 1.24 (SQLite) built once from tools/ferretdb and started on a free loopback port with
 * a throw-away data directory. If neither works the run fails here, loudly: database tests never
 * pass by skipping.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env["MONGODB_URI"];
  if (fromEnv) {
    project.provide("mongoUri", fromEnv);
    console.log("[db] tests use MONGODB_URI");
    return async () => {};
  }
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), "bench-operator-test-db-"));
  const db = await startFerretDb(dataDir);
  console.log(`[db] tests use FerretDB 1.24 (SQLite) at ${db.uri}, started in ${Date.now() - started} ms`);
  project.provide("mongoUri", db.uri);
  return async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
  }
}
