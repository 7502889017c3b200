import { describe, expect, it } from "vitest";
import { evaluateApproval, evaluatePolicy } from "../../../src/policy/evaluate.js";
import { defaultPolicy, parsePolicy } from "../../../src/policy/policy.js";
import { principalFor, SYSTEM_PRINCIPAL } from "../../../src/policy/principal.js";
import { NOW, signals } from "./fixtures.js";

const policy = defaultPolicy();
const healthy = new Map([["openai", { state: "healthy" as const, hasHealthyModels: true }]]);
const evidenceFor = (...s: ReturnType<typeof signals>[]) => ({
  now: NOW,
  signals: new Map(s.map((x) => [`${x.provider}:${x.model_id}`, x])),
  providers: healthy,
});
const target = (model_id: string) => [{ provider: "openai", model_id }];

describe("the policy", () => {
  it("auto-executes a disable only when the evidence holds in code", () => {
    const gone = signals("openai", "gone", { failingHours: 72, lastSuccessHoursAgo: 24 * 10 });
    expect(
      evaluatePolicy(policy, SYSTEM_PRINCIPAL, "disable", target("gone"), evidenceFor(gone)).outcome,
    ).toBe("allowed");

    const young = signals("openai", "young", { failingHours: 30, lastSuccessHoursAgo: 24 * 10 });
    const v1 = evaluatePolicy(policy, SYSTEM_PRINCIPAL, "disable", target("young"), evidenceFor(young));
    expect(v1).toMatchObject({ outcome: "needs_approval", approverRoles: ["operator", "admin"] });
    expect(v1.reasons.join()).toMatch(/not over 48 h/);

    const recent = signals("openai", "recent", { failingHours: 72, lastSuccessHoursAgo: 73 });
    expect(
      evaluatePolicy(
        policy,
        SYSTEM_PRINCIPAL,
        "disable",
        target("recent"),
        evidenceFor(recent),
      ).reasons.join(),
    ).toMatch(/succeeded within 7 days \(last success \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);

    const auth = signals("openai", "auth", { kind: "auth", failingHours: 100, lastSuccessHoursAgo: 24 * 10 });
    expect(
      evaluatePolicy(policy, SYSTEM_PRINCIPAL, "disable", target("auth"), evidenceFor(auth)).reasons.join(),
    ).toMatch(/last error is auth/);

    const blocked = {
      now: NOW,
      signals: new Map([["openai:gone", gone]]),
      providers: new Map([["openai", { state: "blocked" as const, hasHealthyModels: true }]]),
    };
    expect(
      evaluatePolicy(policy, SYSTEM_PRINCIPAL, "disable", target("gone"), blocked).reasons.join(),
    ).toMatch(/not otherwise healthy/);
  });

  it("protects models and providers, honours the kill switch and keeps authority for humans", () => {
    const gone = signals("openai", "gone", { failingHours: 72, lastSuccessHoursAgo: 24 * 10 });
    const prot = { ...policy, protected: { providers: [], models: ["openai:gone"] } };
    expect(evaluatePolicy(prot, SYSTEM_PRINCIPAL, "disable", target("gone"), evidenceFor(gone)).outcome).toBe(
      "needs_approval",
    );
    expect(
      evaluatePolicy(
        { ...policy, kill_switch: true },
        principalFor("alice", "admin"),
        "disable",
        target("gone"),
        evidenceFor(gone),
      ).outcome,
    ).toBe("denied");
    expect(
      evaluatePolicy(policy, principalFor("bot", "agent"), "enable", target("x"), { now: NOW }).outcome,
    ).toBe("needs_approval");
    expect(
      evaluatePolicy(policy, principalFor("alice", "operator"), "enable", target("x"), { now: NOW }).outcome,
    ).toBe("allowed");
    expect(
      evaluatePolicy(policy, principalFor("v", "viewer"), "monitor", target("x"), { now: NOW }).outcome,
    ).toBe("denied");
  });

  it("approval: roles, self-approval and human-only authority", () => {
    const bot = principalFor("bot", "agent");
    expect(evaluateApproval(policy, bot, "disable", { name: "bot", kind: "agent" }).outcome).toBe("denied");
    const lenient = {
      ...policy,
      approvers: { ...policy.approvers, evidence_gated: ["agent" as const, "operator" as const] },
    };
    expect(evaluateApproval(lenient, bot, "disable", { name: "bot", kind: "agent" }).reasons.join()).toMatch(
      /own proposal/,
    );
    expect(evaluateApproval(lenient, bot, "disable", { name: "other", kind: "agent" }).outcome).toBe(
      "allowed",
    );
    expect(
      evaluateApproval(
        { ...lenient, approvers: { ...lenient.approvers, authority_gated: ["agent"] } },
        bot,
        "enable",
        { name: "x", kind: "agent" },
      ).outcome,
    ).toBe("denied");
  });

  it("parses policy files strictly, reporting every problem by path", () => {
    expect(() => parsePolicy("{")).toThrow(/not valid JSON/);
    expect(() =>
      parsePolicy(JSON.stringify({ ...policy, caps: { per_pass: -1, per_provider: 1 }, extra: 1 })),
    ).toThrow(/caps.per_pass[\s\S]*\(root\)|\(root\)[\s\S]*caps.per_pass/);
    expect(parsePolicy(JSON.stringify(policy))).toEqual(policy);
  });
});
