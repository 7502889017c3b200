import { createServer } from "node:net";
import { describe, expect, inject, it } from "vitest";
import { connectMongo } from "../../src/storage/mongo.js";
import { openTestDatabase } from "../helpers/database.js";

describe("the test database", () => {
  it("is a real MongoDB-wire server that stores and returns documents", async () => {
    const { db } = await openTestDatabase("harness");
    const hello = await db.admin().command({ buildInfo: 1 });
    // FerretDB reports itself in buildInfo; a real mongod does not. Either is a real server.
    console.log(
      `[db] server: ${hello["ferretdbVersion"] ? `FerretDB ${String(hello["ferretdbVersion"])}` : `MongoDB ${String(hello["version"])}`}`,
    );
    await db.collection("probe").insertOne({ a: 1, at: new Date("2026-01-01T00:00:00Z") });
    const back = await db.collection("probe").findOne({ a: 1 });
    expect(back?.["at"]).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(inject("mongoUri")).toMatch(/^mongodb/);
  });

  it("fails with a clear reason when no server answers", async () => {
    await expect(connectMongo("mongodb://127.0.0.1:1/")).rejects.toThrow(
      /Nothing answers at 127\.0\.0\.1:1 .*MONGODB_URI/s,
    );
    // A port that accepts connections and then stays silent is left to the timeout: it may be slow.
    const silent = createServer(() => {});
    await new Promise<void>((ok) => silent.listen(0, "127.0.0.1", ok));
    const { port } = silent.address() as { port: number };
    try {
      await expect(
        connectMongo(`mongodb://127.0.0.1:${port}/`, { serverSelectionTimeoutMS: 500 }),
      ).rejects.toThrow(/Cannot reach the database.*Check MONGODB_URI/s);
    } finally {
      silent.close();
    }
  });
});
