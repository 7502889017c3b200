import { describe, expect, it } from "vitest";
import { buildHealthReport } from "../../../src/report/build.js";
import { buildAssessmentPrompt } from "../../../src/report/assessment-prompt.js";
import { successRateChart } from "../../../src/report/chart.js";
import type { HealthReportData } from "../../../src/report/types.js";

const AT = new Date("2026-11-20T07:00:00Z");

function quiet(): HealthReportData {
  return {
    generatedAt: AT,
    days: 7,
    consoleUrl: null,
    providers: [
      {
        provider: "acme",
        state: "healthy",
        stateReason: "",
        stateSince: null,
        enabledModels: 3,
        failingModels: 0,
        successes: 40,
        errors: 2,
        successRate: 40 / 42,
        errorsByKind: { rate_limit: 2 },
      },
    ],
    daily: [
      {
        provider: "acme",
        points: [
          { day: "2026-11-19", successes: 20, errors: 0 },
          { day: "2026-11-20", successes: 20, errors: 2 },
        ],
      },
    ],
    situations: [],
    likelyGone: [],
    situationsTotal: 0,
    likelyGoneTotal: 0,
    adapterFixes: [],
    autoActions: [],
    waitingDecisions: [],
    waitingTotal: 0,
    discovery: [],
    spend: [
      {
        category: "operator",
        todayUsd: 0.01,
        inFlightUsd: 0,
        inFlightCalls: 0,
        windowUsd: 0.05,
        budgetUsd: 1,
        alertFraction: 0.8,
      },
    ],
    invariants: {
      evaluationId: "ev_1",
      at: AT,
      results: [{ check: "spend_is_within_budget", status: "pass", summary: "ok" }],
    },
    jobs: [{ name: "invariants", lastOutcome: "ok", lastRunAt: AT, consecutiveFailures: 0, lastError: null }],
  };
}

/** One decision waiting for a human. */
function waiting(): HealthReportData["waitingDecisions"][number] {
  return {
    id: "dec_1",
    action: "disable",
    targets: ["acme:m1"],
    createdAt: AT,
    expiresAt: AT,
    confidence: 0.9,
    proposedBy: "triage-bot",
    reasoning: "404 for five days",
  };
}

describe("buildHealthReport", () => {
  it("is healthy when every check passes and nothing waits for a human", () => {
    const r = buildHealthReport(quiet());
    expect(r.status).toBe("healthy");
    expect(r.subject).toBe(
      "[bench-operator] HEALTHY: 0 automatic changes, 0 waiting for you | every check passed and nothing waits for a human - 2026-11-20",
    );
    expect(r.text).toContain("STATUS: HEALTHY");
    expect(r.text).toContain("== Decisions waiting for a human (0) ==\n  (none)");
  });

  it("is a warning when a decision waits, with how to approve it in both parts", () => {
    const data = quiet();
    data.waitingDecisions.push(waiting());
    data.waitingTotal = 1;
    const r = buildHealthReport(data);
    expect(r.status).toBe("warning");
    expect(r.subject).toMatch(
      /^\[bench-operator\] WARNING: 0 automatic changes, 1 waiting for you \| 1 decision\(s\) wait for a human - /,
    );
    expect(r.text).toContain('approve: MCP tool approve_decision {"decision_id": "dec_1"}');
    expect(r.text).toContain("or: bench-operator decisions approve dec_1");
    expect(r.html).toContain("bench-operator decisions approve dec_1");
    expect(r.html).toContain("approve_decision {&quot;decision_id&quot;: &quot;dec_1&quot;}");
  });

  it("links a waiting decision to its console page when the console's address is configured", () => {
    const data = quiet();
    data.consoleUrl = "https://bench.example.com/";
    data.waitingDecisions.push(waiting());
    data.waitingTotal = 1;
    const r = buildHealthReport(data);
    expect(r.html).toContain(
      '<a href="https://bench.example.com/console/decisions/dec_1">Review and approve in the console</a>',
    );
    expect(r.text).toContain("review and approve: https://bench.example.com/console/decisions/dec_1");
    // The CLI command stays in the text part for whoever reads it in a terminal.
    expect(r.text).toContain("or: bench-operator decisions approve dec_1");
  });

  it("is critical on a violation or a blocked provider, and lists every reason", () => {
    const data = quiet();
    data.providers[0]!.state = "blocked";
    data.providers[0]!.stateReason = "auth: a human must fix the credentials";
    data.invariants!.results.push({ check: "scheduled_jobs_ran", status: "violation", summary: "missed" });
    const r = buildHealthReport(data);
    expect(r.status).toBe("critical");
    expect(r.reasons[0]).toBe("1 invariant(s) violated: scheduled_jobs_ran");
    expect(r.reasons[1]).toContain("provider(s) blocked: acme");
    expect(r.subject).toContain("(+1 more)");
  });

  it("escapes provider text everywhere in the HTML part, including the chart", () => {
    const data = quiet();
    data.providers[0]!.provider = '<img src=x onerror="alert(1)">';
    data.daily[0]!.provider = "<b>evil</b>";
    data.situations.push({
      id: "s1",
      provider: "acme",
      kind: "unknown",
      models: 1,
      modelIds: ["m1"],
      startedAt: AT,
      lastSeenAt: AT,
      sample: "</td><script>steal()</script>",
      suggestion: "monitor",
      settingsFix: null,
      pending: [],
    });
    const html = buildHealthReport(data).html;
    expect(html).not.toMatch(/<script>|<img |<b>evil/);
    expect(html).toContain("&lt;script&gt;steal()&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;evil&lt;/b&gt;");
  });
});

describe("successRateChart", () => {
  const chart = (): string =>
    successRateChart(
      [
        {
          provider: "a",
          points: [
            { day: "2026-11-18", successes: 1, errors: 0 },
            { day: "2026-11-19", successes: 0, errors: 0 },
            { day: "2026-11-20", successes: 199, errors: 1 },
          ],
        },
        {
          provider: "b",
          points: [
            { day: "2026-11-19", successes: 3, errors: 1 },
            { day: "2026-11-20", successes: 0, errors: 4 },
          ],
        },
      ],
      "Success rate",
    );

  it("is a table with one row per provider, named in its own cell, and the rate printed in every cell", () => {
    const html = chart();
    expect(html.startsWith("<table")).toBe(true);
    expect(html).not.toMatch(/<svg|<img/);
    expect(html).toContain("<caption");
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]),
    );
    expect(rows).toEqual([
      ["provider", "11-18", "11-19", "11-20"],
      // A day without runs is "-", not 0%; 199 of 200 reads 99.5%, never a rounded 100%.
      ["a", "100.0%", "-", "99.5%"],
      ["b", "-", "75.0%", "0.0%"],
    ]);
  });

  it("gives each band a background and a text colour, so colour is never the only signal", () => {
    const html = chart();
    const cells = [
      ...html.matchAll(/<td bgcolor="(#[0-9a-f]{6})" style="[^"]*background:\1;color:(#[0-9a-f]{6})"/g),
    ];
    expect(cells).toHaveLength(6);
    const byText = new Map(
      [...html.matchAll(/<td bgcolor="(#[0-9a-f]{6})"[^>]*>([^<]*)<\/td>/g)].map((m) => [m[2], m[1]]),
    );
    expect(
      new Set([byText.get("100.0%"), byText.get("75.0%"), byText.get("0.0%"), byText.get("-")]).size,
    ).toBe(4);
  });
  it("names a model's pending decision instead of a contradicting suggestion; the LLM's prompt keeps ids untrusted", () => {
    const data = quiet();
    const rename = { decisionId: "dec_r", modelId: "old-2411", action: "rename", renameTo: "old-2512" };
    data.likelyGoneTotal = 1;
    data.likelyGone.push({
      provider: "acme",
      modelId: "old-2411",
      kind: "model_not_found",
      failingForHours: 120,
      message: "not a valid model id",
      pending: rename,
    });
    data.situations.push(
      {
        id: "s1",
        provider: "acme",
        kind: "model_not_found",
        models: 2,
        modelIds: ["gone-a", "old-2411"],
        startedAt: AT,
        lastSeenAt: AT,
        sample: "not a valid model id",
        suggestion: "disable",
        settingsFix: null,
        pending: [rename],
      },
      {
        id: "s2",
        provider: "acme",
        kind: "bad_request",
        models: 1,
        modelIds: ["o1-pro"],
        startedAt: AT,
        lastSeenAt: AT,
        sample: "only supported in v1/responses",
        suggestion: "monitor",
        settingsFix:
          "settings fix applied at 2026-11-20 06:00 UTC for every model; the next run shows whether it worked",
        pending: [],
      },
    );
    const text = buildHealthReport(data).text.replace(/\s+/g, " ");
    expect(text).toContain(
      '- acme:old-2411 model_not_found, failing for 120 h: "not a valid model id" pending: rename to old-2512, waiting for a person (dec_r)',
    );
    expect(text).toContain(
      "gone-a, old-2411; suggested: disable for gone-a; pending: old-2411: rename to old-2512, waiting for a person (dec_r)",
    );
    expect(text).toContain(
      "o1-pro; suggested: monitor; settings fix applied at 2026-11-20 06:00 UTC for every model; the next run shows whether it worked",
    );

    const prompt = buildAssessmentPrompt(data).user;
    const trusted = prompt.replace(/<untrusted_provider_text>[\s\S]*?<\/untrusted_provider_text>/g, "");
    expect(trusted).toContain("; a pending rename decision waits for a person");
    expect(trusted).toContain(
      "classifier suggests disable; pending decisions waiting for a person: rename 1",
    );
    expect(trusted).toContain("classifier suggests monitor; a settings fix was applied since the errors");
    expect(trusted).not.toMatch(/old-2411|old-2512|o1-pro/);
    expect(prompt).toContain("rename to: old-2512");
  });
});
