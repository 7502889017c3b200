import { MongoClient, MongoClientClosedError } from "mongodb";
import { describe, expect, inject, it } from "vitest";
import { isClientClosed, isDatabaseLost } from "../../src/errors.js";

/**
 * What a read in flight gets when this process closes its client (a session ending while the
 * start's fleet picture loads, a tool call at shutdown): the driver's MongoClientClosedError, which
 * errors.ts must read as "closed here" (no retry, no warning), on the real database.
 */
describe("a read interrupted by its own client closing", () => {
  it("is the driver's MongoClientClosedError, which isClientClosed recognises", async () => {
    const client = await new MongoClient(inject("mongoUri")).connect();
    const reads = Array.from({ length: 20 }, (_, i) =>
      client
        .db("client_closed_test")
        .collection("none")
        .findOne({ n: i })
        .then(
          () => null,
          (e: unknown) => e,
        ),
    );
    await client.close(true);
    const errors = (await Promise.all(reads)).filter((e) => e !== null);
    // The reads still queued or on the wire when the client closed.
    expect(errors.length).toBeGreaterThan(0);
    // Which error each read gets depends on how far it had gone (queued, checking out a
    // connection, on the wire, holding its implicit session): each must read as closed here.
    for (const e of errors)
      expect(isClientClosed(e), e instanceof Error ? `${e.name}: ${e.message}` : "").toBe(true);
  });

  it("reads the driver's own MongoClientClosedError as closed here and as a lost database", () => {
    const e = new MongoClientClosedError();
    expect(isClientClosed(e)).toBe(true);
    // To a tool call it is a database gone (503, retry later), like the other closed-client errors.
    expect(isDatabaseLost(e)).toBe(true);
  });
});
