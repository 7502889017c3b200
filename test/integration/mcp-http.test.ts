import { request } from "node:http";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken, revokeToken } from "../../src/auth/tokens.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor } from "../../src/policy/principal.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import { allTools } from "../../src/tools/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { httpClient, rawInitialize } from "../e2e/support/http-client.js";
import { call } from "../e2e/support/in-memory.js";

/**
 * Streamable HTTP end to end: bearer auth, Host/Origin checks, the role matrix, human approval
 * with an operator token, exactly-once execution under concurrent approvals, read-only mode.
 */
let t: TestDatabase;
let server: RunningHttpServer;
let readOnly: RunningHttpServer;
const tokens: Record<string, string> = {};
const admin = principalFor("root", "admin");

beforeAll(async () => {
  t = await openTestDatabase("mcp-http");
  await seedSmallFleet(t.repos);
  const repo = t.repos.apiTokens;
  for (const [name, role] of [
    ["triage-bot", "agent"],
    ["alice", "operator"],
    ["bob", "operator"],
    ["victor", "viewer"],
    ["revoked-bot", "agent"],
  ] as const) {
    tokens[name] = (await createToken(repo, name, role, admin, FLEET_NOW)).token;
  }
  await revokeToken(repo, "revoked-bot", admin, FLEET_NOW);
  const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => FLEET_NOW };
  server = await startHttpServer(deps, {
    host: "127.0.0.1",
    port: 0,
    readOnly: false,
    healthz: () => Promise.resolve({ ok: true, body: { status: "ok" } }),
  });
  readOnly = await startHttpServer(deps, { host: "127.0.0.1", port: 0, readOnly: true });
});

afterAll(async () => {
  await server?.close();
  await readOnly?.close();
});

const clients: Client[] = [];
async function as(name: string, url = server.url): Promise<Client> {
  const c = await httpClient(url, tokens[name]!, `client-of-${name}`);
  clients.push(c);
  return c;
}
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
});

async function rawRequest(
  url: string,
  headers: Record<string, string>,
  path = "/mcp",
  method = "POST",
): Promise<number> {
  return (await rawExchange(url, headers, path, method)).status;
}

/** node:http, as fetch may not set the Host header. */
function rawExchange(
  url: string,
  headers: Record<string, string>,
  path = "/mcp",
  method = "POST",
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

describe("authentication and request checks", () => {
  it("no token, a wrong token and a revoked token get 401 with WWW-Authenticate", async () => {
    const none = await rawInitialize(server.url, {});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await rawInitialize(server.url, { authorization: "Bearer bo_not-a-real-token" })).status).toBe(
      401,
    );
    expect(JSON.parse(none.body).message).toMatch(/^A bearer token is required: Authorization: Bearer/);
    const revoked = await rawInitialize(server.url, { authorization: `Bearer ${tokens["revoked-bot"]}` });
    expect(revoked.status).toBe(401);
    // A token sent and refused: unknown to this database (made for another one?) or revoked.
    expect(JSON.parse(revoked.body).message).toMatch(
      /^This bearer token is not valid here: .* revoked\. Tokens belong to one database: .*tokens list/,
    );
    expect(
      (await rawInitialize(server.url, { authorization: `Bearer ${tokens["triage-bot"]}` })).status,
    ).toBe(200);
  });

  it("a foreign Host header or browser Origin is refused before authentication (DNS rebinding)", async () => {
    const port = new URL(server.url).port;
    const auth = { authorization: `Bearer ${tokens["alice"]}`, "content-type": "application/json" };
    expect(await rawRequest(server.url, { ...auth, host: `evil.example:${port}` })).toBe(403);
    expect(
      await rawRequest(server.url, { ...auth, host: `localhost:${port}`, origin: "http://evil.example" }),
    ).toBe(403);
    const ok = await rawInitialize(server.url, {
      authorization: `Bearer ${tokens["alice"]}`,
      origin: `http://localhost:${port}`,
    });
    expect(ok.status).toBe(200);
  });

  it("the refusal names the header refused and, for a Host, the flag that accepts it", async () => {
    const port = new URL(server.url).port;
    const auth = { authorization: `Bearer ${tokens["alice"]}`, "content-type": "application/json" };
    const host = await rawExchange(server.url, { ...auth, host: `host.docker.internal:${port}` });
    expect(host.status).toBe(403);
    expect(JSON.parse(host.body).message).toBe(
      `Host "host.docker.internal:${port}" is not a name this server answers to (DNS-rebinding protection). ` +
        `If clients reach it by that name (through a proxy, a container's gateway or another address), start it with ` +
        `\`bench-operator serve --allowed-host host.docker.internal:${port}\`.`,
    );
    const origin = await rawExchange(server.url, {
      ...auth,
      host: `localhost:${port}`,
      origin: "http://evil.example",
    });
    expect(origin.status).toBe(403);
    expect(JSON.parse(origin.body).message).toBe(
      'Origin "http://evil.example" is not this server (DNS-rebinding protection): a page of another site may not call it.',
    );
  });

  it("a GET without a session (an HTTP+SSE client) is told the transport this server speaks", async () => {
    const res = await fetch(server.url, {
      headers: { authorization: `Bearer ${tokens["triage-bot"]}`, accept: "text/event-stream" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /This server speaks Streamable HTTP: POST an initialize request to \/mcp first; the older HTTP\+SSE transport .* is not served\./,
    );
  });

  it("a session belongs to the principal that opened it", async () => {
    const init = await rawInitialize(server.url, { authorization: `Bearer ${tokens["triage-bot"]}` });
    const sessionId = init.headers.get("mcp-session-id")!;
    expect(sessionId).toBeTruthy();
    const status = await rawRequest(server.url, {
      authorization: `Bearer ${tokens["alice"]}`,
      "mcp-session-id": sessionId,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    });
    expect(status).toBe(403);
  });

  it("serves /healthz to loopback callers without a token", async () => {
    const res = await fetch(server.url.replace("/mcp", "/healthz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("the role matrix", () => {
  it("viewer: read tools only; a write tool called anyway is refused", async () => {
    const viewer = await as("victor");
    const { tools } = await viewer.listTools();
    expect(tools.every((tool) => tool.annotations?.readOnlyHint)).toBe(true);
    expect((await call(viewer, "get_fleet_health")).isError).toBe(false);
    const r = await call(viewer, "propose_disable", {
      targets: [{ provider: "openai", model_id: "gpt-dead" }],
      reason: "looks dead to me",
    });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/viewer role may only use read tools/);
  });

  it("agent proposes, cannot approve its own proposal; operator approval executes through HTTP", async () => {
    const agent = await as("triage-bot");
    const p = (
      await call(agent, "propose_disable", {
        targets: [{ provider: "openai", model_id: "gpt-dead" }],
        reason: "404 for 72 hours, never succeeded",
      })
    ).structured as { decision_id: string; status: string };
    expect(p.status).toBe("pending");
    const self = await call(agent, "approve_decision", { decision_id: p.decision_id });
    expect(self.isError).toBe(true);
    expect(self.text).toContain(`bench-operator decisions approve ${p.decision_id}`);
    // The console page it names is served here, on the listener of /mcp (a sign-in first).
    const page = `/console/decisions/${p.decision_id} on this server (the address you reach /mcp at)`;
    expect(self.text).toContain(`A human approves it on its console page, ${page}`);
    const proposed = (p as unknown as { next_step: string }).next_step;
    expect(proposed).toContain(page);
    const served = await fetch(server.url.replace("/mcp", `/console/decisions/${p.decision_id}`), {
      redirect: "manual",
    });
    expect([200, 303]).toContain(served.status);
    expect(served.headers.get("location") ?? "").not.toMatch(/not.found/);
    const realRun = await call(agent, "run_operator", { dry_run: false });
    expect(realRun.isError).toBe(true);

    const alice = await as("alice");
    const ok = await call(alice, "approve_decision", { decision_id: p.decision_id });
    expect(ok.isError, ok.text).toBe(false);
    expect(ok.structured).toMatchObject({
      status: "executed",
      approved_by: "alice",
      approval_channel: "mcp-http",
    });
    expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(false);
    const audit = await t.db
      .collection("tool_calls")
      .findOne({ tool: "approve_decision", "principal.name": "alice" });
    expect(audit).toMatchObject({
      transport: "http",
      client: { name: "client-of-alice", version: "9.9.9" },
      outcome: "ok",
    });
    expect(audit?.["session_id"]).toBeTypeOf("string");

    // The agent asking again once a person approved it is told that, not to fetch a person.
    const batch = (ok.structured as { batch: { batch_id: string } }).batch.batch_id;
    const again = await call(agent, "approve_decision", { decision_id: p.decision_id });
    expect(again.isError).toBe(true);
    expect(again.text).toContain(`it waits for no approval: it is executed by alice in batch ${batch}`);
    expect(again.text).toContain(`get_decision {"decision_id": "${p.decision_id}"}`);
    expect(again.text).not.toContain("decisions approve");

    const undone = await call(alice, "revert_batch", { batch_id: batch });
    expect(undone.isError, undone.text).toBe(false);
    expect((await t.repos.models.get({ provider: "openai", model_id: "gpt-dead" }))?.enabled).toBe(true);
    const revertId = (undone.structured as { revert_batch_id: string }).revert_batch_id;
    const agentRevert = await call(agent, "revert_batch", { batch_id: batch });
    expect(agentRevert.isError).toBe(true);
    expect(agentRevert.text).toContain(
      `there is nothing to revert: it was reverted by alice at ${FLEET_NOW.toISOString()} in ${revertId}`,
    );
    expect(agentRevert.text).not.toContain("batches revert");
  });

  it("with CONSOLE_PUBLIC_URL set, a refusal names the decision's page at that address", async () => {
    const withUrl = await startHttpServer(
      {
        config: { ...t.config, email: { ...t.config.email, consoleUrl: "https://bench.example.com/" } },
        logger: silentLogger,
        repos: t.repos,
        clock: () => FLEET_NOW,
      },
      { host: "127.0.0.1", port: 0, readOnly: false },
    );
    try {
      const agent = await as("triage-bot", withUrl.url);
      const p = (
        await call(agent, "propose_enable", {
          targets: [{ provider: "groq", model_id: "llama-old" }],
          reason: "the provider lists it again",
        })
      ).structured as { decision_id: string; next_step: string };
      expect(p.next_step).toContain(
        `A human approves it on its console page, https://bench.example.com/console/decisions/${p.decision_id}, signed in`,
      );
    } finally {
      await withUrl.close();
    }
  });

  it("two operators approving at the same moment execute once: one batch, the same result for both", async () => {
    const agent = await as("triage-bot");
    const p = (
      await call(agent, "propose_disable", {
        targets: [{ provider: "together", model_id: "mixtral-inj" }],
        reason: "404 model not found for two days",
      })
    ).structured as { decision_id: string };
    const [alice, bob] = await Promise.all([as("alice"), as("bob")]);
    const results = await Promise.all([
      call(alice, "approve_decision", { decision_id: p.decision_id }),
      call(bob, "approve_decision", { decision_id: p.decision_id }),
    ]);
    for (const r of results) expect(r.isError, r.text).toBe(false);
    expect(await t.db.collection("mutation_batches").countDocuments({ decision_ids: p.decision_id })).toBe(1);
    const executedBy = results.filter(
      (r) => (r.structured as { already_done: boolean }).already_done === false,
    );
    expect(executedBy).toHaveLength(1);
    expect((await t.repos.decisions.get(p.decision_id))?.status).toBe("executed");
  });
});

describe("read-only mode", () => {
  it("removes write tools from the list and refuses them when called", async () => {
    const alice = await as("alice", readOnly.url);
    const { tools } = await alice.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain("propose_disable");
    expect(alice.getInstructions()).toMatch(/READ-ONLY/);
    const r = await call(alice, "propose_disable", {
      targets: [{ provider: "openai", model_id: "gpt-dead" }],
      reason: "should not be possible",
    });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/read-only/);
    expect((await call(alice, "list_situations")).isError).toBe(false);
  });

  it("its instructions name only the tools it lists (a viewer's too)", async () => {
    for (const client of [await as("alice", readOnly.url), await as("victor")]) {
      const listed = new Set((await client.listTools()).tools.map((tool) => tool.name));
      const named = allTools.map((tool) => tool.name).filter((n) => client.getInstructions()?.includes(n));
      expect(named.filter((n) => !listed.has(n))).toEqual([]);
      expect(named).toContain("get_fleet_health");
    }
  });
});

describe("the console page an answer names", () => {
  it("asks a person who is not signed in to sign in, then returns them to it", async () => {
    const agent = await as("triage-bot");
    const p = (
      await call(agent, "propose_disable", {
        targets: [{ provider: "anthropic", model_id: "claude-busy" }],
        reason: "walk: a page to hand to a person",
        override: "the person decides from the page",
      })
    ).structured as { decision_id: string };
    const origin = new URL(server.url).origin;
    const pagePath = `/console/decisions/${p.decision_id}`;
    const first = await fetch(`${origin}${pagePath}`, { redirect: "manual" });
    expect(first.status).toBe(303);
    const signInAt = first.headers.get("location")!;
    expect(signInAt).toBe(`/console/sign-in?next=${encodeURIComponent(pagePath)}`);

    const form = await fetch(`${origin}${signInAt}`);
    const pre = /bo_console_pre=([^;]+)/.exec(form.headers.get("set-cookie") ?? "")![1]!;
    const html = await form.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    expect(html).toContain(`name="next" value="${pagePath}"`);
    const signIn = (next: string) =>
      fetch(`${origin}/console/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { origin, cookie: `bo_console_pre=${pre}` },
        body: new URLSearchParams({ csrf, token: tokens["alice"]!, next }),
      });
    const back = await signIn(pagePath);
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(pagePath);
    // Any console page a person asked for, a model's too (its id percent-encoded)...
    for (const page of [
      "/console/jobs",
      "/console/models/fireworks/accounts%2Ffireworks%2Fmodels%2Fdeepseek-v3",
    ])
      expect((await signIn(page)).headers.get("location"), page).toBe(page);
    // ...and nothing off the console, out of it, or back to sign-in: those land on the decisions list.
    for (const elsewhere of [
      "https://evil.example/",
      "//evil.example/console",
      "/console/../mcp",
      "/console/%2e%2e/mcp",
      "/console/models/.%2E/../mcp",
      "/console//evil.example",
      "/console/sign-in",
      "/console/link/abc",
      "/console/jobs?next=//evil.example",
      "/mcp",
    ]) {
      expect((await signIn(elsewhere)).headers.get("location"), elsewhere).toBe("/console/decisions");
    }
  });
});

describe("instructions", () => {
  it("say who the session is in words", async () => {
    expect((await as("triage-bot")).getInstructions()).toContain(
      "You are connected as triage-bot, an agent with the agent role.",
    );
    expect((await as("alice")).getInstructions()).toContain(
      "You are connected as alice, a person with the operator role.",
    );
  });
});
