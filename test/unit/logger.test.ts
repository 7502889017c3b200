import { afterEach, describe, expect, it, vi } from "vitest";
import { createStderrLogger } from "../../src/logger.js";

/** What the logger wrote to stderr while `fn` ran, one entry per write. */
function stderrOf(fn: () => void): string[] {
  const written: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  fn();
  vi.restoreAllMocks();
  return written;
}

afterEach(() => vi.restoreAllMocks());

describe("the stderr logger", () => {
  it("writes one JSON object per line with LOG_FORMAT=json, secrets redacted", () => {
    const lines = stderrOf(() => {
      const log = createStderrLogger("debug", "json");
      log.debug("plain");
      log.info("key sk-proj-abcdefghijklmnop leaked", {
        provider: "openai",
        apiKey: "gsk_abcdefghijkl",
        nested: {
          password: "hunter22",
          uri: "mongodb://u:hunter22@db:27017/x",
          list: [1, "sk-abcdefghijklm"],
        },
        tricky: 'ends in a quote " and a backslash \\',
        at: new Date("2026-11-20T07:00:00Z"),
      });
    });
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.endsWith("\n") && !line.slice(0, -1).includes("\n")).toBe(true);
    const [plain, info] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(plain).toEqual({ time: expect.any(String), level: "debug", msg: "plain" });
    expect(info).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: "info",
      msg: "key [redacted] leaked",
      fields: {
        provider: "openai",
        apiKey: "[redacted]",
        nested: { password: "[redacted]", uri: "mongodb://u:[redacted]@db:27017/x", list: [1, "[redacted]"] },
        tricky: 'ends in a quote " and a backslash \\',
        at: "2026-11-20T07:00:00.000Z",
      },
    });
    expect(lines.join("")).not.toMatch(/hunter22|abcdefghijkl/);
  });

  it("keeps the readable text line by default and honours the level", () => {
    const lines = stderrOf(() => {
      const log = createStderrLogger("warn");
      log.info("hidden");
      log.warn("token=abcdefgh1234 refused", { model: "m1" });
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ warn token=\[redacted\] refused \{"model":"m1"\}\n$/);
  });
});
