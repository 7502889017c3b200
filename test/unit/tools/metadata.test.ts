import { describe, expect, it } from "vitest";
import { toolListing } from "../../../src/server/tool-source.js";
import { allTools } from "../../../src/tools/index.js";

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

  it("list_decisions' description names every action and status its filters accept", () => {
    const l = toolListing(allTools.find((t) => t.name === "list_decisions")!);
    const props = (l.inputSchema as Schema & { properties: Record<string, { enum?: string[] }> }).properties;
    for (const field of ["action", "status"]) {
      const values = props[field]?.enum ?? [];
      expect(values.length, field).toBeGreaterThan(2);
      expect(
        values.filter((v) => !l.description!.includes(v)),
        field,
      ).toEqual([]);
    }
  });

  it("every input field has a description", () => {
    for (const tool of allTools)
      expect(undescribed(toolListing(tool).inputSchema as Schema, tool.name)).toEqual([]);
  });

  it("every tool shows clients the hints its behaviour calls for", () => {
    // Written out by hand from what each tool does, not derived from src/tools/tool.ts: a tool
    // whose operation type (or the type's hints) changes fails here until this table agrees.
    // [readOnly, destructive, idempotent, openWorld]
    const READ = [true, false, true, false];
    const expected: Record<string, boolean[]> = {
      get_fleet_health: READ,
      list_situations: READ,
      get_model_signals: READ,
      list_models: READ,
      search_catalog: READ,
      list_decisions: READ,
      get_decision: READ,
      get_costs: READ,
      get_policy: READ,
      list_job_runs: READ,
      // A proposal records a decision and changes no model; proposing twice is not a no-op.
      propose_disable: [false, false, false, false],
      propose_enable: [false, false, false, false],
      // Rejecting a rejected decision changes nothing more.
      reject_decision: [false, false, true, false],
      // Executing changes the fleet; a second approval or revert of the same id does nothing.
      approve_decision: [false, true, true, false],
      revert_batch: [false, true, true, false],
      // Runs reach providers (open world) and each run is new work.
      run_operator: [false, true, false, true],
      probe_model: [false, true, false, true],
    };
    const seen: Record<string, boolean[]> = {};
    for (const tool of allTools) {
      const a = toolListing(tool).annotations!;
      seen[tool.name] = [a.readOnlyHint, a.destructiveHint, a.idempotentHint, a.openWorldHint].map((hint) => {
        expect(typeof hint, tool.name).toBe("boolean");
        return hint as boolean;
      });
    }
    expect(seen).toEqual(expected);
  });

  it("output schemas avoid multi-type nodes (portable to single-type clients)", () => {
    for (const tool of allTools)
      expect(JSON.stringify(toolListing(tool).outputSchema)).not.toMatch(/"type":\[/);
  });
});
