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
    // The reader is told how much was left out and why, below the LLM's sections, not the names.
    const left = [
      "1 model(s) the digest does not list",
      "1 item(s) about a provider the digest does not show",
    ];
    expect(items[0]!.dropped).toEqual(left);
    const text = assessmentText({ ...items[0]!, by: "openai:gpt-5-mini", costUsd: 0.001 });
    expect(text.slice(-3)).toEqual([
      "  Left out of this reading:",
      "    - 1 model(s) the digest does not list",
      "    - 1 item(s) about a provider the digest does not show",
    ]);
  });

  it("reads a status in capitals, and names the first field that is wrong in an answer of another shape", () => {
    expect(parseAssessment(answer({ overall_status: " WARNING " }), prompt).items[0]?.overallStatus).toBe(
      "warning",
    );
    expect(parseAssessment(answer({ overall_status: "fine" }), prompt).problems[0]).toMatch(
      /^the assessment is not of the expected shape \(overall_status: .*"healthy"/,
    );
    expect(
      parseAssessment(JSON.stringify({ summary: "x", overall_status: "critical" }), prompt).problems,
    ).toEqual([expect.stringMatching(/^the assessment is not of the expected shape \(likely_deprecated: /)]);
    expect(parseAssessment("Sure! here it is", prompt).problems).toEqual(["the assessment is not JSON"]);
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
    const gone = { status: "unavailable" as const, reason: "no LLM is configured <here>", costUsd: 0 };
    expect(assessmentText(gone)).toEqual([
      "",
      "Assessment unavailable: no LLM is configured <here>. What follows is the deterministic report alone.",
    ]);
    expect(assessmentHtml(gone).join("")).toContain("no LLM is configured &lt;here&gt;");
  });
});
