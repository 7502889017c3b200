import { describe, expect, it } from "vitest";
import { AppError, asDatabaseUnavailable, isClientClosed, isDatabaseLost } from "../../src/errors.js";

class MongoServerSelectionError extends Error {
  override name = "MongoServerSelectionError";
}
class MongoNotConnectedError extends Error {
  override name = "MongoNotConnectedError";
}

describe("a database lost mid-command (issue 16, failure 7)", () => {
  it("becomes the database_unavailable AppError a database down at the start gives (same exit code)", () => {
    const lost = new Error("wrapped", {
      cause: new MongoServerSelectionError("connect ECONNREFUSED 127.0.0.1:1"),
    });
    expect(isDatabaseLost(lost)).toBe(true);
    const e = asDatabaseUnavailable(lost, "the sweep");
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("database_unavailable");
    expect((e as AppError).message).toMatch(/^The database connection was lost in the middle of the sweep: /);
    expect((e as AppError).message).not.toContain("\n");
    expect((e as AppError).message).not.toContain("ECONNREFUSED");
  });

  it("leaves other errors alone", () => {
    const bug = new TypeError("x is undefined");
    expect(asDatabaseUnavailable(bug)).toBe(bug);
    const coded = new AppError("not_found", "no such thing");
    expect(asDatabaseUnavailable(coded)).toBe(coded);
  });

  it("tells a client this process closed (no retry gets through) from a database that went away (retry)", () => {
    const closed = new Error("could not record", {
      cause: new MongoNotConnectedError("Client must be connected before running operations"),
    });
    expect(isClientClosed(closed)).toBe(true);
    expect(isDatabaseLost(closed)).toBe(true);
    expect(isClientClosed(new MongoServerSelectionError("Server selection timed out after 5000 ms"))).toBe(
      false,
    );
  });
});
