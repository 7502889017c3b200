import { describe, expect, it } from "vitest";
import { parseAssessment } from "../../../src/report/assessment.js";
import { assessmentHtml, assessmentText } from "../../../src/report/render-assessment.js";

const prompt = { models: new Map([["m1", "acme:gone-1"]]), providers: ["acme", "oursco"] };
const answer = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    overall_status: "warning",
    summary: "ok",
    likely_deprecated: [],
    code_fixes: [],
    provider_issues: [],
    recommended_actions: [],
    ...over,
  });

describe("the assessment's answer", () => {
  it("maps model keys back to models and drops keys and providers the digest did not show", () => {
    const { items, problems } = parseAssessment(
      answer({
        likely_deprecated: [
          { model_key: "m1", reason: "gone" },
          { model_key: "m7", reason: "invented" },
        ],
        code_fixes: [{ provider: "evilco", problem: "x", fix: "y" }],
        provider_issues: [{ provider: "acme", issue: "auth\nfailing" }],
      }),
      prompt,
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      overallStatus: "warning",
      likelyDeprecated: [{ model: "acme:gone-1", reason: "gone" }],
      codeFixes: [],
      providerIssues: [{ provider: "acme", issue: "auth failing" }],
    });
    expect(problems).toEqual([
      "dropped a model key not in the digest: m7",
      "dropped an item about a provider not in the digest: evilco",
    ]);
  });

  it("prose, a wrong status or a missing field is no assessment at all; secrets are redacted", () => {
    expect(parseAssessment(`Sure! ${answer()}`, prompt).items).toEqual([]);
    expect(parseAssessment(answer({ overall_status: "fine" }), prompt).items).toEqual([]);
    expect(parseAssessment(JSON.stringify({ summary: "x" }), prompt).items).toEqual([]);
    const { items } = parseAssessment(
      answer({ summary: "key sk-proj-abcdefghijklmnopqrstuv leaked" }),
      prompt,
    );
    expect(items[0]?.summary).toBe("key [redacted] leaked");
  });

  it("renders nothing when not asked, and says why when unavailable", () => {
    expect(assessmentText(undefined)).toEqual([]);
    expect(assessmentHtml(undefined)).toEqual([]);
    const gone = { status: "unavailable" as const, reason: "no LLM is configured <here>" };
    expect(assessmentText(gone)).toEqual([
      "",
      "Assessment unavailable: no LLM is configured <here>. What follows is the deterministic report alone.",
    ]);
    expect(assessmentHtml(gone).join("")).toContain("no LLM is configured &lt;here&gt;");
  });
});
