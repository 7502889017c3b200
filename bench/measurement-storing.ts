/**
 * The measurement bench's storing path (bench/measurement.ts): its own database, and the sweep's
 * claim and store over it, so the storing work runs alongside the streams as in a real pass.
 */
import type { Claimed } from "../src/benchmark/claimed-run.js";
import type { RunResult } from "../src/benchmark/index.js";
import { openClaimSession, type ClaimSession } from "../src/benchmark/schedule/claim.js";
import { loadConfig } from "../src/config/config.js";
import type { Deps } from "../src/deps.js";
import { silentLogger } from "../src/logger.js";
import type { ModelDoc } from "../src/storage/documents.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../src/storage/repositories.js";
import { FAKE_AWS_CREDENTIALS, type FakeProviders } from "../test/helpers/fake-providers/client.js";
import { openBenchDatabase } from "./support.js";

/** The bench's database and the sweep's storing path over it. */
export interface Storing {
  deps: Deps;
  /** Inserts one enabled model per stream, then plans and opens a claim session over them. */
  session(
    models: { provider: string; model: string; metadata: Record<string, unknown> }[],
  ): Promise<ClaimSession>;
  close(): Promise<void>;
  engine: string;
}

export async function openStoring(fake: FakeProviders): Promise<Storing> {
  const database = await openBenchDatabase("bench-measurement-db-", loadConfig(process.env).mongodb.uri);
  const loaded = loadConfig({
    ...process.env,
    MONGODB_URI: database.uri,
    MONGODB_DB: `bench_measurement_${Date.now()}`,
    BENCH_PASS_CAP: "10000",
    // The fake's keys, so the plan counts Bedrock as configured (for the plan only: the adapters
    // are the bench's own, given the same fake credentials).
    AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
  });
  const config = {
    ...loaded,
    providers: fake.config.providers,
    bedrock: { ...loaded.bedrock, ...fake.config.bedrock },
  };
  const client = await connectMongo(database.uri, { serverSelectionTimeoutMS: 10_000 });
  const db = client.db(config.mongodb.db);
  const repos = createRepositories(db, config.collections);
  await ensureIndexes(repos);
  const deps: Deps = { config, logger: silentLogger, repos, clock: () => new Date() };
  return {
    deps,
    engine: database.engine,
    session: async (models) => {
      const docs: ModelDoc[] = models.map((m) => ({
        provider: m.provider,
        model_id: m.model,
        enabled: true,
        created_at: new Date(),
        model_metadata: m.metadata,
      }));
      await repos.models.insertMany(docs);
      return openClaimSession(repos, config, { now: new Date(), holder: "bench-measurement" });
    },
    close: async () => {
      await db.dropDatabase().catch(() => {});
      await client.close();
      await database.stop();
    },
  };
}

export function measuredOf(claimed: Claimed, run: RunResult) {
  const { kind: _kind, ...rest } = claimed;
  return { ...rest, kind: "measured" as const, run };
}
