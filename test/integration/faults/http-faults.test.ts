import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../src/auth/tokens.js";
import type { Deps } from "../../../src/deps.js";
import { silentLogger } from "../../../src/logger.js";
import { principalFor } from "../../../src/policy/principal.js";
import { startHttpServer, type RunningHttpServer } from "../../../src/server/http.js";
import { openTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { startFaultDb, type FaultDb } from "../../helpers/fault-db.js";
import { rawInitialize } from "../../e2e/support/http-client.js";

const admin = principalFor("root", "admin");

describe("fair sessions (issue 16, failure 4)", () => {
  let t: TestDatabase;
  let server: RunningHttpServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await openTestDatabase("http-sessions");
    const now = new Date();
    for (const [name, role] of [
      ["v1", "viewer"],
      ["v2", "viewer"],
      ["boss", "admin"],
    ] as const)
      tokens[name] = (await createToken(t.repos.apiTokens, name, role, admin, now)).token;
    const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => new Date() };
    server = await startHttpServer(deps, {
      host: "127.0.0.1",
      port: 0,
      readOnly: false,
      maxSessions: 3,
      maxSessionsPerToken: 2,
    });
  });
  afterAll(async () => server?.close());

  const open = (name: string) => rawInitialize(server.url, { authorization: `Bearer ${tokens[name]}` });

  it("caps each token, and the global cap never locks an admin out", async () => {
    expect((await open("v1")).status).toBe(200);
    expect((await open("v1")).status).toBe(200);
    const third = await open("v1");
    expect(third.status).toBe(503);
    expect(third.body).toMatch(/most one token may hold/);
    expect((await open("v2")).status).toBe(200);
    // Three non-admin sessions: the global cap is reached for everyone but admins.
    const fourth = await open("v2");
    expect(fourth.status).toBe(503);
    expect(fourth.body).toMatch(/Too many open sessions/);
    expect((await open("boss")).status).toBe(200);
    expect(server.stats().sessions).toBe(4);
  });
});

describe("the database lost while serving HTTP (issue 16, failure 7)", () => {
  let fdb: FaultDb;
  beforeAll(async () => {
    fdb = await startFaultDb();
  });
  afterAll(async () => fdb?.stop());

  it("answers 503 with Retry-After, not a bare 500, and serves again once it is back", async () => {
    const s = await fdb.open("http_outage");
    const token = (await createToken(s.repos.apiTokens, "v", "viewer", admin, new Date())).token;
    const deps: Deps = { config: s.config, logger: silentLogger, repos: s.repos, clock: () => new Date() };
    const server = await startHttpServer(deps, { host: "127.0.0.1", port: 0, readOnly: true });
    try {
      await fdb.kill();
      const down = await rawInitialize(server.url, { authorization: `Bearer ${token}` });
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("15");
      expect(JSON.parse(down.body)).toMatchObject({ error: "database_unavailable" });
      await fdb.restart();
      await expect
        .poll(async () => (await rawInitialize(server.url, { authorization: `Bearer ${token}` })).status, {
          timeout: 20_000,
        })
        .toBe(200);
    } finally {
      await server.close();
      await s.close();
    }
  }, 60_000);
});
