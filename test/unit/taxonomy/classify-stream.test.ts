import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { classifyLine, classifyStream } from "../../../src/cli/commands/errors.js";

describe("classifyLine", () => {
  it("turns a valid line into the five output fields", () => {
    const out = JSON.parse(
      classifyLine(JSON.stringify({ provider: "anthropic", http_status: 529, message: "Overloaded" }), 1),
    ) as Record<string, unknown>;
    expect(out).toMatchObject({ kind: "overloaded", class: "transient", basis: "rules" });
    expect(Object.keys(out)).toEqual(["kind", "class", "basis", "normalized_message", "fingerprint"]);
  });

  it("says what decided the kind: a rule, the lexicon or nothing", () => {
    const basis = (message: string) =>
      (JSON.parse(classifyLine(JSON.stringify({ provider: "p", message }), 1)) as Record<string, unknown>)
        .basis;
    expect(basis("Rate limit reached for requests")).toBe("rules");
    expect(basis("Your wallet has no funds left; top up to continue")).toBe("lexicon");
    expect(basis("zxqv blorf")).toBe("none");
  });

  it("accepts null optional fields and ignores unknown ones", () => {
    const line = JSON.stringify({
      provider: "openai",
      message: "Request timed out.",
      http_status: null,
      model: null,
      exc_type: null,
      ts: "2026-01-01",
    });
    expect(JSON.parse(classifyLine(line, 1))).toMatchObject({ kind: "timeout" });
  });

  it.each([
    ["not json", /not valid JSON/],
    ["42", /expected object/],
    ["null", /expected object/],
    [JSON.stringify({ message: "x" }), /provider/],
    [JSON.stringify({ provider: "", message: "x" }), /provider/],
    [JSON.stringify({ provider: "p", message: 5 }), /message/],
    [JSON.stringify({ provider: "p", message: "x", http_status: 404.5 }), /http_status/],
    [JSON.stringify({ provider: "p", message: "x", model: 7 }), /model/],
    [JSON.stringify({ provider: "p", message: "x", exc_type: [] }), /exc_type/],
  ])("reports %s as an error line", (line, re) => {
    const out = JSON.parse(classifyLine(line, 3)) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["error"]);
    expect(out["error"]).toMatch(/^line 3: /);
    expect(out["error"]).toMatch(re);
  });
});

describe("classifyStream", () => {
  it("streams: answers a line before the input ends", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const done = classifyStream(input, output);
    input.write(JSON.stringify({ provider: "p", message: "socket hang up" }) + "\n");
    const first = await new Promise<string>((resolve) =>
      output.once("data", (d: Buffer) => resolve(String(d))),
    );
    expect(JSON.parse(first)).toMatchObject({ kind: "network" });
    input.end();
    await done;
  });

  it("waits for a slow reader instead of buffering everything", async () => {
    const lines = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ provider: "p", message: `Error code: 500 - request ${i}` }),
    );
    const received: string[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        received.push(String(chunk));
        setImmediate(cb);
      },
    });
    const input = new PassThrough();
    input.end(lines.join("\n"));
    await classifyStream(input, slow);
    const out = received.join("").trimEnd().split("\n");
    expect(out).toHaveLength(2000);
    expect(new Set(out.map((l) => (JSON.parse(l) as { kind: string }).kind))).toEqual(
      new Set(["server_error"]),
    );
  });
});
