import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { PROVIDERS } from "../../src/config/settings.js";
import { words } from "../../test/helpers/fake-providers/corpus.js";
import { anthropicWire } from "../../test/helpers/fake-providers/wire/anthropic.js";
import { chatWire } from "../../test/helpers/fake-providers/wire/chat.js";
import { responsesWire } from "../../test/helpers/fake-providers/wire/responses.js";
import type { Frame, Wire } from "../../test/helpers/fake-providers/wire/types.js";
import type { SandboxFleet, SandboxRequest } from "./behaviour.js";
import { sandboxLlmAnswer } from "./llm.js";

/**
 * One HTTP server on 127.0.0.1 that speaks for every keyed provider of the demo fleet at
 * `/<provider>/v1` (Chat Completions, the Responses API and Anthropic Messages, streamed as each
 * provider streams them), answering as `SandboxFleet` decides; and, at OpenAI's address, the
 * sandbox's stand-in for the operator's LLM (a non-streaming call with an answer schema). Bedrock
 * and Vertex are left out: they need signed or OAuth requests, and stay "not configured".
 */
export const SANDBOX_PROVIDERS: readonly string[] = PROVIDERS.map((p) => p.id);
/** The key every sandbox provider accepts; any other is answered 401. */
export const SANDBOX_KEY = "sandbox-key-not-a-secret";

export interface SandboxLogEntry {
  provider: string;
  model: string;
  route: string;
  outcome: string;
}

export interface Sandbox {
  url: string;
  /** The environment that points every keyed provider, and the operator's LLM, at the sandbox. */
  env: Record<string, string>;
  log: SandboxLogEntry[];
  close(): Promise<void>;
}

const CHUNK_TOKENS = 50;

const ROUTES: { suffix: string; route: SandboxRequest["route"]; wire: Wire }[] = [
  { suffix: "/chat/completions", route: "chat", wire: chatWire },
  { suffix: "/responses", route: "responses", wire: responsesWire },
  { suffix: "/messages", route: "messages", wire: anthropicWire },
];

export async function startSandbox(fleet: SandboxFleet, opts: { port?: number } = {}): Promise<Sandbox> {
  const log: SandboxLogEntry[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    open.add(res);
    res.on("close", () => open.delete(res));
    handle(fleet, log, req, res).catch((error: unknown) => {
      process.stderr.write(`[sandbox] ${String(error)}\n`);
      if (!res.headersSent) json(res, 500, { error: { message: "sandbox failure" } });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env: Record<string, string> = {};
  for (const p of PROVIDERS) {
    env[`${p.prefix}_API_KEY`] = SANDBOX_KEY;
    env[`${p.prefix}_BASE_URL`] = `${url}/${p.id}/v1`;
  }
  return {
    url,
    env,
    log,
    async close() {
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(
  fleet: SandboxFleet,
  log: SandboxLogEntry[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sandbox");
  const provider = /^\/([a-z]+)\/v1\//.exec(url.pathname)?.[1] ?? "";
  const route = ROUTES.find((r) => url.pathname.endsWith(r.suffix));
  const body = parseJson(await readBody(req));
  if (
    req.method !== "POST" ||
    !route ||
    !SANDBOX_PROVIDERS.includes(provider) ||
    typeof body?.["model"] !== "string"
  ) {
    return json(res, 404, { error: { message: `no route for ${req.method} ${url.pathname}` } });
  }
  const model = body["model"];
  const entry: SandboxLogEntry = { provider, model, route: route.route, outcome: "" };
  log.push(entry);
  if (keyOf(req) !== SANDBOX_KEY) {
    const error = route.wire.httpError("auth", { model, apiKey: keyOf(req) });
    entry.outcome = `http_${error.status}`;
    res.writeHead(error.status, error.headers);
    res.end(error.body);
    return;
  }
  if (provider === "openai" && route.route === "chat" && body["stream"] !== true) {
    entry.outcome = "llm";
    return llm(res, body);
  }
  const answer = fleet.answer({ provider, model, route: route.route, maxOutputTokens: maxTokens(body) });
  entry.outcome = answer.type === "error" ? `http_${answer.status}` : answer.type;
  switch (answer.type) {
    case "error":
      return json(res, answer.status, answer.body);
    case "hang":
      return new Promise((resolve) => res.on("close", resolve));
    case "drop":
      res.destroy();
      return;
    case "stream":
      return streamAnswer(
        res,
        route.wire,
        model,
        Math.min(maxTokens(body) ?? 1000, 8000),
        answer.reasoningOnly,
      );
  }
}

/**
 * The whole output budget the request asked for (a benchmark profile's band is around it), in
 * chunks of 50 tokens 5 ms apart, finishing with `length`; only reasoning when the budget runs out.
 */
async function streamAnswer(
  res: http.ServerResponse,
  wire: Wire,
  model: string,
  tokens: number,
  reasoningOnly: boolean,
): Promise<void> {
  res.writeHead(200, { "content-type": wire.contentType, "cache-control": "no-cache" });
  const encoder = wire.encoder(model);
  const write = (frames: Frame[]) => {
    for (const f of frames) res.write(f);
  };
  write(encoder.start());
  for (let sent = 0; sent < tokens; sent += CHUNK_TOKENS) {
    await sleep(5);
    if (res.destroyed) return;
    const n = Math.min(CHUNK_TOKENS, tokens - sent);
    write(encoder.text(reasoningOnly ? "reasoning" : "answer", words(n, sent)));
  }
  write(encoder.end("length", { input: 25, output: tokens, reasoning: reasoningOnly ? tokens : 0 }, "end"));
  res.end();
}

function llm(res: http.ServerResponse, body: Record<string, unknown>): void {
  const messages = Array.isArray(body["messages"])
    ? (body["messages"] as { role?: string; content?: unknown }[])
    : [];
  const text = (role: string) =>
    messages
      .filter((m) => m.role === role)
      .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))
      .join("\n");
  const format = body["response_format"] as
    { json_schema?: { schema?: Record<string, unknown> } } | undefined;
  const answer = sandboxLlmAnswer({
    system: text("system") || text("developer"),
    user: text("user"),
    schema: format?.json_schema?.schema ?? {},
  });
  const content = JSON.stringify(answer);
  json(res, 200, {
    id: "chatcmpl-sandbox",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body["model"],
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: {
      prompt_tokens: Math.ceil(JSON.stringify(body).length / 4),
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: Math.ceil((JSON.stringify(body).length + content.length) / 4),
    },
  });
}

function maxTokens(body: Record<string, unknown>): number | null {
  for (const k of ["max_tokens", "max_completion_tokens", "max_output_tokens"]) {
    if (typeof body[k] === "number") return body[k];
  }
  return null;
}

function keyOf(req: http.IncomingMessage): string | null {
  const auth = req.headers["authorization"];
  if (typeof auth === "string" && auth.startsWith("Bearer ")) return auth.slice("Bearer ".length);
  const key = req.headers["x-api-key"];
  return typeof key === "string" ? key : null;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
