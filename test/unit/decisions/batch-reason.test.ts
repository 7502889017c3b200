import { describe, expect, it } from "vitest";
import { batchReason } from "../../../src/decisions/execute.js";
import type { DecisionDoc } from "../../../src/storage/decisions-repository.js";

const decision = (action: DecisionDoc["action"], provider: string, reasoning: string): DecisionDoc =>
  ({ action, targets: [{ provider, model_id: "m" }], reasoning }) as DecisionDoc;

describe("a batch's reason", () => {
  it("for one decision, is its action and reasoning, cut at a word when long", () => {
    expect(batchReason([decision("disable", "groq", "model_not_found for 3 days")])).toBe(
      "disable: model_not_found for 3 days",
    );
    const long = batchReason([decision("disable", "groq", "word ".repeat(400))]);
    expect(long.length).toBeLessThanOrEqual(1_000);
    expect(long).toMatch(/word…$/);
  });

  it("for one decision a person approved with words, keeps their words after the proposer's", () => {
    const d = decision("disable", "groq", "word ".repeat(400));
    d.history = [
      { at: new Date(0), status: "pending", by: "triage-bot" },
      { at: new Date(1), status: "approved", by: "alice", note: "confirmed retired on the status page" },
    ] as DecisionDoc["history"];
    d.proposed_by = { kind: "agent", name: "triage-bot" };
    const reason = batchReason([d]);
    expect(reason.length).toBeLessThanOrEqual(1_000);
    expect(reason).toMatch(
      /^disable: word .*…  ?\(approved by alice: confirmed retired on the status page\)$/,
    );
  });

  it("for one decision its proposer approved (a person acting directly), adds nothing to the reasoning", () => {
    const d = decision("enable", "groq", "it answers again");
    d.proposed_by = { kind: "human", name: "olivia" };
    d.history = [
      { at: new Date(1), status: "approved", by: "olivia", note: "a human operator may enable directly" },
    ] as DecisionDoc["history"];
    expect(batchReason([d])).toBe("enable: it answers again");
  });

  it("for many, counts each action and names every provider, in place of their joined reasonings", () => {
    const many = [
      ...Array.from({ length: 12 }, (_, i) =>
        decision("disable", ["openai", "groq", "bedrock"][i % 3]!, "gone"),
      ),
      ...Array.from({ length: 3 }, () => decision("set_settings", "vertex", "its errors name a setting")),
    ];
    expect(batchReason(many)).toBe(
      "15 decisions (12 disable, 3 set_settings) on bedrock, groq, openai, vertex; each decision holds its reasoning",
    );
  });
});
