import { request } from "node:http";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor } from "../../src/policy/principal.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import { createToolServices, type ToolServices } from "../../src/tools/services.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { httpClient } from "../e2e/support/http-client.js";
import { call } from "../e2e/support/in-memory.js";

/**
 * The HTTP server answers initialize and tools/list before the tools' services have loaded
 * (`serve` passes them as a loader, so that its first answer waits only for the SDK and the token
 * check), loads them once on the first need, and a loader that fails is said in the call's answer.
 */
let t: TestDatabase;
let deps: Deps;
let token: string;
const servers: RunningHttpServer[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  t = await openTestDatabase("mcp-http-start");
  await seedSmallFleet(t.repos);
  token = (
    await createToken(t.repos.apiTokens, "starter", "operator", principalFor("root", "admin"), FLEET_NOW)
  ).token;
  deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => FLEET_NOW };
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await Promise.all(servers.map((s) => s.close()));
});

async function start(
  services: () => Promise<ToolServices>,
  // By default no load on a timer during the test: only a need loads the services.
  loadServicesAfterMs = 600_000,
): Promise<RunningHttpServer> {
  const server = await startHttpServer(deps, {
    host: "127.0.0.1",
    port: 0,
    readOnly: false,
    services,
    loadServicesAfterMs,
  });
  servers.push(server);
  return server;
}

async function connect(server: RunningHttpServer): Promise<Client> {
  const client = await httpClient(server.url, token, "start-test");
  clients.push(client);
  return client;
}

function get(url: string, path: string): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serving before the services load", () => {
  it("answers initialize without them, loads them once on the first need, and the calls then work", async () => {
    let loads = 0;
    const server = await start(() => {
      loads += 1;
      return Promise.resolve(createToolServices(deps));
    });
    const client = await connect(server);
    expect(loads).toBe(0);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("get_fleet_health");
    const health = await call(client, "get_fleet_health");
    expect(health.isError).toBe(false);
    expect(health.structured?.["totals"]).toMatchObject({ models: 7, enabled_models: 6 });
    // A second session and the console share the same services.
    const other = await connect(server);
    expect((await call(other, "list_situations")).isError).toBe(false);
    expect(await get(server.url, "/console")).toBeLessThan(500);
    expect(loads).toBe(1);
  });

  it("loads the console with its pages on the first console request", async () => {
    let loads = 0;
    const server = await start(() => {
      loads += 1;
      return Promise.resolve(createToolServices(deps));
    });
    const status = await get(server.url, "/console");
    // Not signed in: the console's own answer (sign-in or its redirect), not the MCP 404.
    expect([200, 302, 303]).toContain(status);
    expect(await get(server.url, "/elsewhere")).toBe(404);
    expect(loads).toBe(1);
  });

  it("loads them a while after listening when no request needed them, once", async () => {
    let loads = 0;
    const server = await start(() => {
      loads += 1;
      return Promise.resolve(createToolServices(deps));
    }, 50);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(loads).toBe(1);
    const client = await connect(server);
    expect((await call(client, "get_fleet_health")).isError).toBe(false);
    expect(loads).toBe(1);
  });

  it("says in the call's answer that the services failed to load, and the server keeps serving", async () => {
    const server = await start(() => Promise.reject(new Error("services broke while loading")));
    const client = await connect(server);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    const result = await call(client, "get_fleet_health");
    expect(result.isError).toBe(true);
    // An internal failure: the reference is in the answer, the loader's words only in the server log.
    expect(result.text).toMatch(/get_fleet_health failed with an internal error \(reference err_\w+/);
    expect(result.text).not.toContain("services broke");
    expect((await client.listTools()).tools.length).toBe(tools.length);
  });
});
