import { describe, expect, it } from "vitest";
import { isAppError } from "../../../src/errors.js";
import { redactSecrets, silentLogger } from "../../../src/logger.js";
import { AppError } from "../../../src/errors.js";
import { errorResult } from "../../../src/server/tool-result.js";
import { portableSchema } from "../../../src/server/portable-schema.js";
import { decodeCursor, encodeCursor, offsetPosition, pageOf } from "../../../src/tools/pagination.js";
import { untrusted } from "../../../src/tools/untrusted.js";
import { operationAccess } from "../../../src/tools/access.js";
import { argsDigest, canonicalJson } from "../../../src/auth/tool-call-audit.js";

describe("cursors", () => {
  it("round-trip, and are refused for other filters or when forged", () => {
    const c = encodeCursor(40, ["openai"]);
    expect(decodeCursor(c, ["openai"], offsetPosition)).toBe(40);
    let other: unknown = null;
    try {
      decodeCursor(c, ["groq"], offsetPosition);
    } catch (e) {
      other = e;
    }
    expect(isAppError(other) && other.code).toBe("invalid_input");
    expect(() => decodeCursor("%%%", ["openai"], offsetPosition)).toThrow(/not one this server issued/);
    expect(() => decodeCursor(encodeCursor(-1, []), [], offsetPosition)).toThrow(
      /not one this server issued/,
    );
  });

  it("pages a list with a truncated flag", () => {
    const items = Array.from({ length: 5 }, (_, i) => i);
    const p1 = pageOf(items, { cursor: undefined, limit: 2, filters: null });
    expect(p1).toMatchObject({ page: [0, 1], truncated: true, total: 5 });
    const p3 = pageOf(items, {
      cursor: pageOf(items, { cursor: p1.next_cursor!, limit: 2, filters: null }).next_cursor!,
      limit: 2,
      filters: null,
    });
    expect(p3).toMatchObject({ page: [4], truncated: false, next_cursor: null });
  });
});

describe("untrusted text", () => {
  it("is wrapped in a marker object, stripped of control characters and bounded", () => {
    expect(untrusted("a\u0007b\u202ec", 10)).toEqual({ untrusted_provider_text: "a b c" });
    expect(untrusted("x".repeat(20), 5).untrusted_provider_text).toBe("xxxxx…");
  });
});

describe("errors become results in one place", () => {
  it("keeps coded messages, hides internals and connection strings", () => {
    const coded = errorResult(new AppError("not_found", "No decision dec_1."), "get_decision", silentLogger);
    expect(coded).toMatchObject({ outcome: "error", code: "not_found", result: { isError: true } });
    const db = errorResult(
      new AppError(
        "database_unavailable",
        "Cannot reach the database at mongodb://user:[redacted]@db.internal:27017/",
      ),
      "list_models",
      silentLogger,
    );
    const text = JSON.stringify(db.result);
    expect(text).not.toMatch(/db\.internal|mongodb:\/\//);
    const bug = errorResult(
      new TypeError("Cannot read properties of undefined (reading 'x') at /srv/app.js:1"),
      "list_models",
      silentLogger,
    );
    const bugText = JSON.stringify(bug.result);
    expect(bugText).toMatch(/internal error \(reference err_[0-9a-f]{8}/);
    expect(bugText).not.toMatch(/app\.js|Cannot read/);
    const secret = errorResult(
      new AppError("invalid_input", "bad key sk-abcdefghijklmnop"),
      "x",
      silentLogger,
    );
    expect(JSON.stringify(secret.result)).toContain(redactSecrets("sk-abcdefghijklmnop"));
    expect(JSON.stringify(secret.result)).not.toContain("sk-abcdefghijklmnop");
  });
});

describe("the role table", () => {
  it("viewers read, read-only mode reads, others may call every kind of tool", () => {
    expect(operationAccess("viewer", "read", false).allowed).toBe(true);
    expect(operationAccess("viewer", "propose", false).allowed).toBe(false);
    expect(operationAccess("agent", "execute", false).allowed).toBe(true);
    expect(operationAccess("admin", "propose", true).allowed).toBe(false);
  });
});

describe("argument digests", () => {
  it("do not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(argsDigest({ a: 1, b: 2 })).toBe(argsDigest({ b: 2, a: 1 }));
  });
});

describe("portable schemas", () => {
  it("turns multi-type nodes into anyOf", () => {
    expect(portableSchema({ type: ["string", "null"], description: "d", format: "date-time" })).toEqual({
      description: "d",
      anyOf: [{ type: "string", format: "date-time" }, { type: "null" }],
    });
  });
});
