import { describe, expect, inject, it } from "vitest";
import { registerOverviewCommands } from "../../src/cli/commands/overview.js";
import { propose } from "../../src/decisions/propose.js";
import { SYSTEM_PRINCIPAL } from "../../src/policy/principal.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";
import { openaiModel } from "../helpers/executed-batch.js";

const NOW = new Date("2026-11-20T12:00:00Z");

describe("overview", () => {
  it("says how many decisions wait for a person and where to read them, and nothing when none wait", async () => {
    const t = await openTestDatabase("overview-waiting");
    await t.repos.models.insertMany([openaiModel("wait-a", NOW)]);
    const cli = inProcessCli(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerOverviewCommands],
    );
    expect(await cli("overview")).not.toContain("wait for a person");

    const d = await propose(
      t.repos,
      {
        action: "disable",
        targets: [{ provider: "openai", model_id: "wait-a" }],
        evidence: {},
        confidence: 0.9,
        reasoning: "gone for a week",
        proposer: { kind: "classifier", name: "deterministic-classifier" },
      },
      SYSTEM_PRINCIPAL,
      { now: NOW },
      NOW,
    );
    expect(d.status).toBe("pending");
    expect(await cli("overview")).toContain(
      "\n1 decision(s) wait for a person: bench-operator decisions list --status pending (or the console's Decisions page).\n",
    );
    expect(JSON.parse(await cli("overview", "--json"))).toMatchObject({ pending_decisions: 1 });
  });
});
