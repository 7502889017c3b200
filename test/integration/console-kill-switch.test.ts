import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyBatch } from "../../src/mutations/mutate.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import { principalFor } from "../../src/policy/principal.js";
import { httpSignIn, startConsole, type ConsoleFixture } from "../browser/support.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { openaiModel } from "../helpers/executed-batch.js";

/**
 * Under the kill switch every change to the fleet is refused, so the console offers none: the
 * revert, enable and undo forms used to stay on the pages, and an enable sent from one was recorded
 * as a decision the policy rejected.
 */
const NOW = new Date("2026-11-20T12:00:00Z");
const admin = principalFor("root", "admin");
let t: TestDatabase;
let f: ConsoleFixture;
let cookie: string;

const get = async (path: string): Promise<string> => {
  const res = await fetch(`${f.origin}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
};
const flat = (html: string): string => html.replace(/\s+/g, " ");

beforeAll(async () => {
  t = await openTestDatabase("console-kill-switch");
  await t.repos.models.insertMany([openaiModel("ks-a", NOW)]);
  f = await startConsole(t, NOW);
  cookie = await httpSignIn(f.origin, f.tokens.operator);
});

afterAll(async () => {
  await f?.http.close();
});

describe("the console under the kill switch", () => {
  it("offers no revert, enable or undo form, says why, and offers them again once it is off", async () => {
    const batch = await applyBatch(
      t.repos,
      {
        actor: "olivia",
        reason: "disable ks-a",
        changes: [{ provider: "openai", model_id: "ks-a", set: { enabled: false } }],
      },
      NOW,
    );
    const batchPath = `/console/batches/${batch._id}`;
    const modelPath = "/console/models/openai/ks-a";
    expect(await get(batchPath)).toContain(`action="${batchPath}/revert"`);
    expect(await get(modelPath)).toContain(`action="${modelPath}/enable"`);

    await t.repos.policies.set({ ...defaultPolicy(), kill_switch: true }, admin, NOW);
    const batchPage = await get(batchPath);
    expect(batchPage).not.toContain(`${batchPath}/revert`);
    expect(flat(batchPage)).toContain(
      "The kill switch is on: no change to the fleet runs until a human turns it off (",
    );
    expect(flat(batchPage)).toContain("so reverting is not offered here.");
    const modelPage = await get(modelPath);
    expect(modelPage).not.toContain(`${modelPath}/enable`);
    expect(flat(modelPage)).toContain("so enabling is not offered here.");

    await t.repos.policies.set({ ...defaultPolicy(), kill_switch: false }, admin, NOW);
    expect(await get(batchPath)).toContain(`action="${batchPath}/revert"`);
    expect(await get(modelPath)).toContain(`action="${modelPath}/enable"`);
  });
});
