import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { toolListing } from "../../../src/server/tool-source.js";
import { allTools } from "../../../src/tools/index.js";
import { TOOL_LISTINGS } from "../../../src/tools/listings.js";

/**
 * src/tools/listings.ts is what tools/list answers with before the tools have loaded: it must be
 * exactly what the tools' own definitions convert to. When a tool's name, texts or schemas
 * change, this test fails; `UPDATE_TOOL_LISTINGS=1 npx vitest run test/unit/tools/listings.test.ts`
 * writes the file again (then commit it).
 */
const FILE = join(resolve(import.meta.dirname, "../../.."), "src/tools/listings.ts");

const HEADER = `// Written by test/unit/tools/listings.test.ts from the tools' definitions (src/tools/index.ts);
// do not edit: after changing a tool, run
//   UPDATE_TOOL_LISTINGS=1 npx vitest run test/unit/tools/listings.test.ts
// tools/list answers from this table, so that a session lists its tools before their modules
// (and the services they import) have loaded.
import type { Tool as ToolListing } from "@modelcontextprotocol/sdk/types.js";
import type { OperationType } from "./tool.js";

export const TOOL_LISTINGS: readonly { operation: OperationType; listing: ToolListing }[] = `;

function live(): { operation: string; listing: unknown }[] {
  return allTools.map((t) => ({ operation: t.operation, listing: toolListing(t) }));
}

async function source(): Promise<string> {
  const options = (await prettier.resolveConfig(FILE)) ?? {};
  return prettier.format(`${HEADER}${JSON.stringify(live())};\n`, { ...options, parser: "typescript" });
}

describe("the tool listings written ahead of time", () => {
  it("are what the tools' definitions convert to, in the same order", async () => {
    if (process.env["UPDATE_TOOL_LISTINGS"] === "1") writeFileSync(FILE, await source());
    expect(JSON.parse(JSON.stringify(TOOL_LISTINGS))).toEqual(live());
  });

  it("are the file the generator writes (formatted, nothing added by hand)", async () => {
    expect(readFileSync(FILE, "utf8")).toBe(await source());
  });
});
