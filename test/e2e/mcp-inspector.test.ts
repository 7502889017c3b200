import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { ensureBuilt, MAIN_JS, ROOT } from "./support/build.js";
import { seedSmallFleet } from "./support/fleet.js";

/**
 * An independent client: the MCP Inspector CLI (pinned devDependency) spawns the built stdio
 * server and calls it. It shares no code with our server or our tests' client.
 */
const run = promisify(execFile);
const INSPECTOR = join(ROOT, "node_modules", ".bin", "mcp-inspector");
let t: TestDatabase;

beforeAll(async () => {
  ensureBuilt();
  t = await openTestDatabase("mcp-inspector");
  await seedSmallFleet(t.repos);
}, 180_000);

async function inspector(...method: string[]): Promise<{ result: Record<string, unknown> }> {
  const env = [
    "-e",
    `MONGODB_URI=${inject("mongoUri")}`,
    "-e",
    `MONGODB_DB=${t.db.databaseName}`,
    "-e",
    "BENCH_OPERATOR_PRINCIPAL=inspector:viewer",
  ];
  // The server command comes first; everything after it is the Inspector's own options.
  const { stdout } = await run(
    INSPECTOR,
    ["--cli", ...env, process.execPath, MAIN_JS, "mcp", ...method, "--format", "json"],
    {
      cwd: ROOT,
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as { result: Record<string, unknown> };
}

describe("MCP Inspector CLI against the stdio server", () => {
  it("lists tools with titles, annotations and output schemas", async () => {
    const { result } = await inspector("--method", "tools/list");
    const tools = result["tools"] as {
      name: string;
      title: string;
      annotations: Record<string, boolean>;
      outputSchema: unknown;
    }[];
    // A viewer sees the read tools.
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(["get_fleet_health", "list_situations"]),
    );
    for (const tool of tools) {
      expect(tool.title).toBeTruthy();
      expect(tool.outputSchema).toBeTruthy();
      expect(Object.keys(tool.annotations).sort()).toEqual([
        "destructiveHint",
        "idempotentHint",
        "openWorldHint",
        "readOnlyHint",
        "title",
      ]);
    }
  });

  it("calls get_fleet_health and list_situations", async () => {
    const health = await inspector("--method", "tools/call", "--tool-name", "get_fleet_health");
    expect(health.result["structuredContent"]).toMatchObject({ totals: { models: 7 } });
    const situations = await inspector(
      "--method",
      "tools/call",
      "--tool-name",
      "list_situations",
      "--tool-args-json",
      '{"limit": 2}',
    );
    const s = situations.result["structuredContent"] as { situations: unknown[]; truncated: boolean };
    expect(s.situations).toHaveLength(2);
    expect(s.truncated).toBe(true);
  });
});
