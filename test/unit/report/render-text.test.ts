import { describe, expect, it } from "vitest";
import { buildHealthReport } from "../../../src/report/build.js";
import { TEXT_WIDTH, wrapLine } from "../../../src/report/render-text.js";
import type { HealthReportData } from "../../../src/report/types.js";

const AT = new Date("2026-11-20T07:00:00Z");
const PROVIDERS = [
  "openai",
  "anthropic",
  "groq",
  "together",
  "fireworks",
  "deepinfra",
  "cerebras",
  "mistral",
  "openrouter",
  "bedrock",
  "vertex-europe-west4",
];
const LONG_ID = "accounts/fireworks/models/llama-v3p1-405b-instruct-long-context-preview";
const MESSAGE =
  "Error code: 404 - {'error': {'message': 'The model `" +
  LONG_ID +
  "` does not exist or you do not have access to it. Check the model id and your organization settings, then retry.', 'type': 'invalid_request_error', 'param': null, 'code': 'model_not_found'}}";

/** A busy month on eleven providers: every section full, ids and messages as long as real ones. */
function busyMonth(): HealthReportData {
  const days = Array.from({ length: 30 }, (_, i) =>
    new Date(AT.getTime() - (29 - i) * 86_400_000).toISOString().slice(0, 10),
  );
  const ids = (p: string): string[] => Array.from({ length: 12 }, (_, i) => `${LONG_ID}-${p}-${i}`);
  return {
    generatedAt: AT,
    days: 30,
    consoleUrl: null,
    providers: PROVIDERS.map((provider, i) => ({
      provider,
      state: i % 4 === 0 ? "degraded" : i === 3 ? "blocked" : "healthy",
      stateReason: i % 2 === 0 ? `${MESSAGE} (seen on ${12 + i} models since yesterday)` : "",
      stateSince: AT,
      enabledModels: 120 + i,
      failingModels: i,
      successes: 100_000 + i,
      errors: 12_345 + i,
      successRate: 0.8912,
      errorsByKind: {
        rate_limit: 5000,
        model_not_found: 300,
        auth: 12,
        server_error: 900,
        timeout: 77,
        bad_request: 5,
        content_filter: 3,
        unknown: 41,
      },
    })),
    daily: PROVIDERS.map((provider) => ({
      provider,
      points: days.map((day, i) => ({ day, successes: 100 + i, errors: i % 7 })),
    })),
    situations: PROVIDERS.map((provider, i) => ({
      id: `sit_${i}`,
      provider,
      kind: "model_not_found",
      models: 12,
      modelIds: ids(provider),
      startedAt: AT,
      lastSeenAt: AT,
      sample: MESSAGE,
      suggestion: "disable the models: the provider has removed them from its catalog",
      settingsFix: null,
      pending: [],
    })),
    likelyGone: PROVIDERS.map((provider) => ({
      provider,
      modelId: LONG_ID,
      kind: "model_not_found",
      failingForHours: 96,
      message: MESSAGE,
      pending: null,
    })),
    situationsTotal: PROVIDERS.length,
    likelyGoneTotal: PROVIDERS.length,
    adapterFixes: [
      {
        provider: "bedrock",
        kind: "bad_request",
        modelIds: ids("bedrock"),
        count: 77,
        messages: 2,
        samples: [MESSAGE, MESSAGE],
        settingsChanged: [],
        needed: true,
      },
    ],
    autoActions: [
      {
        batchId: "batch_20261120T070000Z_0123456789abcdef",
        at: AT,
        actor: "operator-llm:openai:gpt-5.2",
        reason: `Disabled twelve models after five days of 404s: ${MESSAGE}`,
        status: "applied",
        applied: 12,
        failed: 0,
        models: ids("fireworks"),
        changes: { disable: 12 },
        inForce: { disable: 12 },
        undone: [],
        reverted: null,
      },
    ],
    waitingDecisions: [
      {
        id: "dec_20261120T070000Z_0123456789abcdef",
        action: "disable",
        targets: ids("together"),
        createdAt: AT,
        expiresAt: AT,
        confidence: 0.93,
        proposedBy: "operator-llm:bedrock:us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        reasoning: `The provider answers 404 for these models on every run for four days. ${MESSAGE}`,
      },
    ],
    waitingTotal: 1,
    discovery: PROVIDERS.map((provider) => ({
      provider,
      reads: 30,
      completeReads: 29,
      newModels: 14,
      lastReadAt: AT,
      lastComplete: false,
      lastError: MESSAGE,
    })),
    spend: [
      {
        category: "operator",
        todayUsd: 0.05,
        inFlightUsd: 0,
        inFlightCalls: 0,
        windowUsd: 1.5,
        budgetUsd: 1,
        alertFraction: 0.8,
      },
      {
        category: "benchmark",
        todayUsd: 4.2,
        inFlightUsd: 0.3,
        inFlightCalls: 2,
        windowUsd: 120,
        budgetUsd: 10,
        alertFraction: 0.8,
      },
    ],
    invariants: {
      evaluationId: "ev_1",
      at: AT,
      results: [
        { check: "every_desired_model_measured_within_cadence", status: "violation", summary: MESSAGE },
      ],
    },
    jobs: [
      {
        name: "fingerprint-classification",
        lastOutcome: "failed",
        lastRunAt: AT,
        consecutiveFailures: 3,
        lastError: MESSAGE,
      },
    ],
  };
}

describe("the text health report", () => {
  it("gives an ok job's summary, so a run that did part of its work says so; a failing job its error", () => {
    const data = busyMonth();
    const partial = "2 of 3 catalog reads complete; groq: incomplete (no page read)";
    data.jobs = [
      {
        name: "discovery",
        lastOutcome: "ok",
        lastRunAt: AT,
        consecutiveFailures: 0,
        lastError: null,
        lastSummary: partial,
      },
      {
        name: "invariants",
        lastOutcome: "failed",
        lastRunAt: AT,
        consecutiveFailures: 2,
        lastError: "no database",
        lastSummary: "stale",
      },
    ];
    const { text, html } = buildHealthReport(data);
    const jobs = text.slice(text.indexOf("== Jobs =="));
    expect(jobs.replace(/\s+/g, " ")).toContain(`- discovery ok at 2026-11-20 07:00 UTC: ${partial}`);
    expect(jobs).toContain("2 failure(s) in a row: no database");
    expect(jobs).not.toContain("stale");
    expect(html).toContain(`<td>${partial}</td>`);

    // An operator-run job whose latest operator run came from elsewhere: its summary stays by its own outcome.
    data.jobs = [
      {
        name: "operator-run",
        lastOutcome: "ok",
        lastRunAt: AT,
        consecutiveFailures: 0,
        lastError: null,
        lastSummary: "3 situations, decided by classifier",
        latestOperatorRun: { runId: "run_cli", at: AT, outcome: "ok", byThisJob: false },
      },
    ];
    expect(buildHealthReport(data).text.replace(/\s+/g, " ")).toContain(
      "the scheduled job: ok at 2026-11-20 07:00 UTC: 3 situations, decided by classifier; latest operator run run_cli",
    );
  });

  it("counts today's calls in flight in the spend it states, and says how much of it they are", () => {
    const report = buildHealthReport(busyMonth());
    expect(report.text).toContain("  - operator: today $0.0500 of $1.00 per day; 30-day total $1.50\n");
    expect(report.text).toContain(
      "  - benchmark: today $4.20 (incl. $0.3000 for 2 calls in flight) of $10.00 per day;",
    );
    expect(report.html).toContain("<td>$4.20 (incl. $0.3000 for 2 calls in flight)</td>");
  });

  it(`keeps every line within ${TEXT_WIDTH} columns on a busy month of eleven providers`, () => {
    const text = buildHealthReport(busyMonth()).text;
    const lines = text.split("\n");
    const over = lines.filter((l) => l.length > TEXT_WIDTH);
    expect(over).toEqual([]);
    expect(lines.length).toBeGreaterThan(150);
  });

  it("keeps a long section title's closing == on its last line, and says which of a cut list it shows", () => {
    const data = busyMonth();
    data.waitingTotal = 250;
    data.likelyGoneTotal = 140;
    data.situationsTotal = 130;
    data.autoActions[0]!.inForce = { disable: 12, settings: 3, rename: 2 };
    const text = buildHealthReport(data).text;
    expect(text).not.toMatch(/^\s*==\s*$/m);
    expect(text).toContain(
      "== Decisions waiting for a human (250; the oldest 1 shown) ==\n  all 250: bench-operator decisions list --status pending --limit 250\n",
    );
    expect(text).toContain(
      "== Models likely gone (140; the 11 failing longest shown) ==\n  all 140: bench-operator situations\n",
    );
    expect(text).toContain(
      `== Situations (130; the first ${data.situations.length} shown) ==\n  all 130: bench-operator situations\n`,
    );
    const html = buildHealthReport(data).html;
    expect(html).toContain(`Situations (130; the first ${data.situations.length} shown)</h2>`);
    expect(html).toContain("<p>all 130: bench-operator situations</p>");
    // The automatic actions' title is longer than a line: its second line ends the heading.
    expect(text).toMatch(/\n== Actions executed automatically \([^\n]*\n {2}[^\n]* ==\n/);
    expect(buildHealthReport(data).subject).toContain(", 250 waiting for you |");
  });

  it("breaks lines between words, so every word of a message and every id stays whole", () => {
    const text = buildHealthReport(busyMonth()).text;
    const words = new Set(text.split(/\s+/));
    // The message's words, and the ids (each with the ", " that separates it from the next one).
    for (const word of MESSAGE.split(" ")) expect(words, word).toContain(word);
    expect(text).toContain(`${LONG_ID}-together-3,`);
  });

  it("lays the providers out one block each, with their error kinds and state reason", () => {
    const text = buildHealthReport(busyMonth()).text;
    const providers = text.slice(text.indexOf("== Providers =="), text.indexOf("== Success rate per day =="));
    for (const p of PROVIDERS)
      expect(providers).toMatch(new RegExp(`\\n {2}${p}\\s+(healthy|degraded|blocked)`));
    expect(providers).toContain(
      "\n    errors by kind: rate_limit 5000, server_error 900, model_not_found 300, timeout 77, unknown 41,",
    );
    expect(providers).toContain("\n    reason: Error code: 404");
  });

  it("wraps a month of daily rates under the provider's name, never splitting a day", () => {
    const text = buildHealthReport(busyMonth()).text;
    const daily = text.slice(text.indexOf("== Success rate per day =="), text.indexOf("== Situations"));
    const openai = daily.slice(daily.indexOf("  openai"), daily.indexOf("  anthropic")).trimEnd().split("\n");
    expect(openai.length).toBeGreaterThan(1);
    for (const line of openai.slice(1)) expect(line).toMatch(/^ {15}\d\d-\d\d +\d+\.\d%/);
    expect(openai.join(" ").match(/\d\d-\d\d +\d+\.\d%/g)).toHaveLength(30);
  });

  it("keeps the commands to act on an item on one line", () => {
    const text = buildHealthReport(busyMonth()).text;
    expect(text).toContain("undo: bench-operator batches revert batch_20261120T070000Z_0123456789abcdef\n");
    expect(text).toContain(
      'approve: MCP tool approve_decision {"decision_id": "dec_20261120T070000Z_0123456789abcdef"}\n',
    );
  });
});

describe("wrapLine", () => {
  it("leaves short lines alone and indents continuations under the item's text", () => {
    expect(wrapLine("  - short", 20)).toEqual(["  - short"]);
    expect(wrapLine("  - one two three four five six", 16)).toEqual([
      "  - one two",
      "    three four",
      "    five six",
    ]);
  });

  it("cuts only a word longer than a whole line", () => {
    const lines = wrapLine(`  - ${"x".repeat(30)} end`, 12);
    expect(lines.every((l) => l.length <= 12)).toBe(true);
    expect(lines.join("").replace(/\s/g, "")).toBe(`-${"x".repeat(30)}end`);
  });
});
