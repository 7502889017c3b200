import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor } from "../../src/policy/principal.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { httpClient, rawInitialize } from "../e2e/support/http-client.js";
import { call } from "../e2e/support/in-memory.js";

/**
 * A long HTTP session does not accumulate answered requests: the SDK's transport keeps one
 * response stream per POST in JSON mode unless the server releases it (releaseAnsweredStreams),
 * which bench:mcp saw as heap growth of about 20 KB per call.
 */
let t: TestDatabase;
let server: RunningHttpServer;
let token: string;

beforeAll(async () => {
  t = await openTestDatabase("mcp-http-streams");
  await seedSmallFleet(t.repos);
  const repo = t.repos.apiTokens;
  token = (await createToken(repo, "long-session", "agent", principalFor("root", "admin"), FLEET_NOW)).token;
  server = await startHttpServer(
    { config: t.config, logger: silentLogger, repos: t.repos, clock: () => FLEET_NOW },
    { host: "127.0.0.1", port: 0, readOnly: true },
  );
});

afterAll(async () => {
  await server?.close();
});

describe("HTTP session memory", () => {
  it("holds no response stream once its requests are answered, sequential or concurrent", async () => {
    const client = await httpClient(server.url, token, "long-session");
    for (let i = 0; i < 20; i++) {
      const r = await call(client, i % 2 ? "list_models" : "get_model_signals", {
        ...(i % 2 ? { limit: 5 } : { provider: "openai", model_id: "gpt-dead" }),
      });
      expect(r.isError, r.text).toBe(false);
    }
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call(client, "list_models", { limit: 2 })),
    );
    expect(results.every((r) => !r.isError)).toBe(true);
    expect(server.stats()).toEqual({ sessions: 1, heldStreams: 0 });
    await client.close();
  });
});

describe("shutdown with a client connected", () => {
  it("does not wait for a session's open event stream: it ends the stream and reports no request still running", async () => {
    const lines: string[] = [];
    const add = (m: string): void => void lines.push(m);
    const own = await startHttpServer(
      {
        config: t.config,
        logger: { debug: add, info: add, warn: add, error: add },
        repos: t.repos,
        clock: () => FLEET_NOW,
      },
      { host: "127.0.0.1", port: 0, readOnly: true },
    );
    // What an SDK client does after initialize: it opens the session's GET event stream and
    // keeps it open for the server's messages for as long as the session lives.
    const init = await rawInitialize(own.url, { authorization: `Bearer ${token}` });
    const headers = {
      authorization: `Bearer ${token}`,
      "mcp-session-id": init.headers.get("mcp-session-id")!,
      "mcp-protocol-version": "2025-11-25",
    };
    const initialized = await fetch(own.url, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
    });
    expect(initialized.status).toBe(202);
    const stream = await fetch(own.url, {
      method: "GET",
      headers: { ...headers, accept: "text/event-stream" },
    });
    expect(stream.status).toBe(200);

    await own.close({ graceMs: 1_000 });
    expect(lines.filter((l) => l.includes("still running"))).toEqual([]);
    // The stream was ended by the close, not left to the client.
    await expect(stream.text()).resolves.toBe("");
  });
});
