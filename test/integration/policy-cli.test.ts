import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registerPolicyCommands } from "../../src/cli/commands/policy.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";

const DEFAULT_POLICY = join(import.meta.dirname, "../../policy/default-policy.json");

describe("policy show", () => {
  it("reads as text, says v0 is the built-in default until a version is stored, and gives JSON with --json", async () => {
    const { repos, config } = await openTestDatabase("policy-cli");
    const cli = inProcessCli(
      () => ({
        MONGODB_URI: config.mongodb.uri!,
        MONGODB_DB: config.mongodb.db,
        BENCH_OPERATOR_PRINCIPAL: "alice:admin",
      }),
      [registerPolicyCommands],
    );

    expect(await cli("policy", "show", "--history")).toBe(
      "No policy version is stored: v0 is the built-in default (policy/default-policy.json), and it is in force. `bench-operator policy set --file F` stores v1.\n",
    );
    expect(JSON.parse(await cli("policy", "show", "--history", "--json"))).toEqual([]);
    const text = await cli("policy", "show");
    expect(text).toMatch(
      /^approvers +evidence-gated: operator or admin; authority-gated: operator or admin$/m,
    );
    expect(text).toMatch(/^caps +20 executed changes per operator run, 10 per provider$/m);

    await cli("policy", "set", "--file", DEFAULT_POLICY, "--note", "first stored version");
    const stored = (await repos.policies.history())[0]!;
    expect(await cli("policy", "show")).toMatch(
      new RegExp(`^policy +v1, set by alice at ${stored.set_at.toISOString().replace(".000Z", "Z")}$`, "m"),
    );
    const history = await cli("policy", "show", "--history");
    expect(history).toMatch(/^1 +alice +\S+ +first stored version$/m);
    expect(history).toContain("1 stored version(s); v1 is in force; before v1, v0 is the built-in default");
    const json = JSON.parse(await cli("policy", "show", "--json")) as { version: number; set_by: string };
    expect(json).toMatchObject({ version: 1, set_by: "alice" });
  });
});
