import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { toolListing } from "../../../src/server/tool-source.js";
import { allTools } from "../../../src/tools/index.js";
import { connect } from "../../e2e/support/in-memory.js";

/**
 * A session lists its tools from src/tools/listings.ts before the tools' modules and the database
 * are there: what it lists is what the tools convert to, a bad argument still gets its clear error
 * (the tool's module loads for the call), and the session asks for its database only after it has
 * answered the first tools/list or when a call needs it.
 */
describe("a session whose database has not arrived", () => {
  const never = new Promise<never>(() => {});

  it("lists every tool as its definition converts, then asks for its database", async () => {
    let woken = 0;
    const client = await connect(never, { role: "admin", wake: () => woken++ });
    expect(woken).toBe(0);
    const { tools } = await client.listTools();
    expect(tools).toEqual(allTools.map(toolListing));
    await new Promise((r) => setImmediate(r));
    expect(woken).toBe(1);
    await client.listTools();
    await new Promise((r) => setImmediate(r));
    expect(woken).toBe(1);
  });

  it("lists read tools only in read-only mode", async () => {
    const client = await connect(never, { role: "admin", readOnly: true });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      allTools.filter((t) => t.operation === "read").map((t) => t.name),
    );
  });

  it("answers a call with bad arguments with the tool's own error, without waiting for the database", async () => {
    let woken = 0;
    const client = await connect(never, { role: "agent", wake: () => woken++ });
    const result = (await client.callTool({
      name: "get_decision",
      arguments: { decision_id: 42 },
    })) as CallToolResult;
    expect(woken).toBe(1);
    expect(result.isError).toBe(true);
    const first = result.content[0];
    expect(first?.type === "text" ? first.text : "").toMatch(
      /^Error \(invalid_input\): Invalid arguments for get_decision: decision_id: /,
    );
  });
});
