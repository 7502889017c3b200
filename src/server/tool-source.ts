import type { Tool as ToolListing } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { OperationType, Tool } from "../tools/tool.js";
import { portableSchema } from "./portable-schema.js";

/** One tools/list entry, with the operation type the role table filters it by. */
export interface ListedTool {
  operation: OperationType;
  listing: ToolListing;
}

/**
 * The tools a session offers: what tools/list shows, and the tools themselves for calls. The
 * listings can come without the tools (src/tools/listings.ts, written from them ahead of time),
 * so that a session answers tools/list before the tools' modules and services have loaded.
 */
export interface ToolSource {
  /** In the order tools/list shows them. */
  listings: readonly ListedTool[];
  /** The tools by name; loads them on the first call (later calls share the same promise). */
  tools(): Promise<ReadonlyMap<string, Tool>>;
}

const listings = new WeakMap<Tool, ToolListing>();

/** The tools/list entry, converted from the zod schemas once per process. */
export function toolListing(tool: Tool): ToolListing {
  let listing = listings.get(tool);
  if (!listing) {
    const schema = (s: z.ZodObject, io: "input" | "output") =>
      portableSchema(
        z.toJSONSchema(s, { target: "draft-7", io, unrepresentable: "any" }),
      ) as ToolListing["inputSchema"];
    listing = {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: schema(tool.inputSchema, "input"),
      outputSchema: schema(tool.outputSchema, "output"),
      annotations: { title: tool.title, ...tool.annotations },
    };
    listings.set(tool, listing);
  }
  return listing;
}

/** A source over tools already loaded (tests pass a few). */
export function loadedTools(tools: readonly Tool[]): ToolSource {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return {
    listings: tools.map((t) => ({ operation: t.operation, listing: toolListing(t) })),
    tools: () => Promise.resolve(byName),
  };
}

/**
 * Every tool, listed from the listings written ahead of time and loaded on first use:
 * src/tools/index.ts and what it imports (the services behind the tools) stay off the start.
 */
export function lazyTools(listed: readonly ListedTool[], load: () => Promise<readonly Tool[]>): ToolSource {
  let loading: Promise<ReadonlyMap<string, Tool>> | undefined;
  return {
    listings: listed,
    tools: () => (loading ??= load().then((tools) => new Map(tools.map((t) => [t.name, t])))),
  };
}
