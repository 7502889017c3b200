import { PassThrough } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { createToken } from "../../src/auth/tokens.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import { principalFor, type Principal } from "../../src/policy/principal.js";
import type { ServerShared } from "../../src/server/create-mcp-server.js";
import { serveStdio } from "../../src/server/stdio.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import { createToolServices } from "../../src/tools/services.js";
import { propose } from "../../src/decisions/service.js";
import type { Repositories } from "../../src/storage/repositories.js";
import { FLEET_NOW, seedSmallFleet } from "../e2e/support/fleet.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { call, connect } from "../e2e/support/in-memory.js";

/** Debian's Chromium, headless, driven by playwright-core (no browser download). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** A page's text on one line: the console's HTML breaks sentences across lines. */
export const flat = (text: string | null): string => (text ?? "").replace(/\s+/g, " ");

/**
 * With CONSOLE_SCREENSHOTS=<dir>, saves the page as <dir>/<name>.png (how README's screenshots are
 * rendered); otherwise does nothing.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const shots = process.env["CONSOLE_SCREENSHOTS"];
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

export interface ConsoleFixture {
  shared: ServerShared;
  http: RunningHttpServer;
  /** e.g. http://127.0.0.1:PORT */
  origin: string;
  tokens: { operator: string; viewer: string; agent: string };
}

/** `serve`'s HTTP listener (MCP and the console) over the test database, with people's tokens. */
export async function startConsole(t: TestDatabase, now: Date): Promise<ConsoleFixture> {
  const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock: () => now };
  const shared: ServerShared = { deps, services: createToolServices(deps), audit: t.repos.toolCalls };
  const http = await startHttpServer(deps, {
    host: "127.0.0.1",
    port: 0,
    readOnly: false,
    services: shared.services,
  });
  const admin = principalFor("root", "admin");
  const make = async (name: string, role: "operator" | "viewer" | "agent"): Promise<string> =>
    (await createToken(t.repos.apiTokens, name, role, admin, now)).token;
  return {
    shared,
    http,
    origin: new URL(http.url).origin,
    tokens: {
      operator: await make("olivia", "operator"),
      viewer: await make("vera", "viewer"),
      agent: await make("bot", "agent"),
    },
  };
}

export async function signIn(page: Page, origin: string, token: string): Promise<void> {
  await page.goto(`${origin}/console/decisions`);
  await expect.poll(() => page.url()).toContain("/console/sign-in");
  await page.getByLabel(/Your bearer token/).fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/console\/decisions$/);
}

/**
 * Signs in over plain HTTP as the sign-in form does (its double-submitted CSRF, the Origin check):
 * returns the session cookie, for tests that read and post console pages without a browser.
 */
export async function httpSignIn(origin: string, token: string): Promise<string> {
  const form = await fetch(`${origin}/console/sign-in`);
  const pre = /bo_console_pre=([^;]+)/.exec(form.headers.get("set-cookie") ?? "")![1]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${origin}/console/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, cookie: `bo_console_pre=${pre}` },
    body: new URLSearchParams({ csrf, token }),
  });
  expect(res.status).toBe(303);
  return /bo_console=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![0];
}

/** Posts a console page's form (its CSRF field read from `page`, the HTML it is on) with `fields`. */
export async function httpPostForm(
  origin: string,
  cookie: string,
  page: string,
  path: string,
  fields: Record<string, string>,
): Promise<Response> {
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
  return fetch(`${origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, cookie },
    body: new URLSearchParams({ csrf, ...fields }),
  });
}

/** An agent proposes a disable that the policy leaves to a person; returns the decision id. */
export async function proposeDisable(shared: ServerShared, provider: string, model: string): Promise<string> {
  const agent = await connect(shared, { name: "triage-bot", role: "agent" });
  const r = await call(agent, "propose_disable", {
    targets: [{ provider, model_id: model }],
    reason: `404 model_not_found on ${model} for days`,
  });
  expect(r.isError, r.text).toBe(false);
  const id = (r.structured as { decision_id: string; status: string }).decision_id;
  await agent.close();
  return id;
}

/**
 * Claude Desktop as far as approvals go: a stdio MCP session of a human operator whose client
 * declares no elicitation. The server's `openBrowser` is the test's hook: it receives the link.
 */
export async function desktopSession(
  shared: ServerShared,
  principal: Principal,
  openBrowser: (url: string) => Promise<boolean>,
  opts: { candidates?: readonly string[]; onUrlElicitation?: (url: string) => void } = {},
): Promise<{ client: Client; stop: () => Promise<void> }> {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const abort = new AbortController();
  const serving = serveStdio(shared, {
    principal,
    readOnly: false,
    stdin: toServer,
    stdout: fromServer,
    logger: silentLogger,
    signal: abort.signal,
    console: { candidates: opts.candidates ?? [], openBrowser },
  });
  const onUrl = opts.onUrlElicitation;
  const client = new Client(
    { name: "claude-desktop-like", version: "0.0.1" },
    { capabilities: onUrl ? { elicitation: { url: {} } } : {} },
  );
  if (onUrl)
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      if (request.params.mode === "url") onUrl(request.params.url);
      return { action: "accept" };
    });
  await client.connect(new StdioServerTransport(fromServer, toServer));
  return {
    client,
    stop: async () => {
      await client.close();
      abort.abort();
      await serving;
    },
  };
}

/** The classifier's monitor of claude-busy (seedSmallFleet); pending for a person when `waitFor` says why. */
export function proposeMonitor(repos: Repositories, waitFor?: string) {
  return propose(
    repos,
    {
      action: "monitor",
      targets: [{ provider: "anthropic", model_id: "claude-busy" }],
      confidence: 0.8,
      reasoning: "rate_limit is transient: keep measuring",
      proposer: { kind: "classifier", name: "deterministic-classifier" },
      ...(waitFor ? { waitFor } : {}),
    },
    principalFor("triage-bot", "agent"),
    { now: FLEET_NOW },
    FLEET_NOW,
  );
}

export interface SmallFleetConsole {
  t: TestDatabase;
  f: ConsoleFixture;
  browser: Browser;
}

/**
 * A test file's console on its own database seeded with seedSmallFleet, and a Chromium: made before
 * the file's tests, closed after them. Read its fields inside tests (they are set in beforeAll).
 */
export function smallFleetConsole(
  name: string,
  /** The database's settings (SMTP_HOST, ...), read when it is opened. */
  env: () => Record<string, string> = () => ({}),
): SmallFleetConsole {
  const s = {} as SmallFleetConsole;
  beforeAll(async () => {
    s.t = await openTestDatabase(name, env());
    await seedSmallFleet(s.t.repos);
    s.f = await startConsole(s.t, FLEET_NOW);
    s.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await s.browser?.close();
    await s.f?.http.close();
  });
  return s;
}
