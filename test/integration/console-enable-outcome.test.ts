import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpPostForm, httpSignIn, startConsole, type ConsoleFixture } from "../browser/support.js";
import { call, connect } from "../e2e/support/in-memory.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { openaiModel } from "../helpers/executed-batch.js";

/**
 * A person's enable on a model's console page when an agent's enable of it is already pending: the
 * person's enable approves that decision as them, and the page must say so, not that no enable of
 * theirs is recorded.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const PATH = "/console/models/openai/gone-a";
let t: TestDatabase;
let f: ConsoleFixture;
let cookie: string;

const get = async (path: string): Promise<string> => {
  const res = await fetch(`${f.origin}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
};
const notice = (html: string): string =>
  (/<p class="notice" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? "").replace(/\s+/g, " ").trim();

beforeAll(async () => {
  t = await openTestDatabase("console-enable-outcome");
  await t.repos.models.insertMany([
    openaiModel("gone-a", NOW, { enabled: false, disabled_reason: "404 model_not_found" }),
  ]);
  f = await startConsole(t, NOW);
  cookie = await httpSignIn(f.origin, f.tokens.operator);
});

afterAll(async () => {
  await f?.http.close();
});

describe("a person's enable that approves a pending agent enable", () => {
  it("says the model was enabled by approving the agent's decision as them", async () => {
    const agent = await connect(f.shared, { name: "triage-bot", role: "agent" });
    const r = await call(agent, "propose_enable", {
      targets: [{ provider: "openai", model_id: "gone-a" }],
      reason: "openai lists it again since today",
    });
    expect(r.isError, r.text).toBe(false);
    const id = (r.structured as { decision_id: string }).decision_id;
    expect(await t.repos.decisions.get(id)).toMatchObject({ status: "pending" });

    const res = await httpPostForm(f.origin, cookie, await get(PATH), `${PATH}/enable`, {
      reason: "it answers again",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${PATH}?done=enabled`);

    const d = await t.repos.decisions.get(id);
    expect(d).toMatchObject({
      status: "executed",
      approved_by: "olivia",
      proposed_by: { name: "triage-bot" },
    });
    expect(await t.repos.decisions.count({ action: "enable" })).toBe(1);
    expect(await t.repos.models.get({ provider: "openai", model_id: "gone-a" })).toMatchObject({
      enabled: true,
    });

    expect(notice(await get(`${PATH}?done=enabled`))).toBe(
      `Enabled by approving decision ${id} (proposed by agent triage-bot) as olivia: batch ${d!.batch_id}. The model is enabled.`,
    );
  });
});
