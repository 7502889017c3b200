import { describe, expect, it } from "vitest";
import { actDirectly } from "../../src/decisions/direct.js";
import { principalFor } from "../../src/policy/principal.js";
import { recordError } from "../../src/signals/record.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * Issue 15 item 3: a proposal from any surface is judged against the model's real signals; a
 * disable records the class and recheck date its evidence implies, and one resting on evidence
 * that says nothing about the model is refused unless overridden with a reason; proposing what is
 * already pending returns the pending decision.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const HOUR = 3_600_000;
const operator = principalFor("alice", "operator");
const agent = principalFor("triage-bot", "agent");

async function fleet(label: string) {
  const t = await openTestDatabase(label);
  await t.repos.models.insertMany(
    ["gone", "locked", "busy", "fine"].map((model_id) => ({
      provider: "openai",
      model_id,
      enabled: true,
      created_at: new Date(NOW.getTime() - 30 * 24 * HOUR),
    })),
  );
  const fail = async (model: string, message: string, status: number) => {
    // Every six hours for a week: a streak of 168 hours.
    for (let h = 168; h >= 0; h -= 6)
      await recordError(
        t.repos,
        {
          provider: "openai",
          model_name: model,
          ts: new Date(NOW.getTime() - h * HOUR),
          stage: "generate",
          message,
          http_status: status,
        },
        NOW,
      );
  };
  await fail(
    "gone",
    "Error code: 404 - The model `gone` does not exist or you do not have access to it.",
    404,
  );
  await fail("locked", "Error code: 401 - Incorrect API key provided: sk-proj-****abcd.", 401);
  await fail("busy", "Error code: 429 - Rate limit reached for requests per min (RPM): Limit 500.", 429);
  return t;
}

const target = (model_id: string) => [{ provider: "openai", model_id }];

describe("a direct disable is judged against the model's real signals", () => {
  it("records the policy's verdict on the streak, and the hard class the 404s imply", async () => {
    const t = await fleet("evidence-hard");
    const { decision, batch } = await actDirectly(
      t.repos,
      operator,
      { action: "disable", targets: target("gone"), reason: "404 model_not_found for a week" },
      NOW,
      { config: t.config },
    );
    expect(decision.policy_verdict.reasons.join(" ")).not.toMatch(/no signals to judge by/);
    expect(decision.evidence).toMatchObject({
      kind: "model_not_found",
      class: "hard",
      failing_for_hours: 168,
    });
    expect(batch?.status).toBe("applied");
    const row = await t.repos.models.get({ provider: "openai", model_id: "gone" });
    expect(row).toMatchObject({ enabled: false, disabled_class: "hard_model", recheck_after: null });
  });

  it("refuses a disable resting only on auth or rate-limit errors, and records nothing", async () => {
    const t = await fleet("evidence-weak");
    for (const [model, kind] of [
      ["locked", "auth"],
      ["busy", "rate_limit"],
    ] as const) {
      await expect(
        actDirectly(
          t.repos,
          operator,
          { action: "disable", targets: target(model), reason: "it keeps failing, take it out" },
          NOW,
          { config: t.config },
        ),
      ).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringContaining(`openai:${model} fails with ${kind}`) as unknown,
      });
    }
    expect(await t.repos.decisions.find({})).toEqual([]);
    expect((await t.repos.models.get({ provider: "openai", model_id: "locked" }))?.enabled).toBe(true);
  });

  it("with an override reason disables it with a recoverable class and a recheck date", async () => {
    const t = await fleet("evidence-override");
    const { decision, batch } = await actDirectly(
      t.repos,
      operator,
      {
        action: "disable",
        targets: target("locked"),
        reason: "the key for this project is revoked",
        override: "the account owner revoked this key on purpose; recheck tomorrow",
      },
      NOW,
      { config: t.config },
    );
    expect(batch?.status).toBe("applied");
    expect(decision.evidence).toMatchObject({ kind: "auth", class: "provider_wide" });
    expect(decision.evidence["override"]).toMatch(/revoked this key/);
    const row = await t.repos.models.get({ provider: "openai", model_id: "locked" });
    expect(row).toMatchObject({ enabled: false, disabled_class: "auth" });
    expect(row?.recheck_after?.getTime()).toBe(NOW.getTime() + 24 * HOUR);
  });

  it("lets a person disable a healthy model by judgement, recorded as unsuitable with no recheck", async () => {
    const t = await fleet("evidence-judgement");
    await actDirectly(
      t.repos,
      operator,
      { action: "disable", targets: target("fine"), reason: "too expensive for what it measures" },
      NOW,
      { config: t.config },
    );
    const row = await t.repos.models.get({ provider: "openai", model_id: "fine" });
    expect(row).toMatchObject({ enabled: false, disabled_class: "unsuitable", recheck_after: null });
  });
});

describe("propose_disable over MCP", () => {
  it("is judged against the streak get_model_signals shows, and a second proposal returns the first", async () => {
    const t = await fleet("evidence-mcp");
    const bot = await connect(sharedFor(t, NOW), { principal: agent });
    const signals = await call(bot, "get_model_signals", { provider: "openai", model_id: "gone" });
    expect(JSON.stringify(signals.structured)).toContain("model_not_found");

    const args = { targets: target("gone"), reason: "404 model_not_found for 168 hours in a row" };
    const first = await call(bot, "propose_disable", args);
    expect(first.isError, first.text).toBe(false);
    expect(first.structured).toMatchObject({ status: "pending", already_pending: false });
    const reasons = (first.structured!["policy_verdict"] as { reasons: string[] }).reasons.join(" ");
    expect(reasons).not.toMatch(/no signals to judge by/);
    // Judged on the real picture: three of openai's four models fail, so not "otherwise healthy".
    expect(reasons).toMatch(/openai:gone: provider openai is not otherwise healthy/);

    const second = await call(bot, "propose_disable", args);
    expect(second.structured).toMatchObject({
      decision_id: first.structured!["decision_id"],
      already_pending: true,
      supersedes: [],
    });
    expect(String(second.structured!["next_step"])).toMatch(/^Already pending since/);
    const stored = await t.repos.decisions.find({});
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe("pending");

    const weak = await call(bot, "propose_disable", {
      targets: target("busy"),
      reason: "429 rate limited for a whole week",
    });
    expect(weak.isError).toBe(true);
    expect(weak.text).toMatch(/openai:busy fails with rate_limit \(transient\)/);
  });
});
