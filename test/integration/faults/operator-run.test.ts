import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { silentLogger } from "../../../src/logger.js";
import { runOperator, type OperatorDeps } from "../../../src/operator/run.js";
import { startFaultDb, type FaultDb, type FaultSession } from "../../helpers/fault-db.js";
import {
  appliedForward,
  crashDuring,
  expectEveryBatchReverts,
  expectNothingHalfApplied,
  FAILING,
  NOW,
  seedFailingFleet,
} from "../../helpers/fault-scenarios.js";

const deps = (s: FaultSession): OperatorDeps => ({
  repos: s.repos,
  config: s.config,
  logger: silentLogger,
  chain: [],
});

/**
 * Commands counted from the start of the execute phase: 1-2 read the policy and the approved
 * decisions, 3-8 claim the six decisions, 9-10 read the models and record the batch, then two
 * per change (write, status), the final counts, and the decisions' moves.
 */
const KILL_POINTS = [2, 5, 9, 10, 13, 16, 22, 23, 26, 33];

describe("operator run with the database killed during execution (issue 16, failure 1)", () => {
  let fdb: FaultDb;
  beforeAll(async () => {
    fdb = await startFaultDb();
  });
  afterAll(async () => fdb?.stop());

  it.each(KILL_POINTS)(
    "killed %i commands into the execute phase: the next run finishes it once, and every change reverts",
    async (k) => {
      const name = `oprun_${k}`;
      const seed = await fdb.open(name);
      await seedFailingFleet(seed.repos);
      await seed.close();

      const s = await crashDuring(
        fdb,
        name,
        (c, arm) =>
          runOperator(deps(c), { now: NOW, onProgress: (e) => void (e.phase === "execute" && arm()) }),
        k,
      );
      const next = await runOperator(deps(s), { now: NOW });
      expect(next.run.outcome).toBe("ok");

      await expectNothingHalfApplied(s.repos);
      expect(await s.repos.decisions.count({ status: "approved" })).toBe(0);
      const disabled = (await s.repos.models.find({ enabled: false })).map((m) => m.model_id).sort();
      expect(disabled).toEqual(FAILING);
      // Each model was changed by exactly one forward batch, which executed its decision.
      const batches = await appliedForward(s.repos);
      const changed = batches.flatMap((b) =>
        b.changes.filter((c) => c.status === "applied").map((c) => c.model_id),
      );
      expect(changed.sort()).toEqual(FAILING);
      for (const d of await s.repos.decisions.find({ action: "disable" })) {
        expect(d.status).toBe("executed");
        expect(batches.filter((b) => b.decision_ids.includes(d._id)).map((b) => b._id)).toEqual([d.batch_id]);
      }
      // The crashed run has a record now, and says it was interrupted.
      const runs = await s.client.db(name).collection<{ outcome: string }>("operator_runs").find().toArray();
      expect(runs.map((r) => r.outcome).sort()).toEqual(["failed", "ok"]);

      await expectEveryBatchReverts(s.repos, FAILING);
      await s.close();
    },
    60_000,
  );

  it("a database lost mid-run ends with the one-line database_unavailable error, naming the phase", async () => {
    const seed = await fdb.open("oprun_message");
    await seedFailingFleet(seed.repos);
    await seed.close();
    const c = await fdb.open("oprun_message");
    const error = await runOperator(deps(c), {
      now: NOW,
      onProgress: (e) => void (e.phase === "execute" && fdb.killAfter(12)),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    await c.close();
    await fdb.restart();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("database_unavailable");
    const message = (error as AppError).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(/execute phase: decisions were recorded and execution had begun/);
    expect(message).not.toMatch(/Mongo|at .*\.js/);
  }, 60_000);
});
