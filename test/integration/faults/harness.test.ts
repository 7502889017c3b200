import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultDb, type FaultDb } from "../../helpers/fault-db.js";

describe("the fault-injection database", () => {
  let fdb: FaultDb;
  beforeAll(async () => {
    fdb = await startFaultDb();
  });
  afterAll(async () => fdb?.stop());

  it("kills the server after exactly n commands, keeps what landed, and comes back on the same data", async () => {
    const s = await fdb.open("harness");
    const col = s.client.db("harness").collection<{ _id: number }>("things");
    await col.insertOne({ _id: 0 });
    fdb.killAfter(2);
    const landed: number[] = [];
    let failure: unknown = null;
    for (let i = 1; i <= 5 && failure === null; i++) {
      try {
        await col.insertOne({ _id: i });
        landed.push(i);
      } catch (e) {
        failure = e;
      }
    }
    expect(landed).toEqual([1, 2]);
    expect(String(failure)).toMatch(/connect|closed|selection|ECONNREFUSED|ECONNRESET/i);
    expect(fdb.isDown()).toBe(true);
    await s.close();

    await fdb.restart();
    const again = await fdb.open("harness");
    const ids = (await again.client.db("harness").collection("things").find().toArray()).map((d) => d._id);
    expect(ids.sort()).toEqual([0, 1, 2]);
    await again.close();
  }, 60_000);
});
