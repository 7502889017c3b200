import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { escapeControl } from "../../../src/errors.js";
import { storableKeys } from "../../../src/runner/sanitize.js";
import { openTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../../e2e/support/fleet.js";
import { call, connect, sharedFor } from "../../e2e/support/in-memory.js";

/** Issue 16, failure 6 and "also seen": every bad input gets a clean, coded answer. */
let t: TestDatabase;
let agent: Client;
const target = { provider: "groq", model_id: "llama-x" };

beforeAll(async () => {
  t = await openTestDatabase("clean-errors");
  await seedSmallFleet(t.repos);
  agent = await connect(await sharedFor(t, FLEET_NOW), { name: "triage-bot", role: "agent" });
});

describe("clean errors for bad input", () => {
  it("evidence keys with $ or a dot are invalid_input, and nothing is recorded", async () => {
    const before = await t.repos.decisions.count({});
    for (const evidence of [{ $set: "x" }, { "a.b": 1 }]) {
      const r = await call(agent, "propose_disable", {
        targets: [target],
        reason: "failing for days with model_not_found",
        evidence,
      });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/^Error \(invalid_input\): Invalid arguments for propose_disable: evidence\./);
    }
    expect(await t.repos.decisions.count({})).toBe(before);
  });

  it("a model listed twice is refused", async () => {
    const r = await call(agent, "propose_disable", {
      targets: [target, target],
      reason: "failing for days with model_not_found",
    });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/invalid_input.*listed once/);
  });

  it("non-object tool arguments get JSON-RPC invalid params (-32602)", async () => {
    for (const args of ["disable everything", [1, 2], 7]) {
      const error = await agent
        .request(
          { method: "tools/call", params: { name: "list_models", arguments: args as never } },
          z.unknown(),
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(-32602);
    }
  });

  it("control and bidirectional-override characters from callers are shown escaped", async () => {
    const r = await call(agent, "drop\u202eevil\u001b[2J");
    expect(r.isError).toBe(true);
    expect(r.text).toContain("drop\\u202eevil\\u001b[2J");
    expect(r.text.includes("\u202e") || r.text.includes("\u001b")).toBe(false);
    expect(escapeControl("a\tb\nc\u2066d\u0000")).toBe("a\tb\nc\\u2066d\\u0000");
  });

  it("a runner catalog row's raw keys are stored escaped, not lost", () => {
    expect(storableKeys({ $ref: 1, "a.b": { "c.d": [{ $x: 2 }] }, ok: true })).toEqual({
      "\uff04ref": 1,
      "a\uff0eb": { "c\uff0ed": [{ "\uff04x": 2 }] },
      ok: true,
    });
  });
});
