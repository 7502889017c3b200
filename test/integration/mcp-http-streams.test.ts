import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor } from "../../src/policy/principal.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { httpClient } from "../e2e/support/http-client.js";
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
