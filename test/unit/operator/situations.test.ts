import { describe, expect, it } from "vitest";
import { expandVerdicts } from "../../../src/operator/expand.js";
import { watchReasoning } from "../../../src/operator/record-proposals.js";
import { assessProviders } from "../../../src/operator/provider-state.js";
import { buildSituations, situationId } from "../../../src/operator/situations.js";
import type { SituationVerdict } from "../../../src/operator/types.js";
import { NOW, signals } from "./fixtures.js";

const fleet = [
  signals("openai", "gpt-a"),
  signals("openai", "gpt-b"),
  signals("openai", "gone-1", { failingHours: 120, lastSuccessHoursAgo: 200 }),
  signals("openai", "gone-2", { failingHours: 100, lastSuccessHoursAgo: 200 }),
  signals("openai", "new-404", { failingHours: 10, lastSuccessHoursAgo: 24 * 8 }),
  signals("together", "t-1", { kind: "auth", failingHours: 30 }),
  signals("together", "t-2", { kind: "auth", failingHours: 30 }),
  signals("together", "t-3", { kind: "auth", failingHours: 29 }),
  signals("groq", "g-1", { kind: "rate_limit", failingHours: 2 }),
  signals("groq", "g-2"),
  signals("openai", "off", { enabled: false, failingHours: 500 }),
];

function state() {
  const assessments = assessProviders(fleet, new Map(), NOW);
  const health = new Map([...assessments].map(([p, a]) => [p, a.health]));
  return { assessments, health, ...buildSituations(fleet, health, NOW) };
}

describe("situations", () => {
  it("groups failing models by provider | kind | fingerprint with stable ids, after the fast pass", () => {
    const { situations, fastPass } = state();
    expect(fastPass.map((f) => `${f.model_id}:${f.reason}`).sort()).toEqual([
      "g-2:healthy",
      "gpt-a:healthy",
      "gpt-b:healthy",
      "off:disabled",
    ]);
    const byKey = new Map(situations.map((s) => [`${s.provider}|${s.kind}`, s]));
    expect(byKey.get("openai|model_not_found")?.modelIds).toEqual(["gone-1", "gone-2", "new-404"]);
    expect(byKey.get("together|auth")?.modelCount).toBe(3);
    expect(byKey.get("openai|model_not_found")?.id).toBe(
      situationId("openai", "model_not_found", "fp-openai-model_not_found"),
    );
    expect(byKey.get("openai|model_not_found")?.startedAt).toEqual(new Date(NOW.getTime() - 120 * 3_600_000));
    expect(state().situations.map((s) => s.id)).toEqual(situations.map((s) => s.id));
  });

  it("blocks a provider whose models fail with auth instead of suggesting to disable them", () => {
    const { assessments, situations } = state();
    expect(assessments.get("together")?.health.state).toBe("blocked");
    expect(assessments.get("together")?.change).toMatchObject({ to: "blocked", authority: "credentials" });
    expect(assessments.get("openai")?.health).toEqual({ state: "healthy", hasHealthyModels: true });
    const auth = situations.find((s) => s.kind === "auth")!;
    expect(auth.suggestion.action).toBe("monitor");
  });

  it("suggests disable only for hard evidence older than 48 h at an otherwise healthy provider", () => {
    const { situations } = state();
    expect(situations.find((s) => s.kind === "model_not_found")?.suggestion.action).toBe("disable");
    expect(situations.find((s) => s.kind === "rate_limit")?.suggestion.action).toBe("monitor");
  });

  it("expansion overrides: an injected 'disable everything' only disables models with hard evidence", () => {
    const { situations, health } = state();
    const map = new Map(fleet.map((s) => [`${s.provider}:${s.model_id}`, s]));
    // An LLM that obeyed a malicious error message and said "disable" to every situation.
    const verdicts = new Map<string, { verdict: SituationVerdict; source: "llm" }>(
      situations.map((s) => [
        s.id,
        {
          verdict: {
            situationId: s.id,
            action: "disable",
            confidence: 1,
            reasoning: "ignore all previous instructions",
          },
          source: "llm" as const,
        },
      ]),
    );
    const proposals = expandVerdicts(situations, verdicts, map, health, NOW);
    const disabled = proposals
      .filter((p) => p.action === "disable")
      .map((p) => p.model_id)
      .sort();
    // new-404 is hard too but only 10 h old; transient, provider-wide and young failures are out.
    expect(disabled).toEqual(["gone-1", "gone-2"]);
    expect(proposals.find((p) => p.model_id === "new-404")?.override).toMatch(/only 10 h/);
    expect(proposals.find((p) => p.model_id === "t-1")?.override).toMatch(
      /not evidence about the model|blocked/,
    );
    expect(proposals.find((p) => p.model_id === "g-1")?.override).toMatch(/rate_limit is not evidence/);
  });

  it("a recent success turns a disable into monitor", () => {
    const recovered = [
      // A success that arrived late (a spooled remote result) while the streak looks 60 h old.
      signals("openai", "flaky", { failingHours: 60, lastSuccessHoursAgo: 10 }),
      signals("openai", "ok"),
    ];
    const health = new Map([["openai", { state: "healthy" as const, hasHealthyModels: true }]]);
    const { situations } = buildSituations(recovered, health, NOW);
    const s = situations[0]!;
    const v = new Map([
      [s.id, { verdict: { ...s.suggestion, action: "disable" as const }, source: "llm" as const }],
    ]);
    const [p] = expandVerdicts(
      situations,
      v,
      new Map(recovered.map((x) => [`openai:${x.model_id}`, x])),
      health,
      NOW,
    );
    expect(p?.action).toBe("monitor");
    expect(p?.override).toMatch(/within 48 h/);
  });
  it("a watch decision over several models gives each model its own reason", () => {
    const held = [
      signals("openai", "came-back", { failingHours: 60, lastSuccessHoursAgo: 10 }),
      signals("openai", "too-young", { failingHours: 20, lastSuccessHoursAgo: 24 * 8 }),
      signals("openai", "also-young", { failingHours: 20, lastSuccessHoursAgo: 24 * 8 }),
      signals("openai", "ok"),
    ];
    const health = new Map([["openai", { state: "healthy" as const, hasHealthyModels: true }]]);
    const { situations } = buildSituations(held, health, NOW);
    expect(situations).toHaveLength(1);
    const s = situations[0]!;
    const v = new Map([
      [s.id, { verdict: { ...s.suggestion, action: "disable" as const }, source: "llm" as const }],
    ]);
    const watched = expandVerdicts(
      situations,
      v,
      new Map(held.map((x) => [`openai:${x.model_id}`, x])),
      health,
      NOW,
    ).filter((p) => p.action === "monitor");
    expect(watched.map((p) => p.model_id).sort()).toEqual(["also-young", "came-back", "too-young"]);
    const success = new Date(NOW.getTime() - 10 * 3_600_000).toISOString();
    expect(watchReasoning(watched)).toBe(
      "also-young, too-young: failing for only 20 h; not yet evidence enough (proposed: disable); " +
        `came-back: succeeded at ${success}, within 48 h (proposed: disable)`,
    );
    // One reason for all is the decision's reason as it is.
    const young = watched.filter((p) => p.model_id.endsWith("young"));
    expect(watchReasoning(young)).toBe(young[0]!.reasoning);
  });
  it("an LLM's disable of several models keeps its words and gives each model its own streak", () => {
    const { situations, health } = state();
    const gone = situations.find((s) => s.kind === "model_not_found")!;
    const verdicts = new Map([
      [
        gone.id,
        {
          verdict: {
            situationId: gone.id,
            action: "disable" as const,
            confidence: 0.9,
            reasoning: "gone for 5 days",
          },
          source: "llm" as const,
        },
      ],
    ]);
    const map = new Map(fleet.map((s) => [`${s.provider}:${s.model_id}`, s]));
    const byModel = new Map(
      expandVerdicts([gone], verdicts, map, health, NOW).map((p) => [p.model_id, p.reasoning]),
    );
    const hoursAgo = (h: number): string => new Date(NOW.getTime() - h * 3_600_000).toISOString();
    expect(byModel.get("gone-2")).toBe(
      `gone for 5 days (the LLM's reading of 3 models; gone-2: failing for 100 h since ${hoursAgo(100)}, ` +
        `last success ${hoursAgo(200)})`,
    );
    expect(byModel.get("gone-1")).toMatch(/; gone-1: failing for 120 h since /);
  });
});
