import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { Deps } from "../../../src/deps.js";
import { silentLogger } from "../../../src/logger.js";
import { principalFor, type Role } from "../../../src/policy/principal.js";
import {
  createMcpServer,
  type McpSessionOptions,
  type ServerShared,
} from "../../../src/server/create-mcp-server.js";
import { createToolServices } from "../../../src/tools/services.js";
import type { TestDatabase } from "../../helpers/database.js";

/** A server process's shared parts over a test database, with a fixed clock. */
export function sharedFor(t: TestDatabase, now: Date): Promise<ServerShared> {
  const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => now };
  return Promise.resolve({ deps, services: createToolServices(deps), audit: t.repos.toolCalls });
}

export interface ClientOptions extends Partial<McpSessionOptions> {
  name?: string;
  role?: Role;
  /** Declare form elicitation and answer every question with this. */
  elicit?: (message: string) => ElicitResult;
}

/** A real SDK client connected in-process to a fresh server session. */
export async function connect(
  shared: ServerShared | Promise<ServerShared>,
  opts: ClientOptions = {},
): Promise<Client> {
  const principal = opts.principal ?? principalFor(opts.name ?? "test-agent", opts.role ?? "agent");
  const server = createMcpServer(shared, {
    transport: "memory",
    readOnly: false,
    // A session whose shared parts are still on their way needs its own logger.
    ...(shared instanceof Promise ? { logger: silentLogger } : {}),
    ...opts,
    principal,
  });
  const client = new Client(
    { name: "vitest-client", version: "1.2.3" },
    { capabilities: opts.elicit ? { elicitation: { form: {} } } : {} },
  );
  if (opts.elicit) {
    const answer = opts.elicit;
    client.setRequestHandler(ElicitRequestSchema, (request) => answer(request.params.message));
  }
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

/** Calls a tool; returns the result with its text parsed. */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<{
  isError: boolean;
  text: string;
  json: unknown;
  structured: Record<string, unknown> | undefined;
}> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = result.content[0];
  const text = first && first.type === "text" ? first.text : "";
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { isError: result.isError === true, text, json, structured: result.structuredContent };
}
