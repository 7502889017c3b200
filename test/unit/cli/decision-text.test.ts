import { describe, expect, it } from "vitest";
import { decisionText, printable } from "../../../src/cli/decision-text.js";
import type { DecisionDoc } from "../../../src/storage/decisions-repository.js";

const AT = new Date("2026-11-20T12:00:00Z");

function pending(): DecisionDoc {
  return {
    _id: "dec_0123456789abcdef",
    action: "disable",
    targets: [{ provider: "openai", model_id: "gone" }],
    evidence: { kind: "model_not_found", failing_for_hours: 168 },
    confidence: 0.9,
    reasoning: "404 for a week\x1b[2J\u202eevil",
    proposed_by: { kind: "agent", name: "triage-bot" },
    status: "pending",
    created_at: AT,
    updated_at: AT,
    expires_at: new Date(AT.getTime() + 86_400_000),
    policy_version: 3,
    policy_verdict: { outcome: "needs_approval", reasons: ["agents propose"], approver_roles: ["operator"] },
    history: [{ at: AT, status: "pending", by: "triage-bot", note: "agents propose" }],
  };
}

describe("decisions show", () => {
  it("prints a readable summary with the evidence, the verdict and how to approve", () => {
    const d = pending();
    d.evidence["last_success_at"] = new Date("2026-11-01T08:00:00Z");
    const text = decisionText(d, [
      {
        provider: "openai",
        model_id: "gone",
        lastSuccessAt: null,
        failingForHours: 168,
        consecutiveFailures: 29,
        lastError: {
          at: AT,
          kind: "model_not_found",
          class: "hard",
          message: "the model `<model>` does not exist",
          displayMessage: "The model `gone` does not exist",
        },
      } as never,
    ]);
    expect(text).toContain("decision    dec_0123456789abcdef: disable 1 model(s), pending");
    // Evidence keys aligned under the longest, a time as a time (not quoted JSON).
    expect(text).toContain(
      "  kind              model_not_found\n  failing_for_hours 168\n  last_success_at   2026-11-01T08:00:00Z\n",
    );
    expect(text).toContain("failing 168 h (29 in a row), last error model_not_found (hard)");
    // The provider's words, not the normalized text that groups them.
    expect(text).toContain("  message   The model `gone` does not exist\n");
    expect(text).toContain("policy      needs_approval (policy v3)");
    expect(text).toContain("approve     bench-operator decisions approve dec_0123456789abcdef");
    expect(text).not.toMatch(/^\{/);
  });

  it("prints a record in the evidence (a rename's successor finding) as its pairs, not as JSON", () => {
    const d = pending();
    d.evidence["successor"] = {
      from: "deepseek-v3",
      to: "deepseek-v3-0324",
      listing: { finished_at: new Date("2026-12-06T03:00:00Z"), model_count: 344 },
      candidates: [],
    };
    expect(decisionText(d)).toContain(
      "  successor         from: deepseek-v3; to: deepseek-v3-0324; listing: (finished_at: 2026-12-06T03:00:00Z; model_count: 344); candidates: (none)\n",
    );
  });

  it("shows control and bidi characters from callers as escapes", () => {
    expect(printable("a\x1b[2Jb\u202ec\td")).toBe("a\\u001b[2Jb\\u202ec\td");
    const text = decisionText(pending());
    expect(text).toContain("404 for a week\\u001b[2J\\u202eevil");
    expect(text.includes("\x1b") || text.includes("\u202e")).toBe(false);
  });
});
