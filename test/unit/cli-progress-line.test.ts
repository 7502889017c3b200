import { describe, expect, it } from "vitest";
import { progressLine, sweepProgressText } from "../../src/cli/progress.js";

function stream(
  isTTY: boolean,
  columns = 40,
): { isTTY: boolean; columns: number; write: (s: string) => boolean; text: () => string } {
  const chunks: string[] = [];
  return { isTTY, columns, write: (s) => chunks.push(s) > 0, text: () => chunks.join("") };
}

describe("progressLine", () => {
  it("writes one plain line per update when stderr is not a terminal", () => {
    const s = stream(false);
    const line = progressLine({ label: "operator", enabled: true, stream: s });
    line.update("deciding");
    line.update("done");
    line.stop();
    expect(s.text()).toBe("operator: deciding\noperator: done\n");
  });

  it("writes at most one plain line per plainEveryMs for callers that report every batch", () => {
    const s = stream(false);
    const line = progressLine({ label: "signals backfill", enabled: true, stream: s, plainEveryMs: 60_000 });
    for (let i = 1; i <= 50; i++) line.update(`${i * 1000} documents read`);
    expect(s.text()).toBe("signals backfill: 1000 documents read\n");
  });

  it("hands plain lines to a writer of its own (a JSON logger) when given one", () => {
    const s = stream(false);
    const lines: string[] = [];
    const line = progressLine({ label: "discovery", enabled: true, stream: s, plain: (l) => lines.push(l) });
    line.update("1/3 reading groq");
    expect(lines).toEqual(["discovery: 1/3 reading groq"]);
    expect(s.text()).toBe("");
  });

  it("rewrites one line in place on a terminal, cut to its width, and clears it at the end", () => {
    const s = stream(true, 30);
    const line = progressLine({ label: "operator", enabled: true, stream: s });
    line.update("reading the fleet (signals, provider health, situations)");
    line.update("done");
    line.stop();
    const writes = s.text().split("\r\x1b[2K");
    expect(writes).toEqual(["", "operator: reading the fleet (", "operator: done", ""]);
    expect(s.text()).not.toContain("\n");
  });

  it("writes nothing when disabled (--json)", () => {
    const s = stream(false);
    const line = progressLine({ label: "operator", enabled: false, stream: s });
    line.update("deciding");
    line.stop();
    expect(s.text()).toBe("");
  });

  it("counts a sweep's runs and names each run's outcome, probes and stopped lanes", () => {
    const run = { type: "run", provider: "groq", model_id: "llama-3.1-8b", role: "published" } as const;
    expect(sweepProgressText({ ...run, outcome: "ok", cost_usd: 0.00012 }, 3, 40)).toBe(
      "3/40 runs | groq:llama-3.1-8b ok 0.00012 USD",
    );
    expect(
      sweepProgressText(
        { ...run, role: "probe", outcome: "failed", detail: "rate_limited", cost_usd: null },
        4,
        40,
      ),
    ).toBe("4/40 runs | groq:llama-3.1-8b probe failed (rate_limited)");
    expect(
      sweepProgressText(
        { type: "lane_stopped", provider: "groq", kind: "quota_exhausted", paused: true },
        4,
        40,
      ),
    ).toBe("4/40 runs | lane groq stopped: quota_exhausted, provider paused");
  });
});
