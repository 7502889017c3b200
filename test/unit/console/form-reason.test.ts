import { describe, expect, it } from "vitest";
import { formReason, MAX_REASON_CHARS } from "../../../src/console/context.js";

/** A form's reason as the browser sends it: a textarea's line breaks arrive as CRLF. */
describe("a form's reason", () => {
  it("takes the longest reason its textarea allows, counting a line break once as the browser did", () => {
    const typed = `${"x".repeat(99)}\n`.repeat(4) + "x".repeat(100); // 500 as maxlength counts
    const sent = typed.replace(/\n/g, "\r\n"); // 504 as sent
    expect(sent.length).toBeGreaterThan(MAX_REASON_CHARS);
    expect(typed).toHaveLength(MAX_REASON_CHARS);
    expect(formReason(sent, "reject")).toBe(typed);
  });

  it("refuses one over the limit, saying the limit and its length", () => {
    expect(() => formReason("y".repeat(MAX_REASON_CHARS + 1), "reject")).toThrow(
      /^Keep the reason to 500 characters \(this one has 501\); nothing was changed\.$/,
    );
    expect(() => formReason(" \r\n ", "reject")).toThrow(/A reason is required to reject/);
  });
});
