import { describe, expect, it } from "vitest";
import { toolListing } from "../../../src/server/dispatch.js";
import { allTools } from "../../../src/tools/index.js";
import { ANNOTATIONS } from "../../../src/tools/tool.js";

/** Tool metadata that agents and clients rely on, checked without a database. */
type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  description?: string;
  anyOf?: Schema[];
};

/** Every property of every object in an input schema must say what it is for. */
function undescribed(schema: Schema, path: string): string[] {
  const out: string[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (!prop.description) out.push(`${path}.${name}`);
    out.push(...undescribed(prop, `${path}.${name}`));
    if (prop.items) out.push(...undescribed(prop.items, `${path}.${name}[]`));
  }
  return out;
}

describe("tool metadata", () => {
  it("at most 20 tools, snake_case and unique names", () => {
    expect(allTools.length).toBeLessThanOrEqual(20);
    const names = allTools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]{2,63}$/);
  });

  it("every tool has a title, a description that names a next tool, and schemas", () => {
    const names = allTools.map((t) => t.name);
    for (const tool of allTools) {
      const l = toolListing(tool);
      expect(l.title, tool.name).toBeTruthy();
      expect(l.description!.length, tool.name).toBeGreaterThan(150);
      expect(
        names.some((n) => n !== tool.name && l.description!.includes(n)),
        `${tool.name} names no next tool`,
      ).toBe(true);
      expect(l.inputSchema.type).toBe("object");
      expect(l.outputSchema?.type).toBe("object");
    }
  });

  it("every input field has a description", () => {
    for (const tool of allTools)
      expect(undescribed(toolListing(tool).inputSchema as Schema, tool.name)).toEqual([]);
  });

  it("all four annotations are set explicitly and come from the operation type", () => {
    for (const tool of allTools) {
      const a = toolListing(tool).annotations!;
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        expect(typeof a[hint], `${tool.name}.${hint}`).toBe("boolean");
        expect(a[hint]).toBe(ANNOTATIONS[tool.operation][hint]);
      }
    }
    const ops = Object.fromEntries(allTools.map((t) => [t.name, t.operation]));
    expect(ops).toMatchObject({
      get_fleet_health: "read",
      propose_disable: "propose",
      propose_enable: "propose",
      reject_decision: "review",
      approve_decision: "execute",
      revert_batch: "execute",
      run_operator: "run",
    });
    expect(allTools.filter((t) => t.operation === "read")).toHaveLength(10);
  });

  it("output schemas avoid multi-type nodes (portable to single-type clients)", () => {
    for (const tool of allTools)
      expect(JSON.stringify(toolListing(tool).outputSchema)).not.toMatch(/"type":\[/);
  });
});
