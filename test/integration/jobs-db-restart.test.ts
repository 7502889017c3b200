import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import { loadConfig } from "../../src/config/config.js";
import { freePort, startFerretDb, type RunningDatabase } from "../../src/db/ferretdb.js";
import { runJobNow } from "../../src/jobs/run-now.js";
import type { OperatorLlmBackend } from "../../src/providers/llm/backend.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../../src/storage/repositories.js";
import { addModels, DAY, depsFor, failure, HOUR, success } from "../unit/jobs/fixtures.js";

const NOW = new Date("2026-11-20T12:00:00Z");

describe("the database restarting in the middle of a job", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-operator-restart-"));
  let server: RunningDatabase | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fails the run cleanly, records it once the database is back, and the next run completes with nothing half-applied", async () => {
    const port = await freePort();
    server = await startFerretDb(dir, { port });
    const config = loadConfig({
      MONGODB_URI: server.uri,
      MONGODB_DB: "restart",
      OPERATOR_LLM_PRICES: '{"fake-model": {"input": 1, "output": 1}}',
      OPERATOR_DAILY_BUDGET_USD: "100",
    });
    const client = await connectMongo(server.uri, { serverSelectionTimeoutMS: 1_000 });
    try {
      const db = client.db("restart");
      const repos = createRepositories(db, config.collections);
      await ensureIndexes(repos);
      await addModels(repos, "acme", ["h1", "h2", "f1", "f2"], new Date(NOW.getTime() - 60 * DAY));
      for (const h of ["h1", "h2"]) await success(repos, "acme", h, new Date(NOW.getTime() - HOUR));
      for (const f of ["f1", "f2"]) {
        for (const ago of [72, 1]) {
          await failure(
            repos,
            "acme",
            f,
            new Date(NOW.getTime() - ago * HOUR),
            `The model \`${f}\` does not exist.`,
            404,
          );
        }
      }

      // The operator's LLM call is the middle of the run: the database goes down during it and
      // comes back on the same port and data directory three seconds later.
      let restarted: Promise<void> | undefined;
      let crash = true;
      const llm: OperatorLlmBackend = {
        backend: "fake",
        model: "fake-model",
        async complete() {
          if (crash) {
            crash = false;
            await server!.stop();
            restarted = new Promise((resolve) => setTimeout(resolve, 3_000)).then(async () => {
              server = await startFerretDb(dir, { port });
            });
          }
          return { text: "not json", usage: { inputTokens: 10, outputTokens: 2 }, finishReason: "stop" };
        },
      };
      const deps = depsFor({ config, repos }, () => NOW);

      const first = await runJobNow(deps, "operator-run", { services: { operatorChain: [llm] } });
      await restarted;
      expect(first.outcome).toBe("failed");
      expect(first.error).toMatch(/server selection|connect|closed|ECONNREFUSED|topology/i);
      // Recorded once the database answered again (the end of a run is retried with backoff).
      expect((await repos.jobRuns.get(first._id))?.outcome).toBe("failed");
      // Nothing half-applied: no decision, no batch, no model changed.
      expect(await repos.decisions.count({})).toBe(0);
      expect(await db.collection("mutation_batches").countDocuments({})).toBe(0);
      expect(await repos.models.count({ enabled: false })).toBe(0);

      const second = await runJobNow(deps, "operator-run", { services: { operatorChain: [llm] } });
      expect(second.outcome, second.error ?? "").toBe("ok");
      const batches = await db.collection<MutationBatchDoc>("mutation_batches").find().toArray();
      expect(batches).toHaveLength(1);
      expect(batches[0]).toMatchObject({ status: "applied", applied_count: 2, failed_count: 0 });
      expect((await repos.models.find({ enabled: false })).map((m) => m.model_id).sort()).toEqual([
        "f1",
        "f2",
      ]);
      expect(await repos.decisions.count({ status: ["approved", "failed"] })).toBe(0);
    } finally {
      await client.close();
    }
  }, 90_000);
});
