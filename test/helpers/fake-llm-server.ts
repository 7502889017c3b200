import { createServer, type IncomingHttpHeaders } from "node:http";
import { createServer as createHttp2Server, type Http2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import type { Readable } from "node:stream";

/**
 * A fake LLM provider over real HTTP on 127.0.0.1 (free ports). It speaks two wire formats:
 *
 * - OpenAI Chat Completions, non-streaming, over HTTP/1.1 at `url`: `POST …/chat/completions` (so
 *   `openaiBaseUrl`, or any base URL on it such as `${url}/openai/v1`, works for OpenAI and
 *   OpenAI-compatible clients);
 * - Bedrock Converse, over cleartext HTTP/2 at `bedrockUrl` (the AWS SDK's Bedrock runtime client
 *   only speaks HTTP/2): `POST /model/{modelId}/converse`; set `BEDROCK_ENDPOINT_URL` to it and give
 *   the client `fakeBedrockCredentials`.
 *
 * Every request is recorded in `requests` (parsed body, the system and user text, the JSON schema
 * it asked for, the situation ids it asked about), so tests can assert on what was sent. Replies
 * are scripted by a function of the request; change it between calls with `setScript`.
 *
 * ```ts
 * const fake = await startFakeLlmServer(answerEvery("monitor", 0.7));
 * fake.setScript(() => ({ kind: "error", status: 500 }));
 * fake.setScript(() => ({ kind: "text", text: 'Sure! {"verdicts": [' }));   // truncated
 * fake.setScript(() => ({ kind: "hang" }));                                   // until the client gives up
 * await fake.close();
 * ```
 */

export type FakeLlmApi = "openai" | "bedrock";

export interface FakeLlmRequest {
  api: FakeLlmApi;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (the raw text if it did not parse). */
  body: unknown;
  /** `model` from the body (OpenAI) or the decoded model id in the path (Bedrock). */
  model: string;
  /** System text, joined. */
  system: string;
  /** User text, joined. */
  user: string;
  /** The answer schema sent: `response_format.json_schema.schema` or the Bedrock tool's input schema. */
  jsonSchema: unknown;
  /** Bedrock: the name of the tool the request forces, if any; the `answer` reply calls it. */
  toolName?: string;
  /** Ids asked about: the schema's `situation_id` enum, else the `## <id>` headings of the prompt. */
  situationIds: string[];
  /** True once the client closed the connection before the reply was complete (a timeout). */
  aborted: boolean;
}

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
}

export type FakeLlmReply =
  /** A well-formed reply carrying `answer` as JSON: message content, or a Bedrock tool call when a tool was forced. */
  | { kind: "answer"; answer: unknown; usage?: FakeUsage; finishReason?: string }
  /** Raw answer text, exactly as given: prose, fences, truncated JSON, nothing. */
  | { kind: "text"; text: string; usage?: FakeUsage; finishReason?: string }
  /** An HTTP error in the API's own error format. */
  | { kind: "error"; status: number; message?: string }
  /** No reply at all; the connection stays open until the client gives up. */
  | { kind: "hang" };

export type FakeLlmScript = (request: FakeLlmRequest) => FakeLlmReply | Promise<FakeLlmReply>;

export interface FakeLlmServer {
  /** `http://127.0.0.1:<port>`, HTTP/1.1: OpenAI and OpenAI-compatible routes. */
  url: string;
  /** `http://127.0.0.1:<port>`, HTTP/2 without TLS: the Bedrock endpoint override. */
  bedrockUrl: string;
  /** `<url>/v1`: the base URL for OpenAI and OpenAI-compatible clients. */
  openaiBaseUrl: string;
  /** Every request received, in order. */
  requests: FakeLlmRequest[];
  setScript(script: FakeLlmScript): void;
  close(): Promise<void>;
}

/** Static credentials for a Bedrock client aimed at the fake (it does not check signatures). */
export const fakeBedrockCredentials = { accessKeyId: "AKIDFAKEFAKEFAKE", secretAccessKey: "fake-secret" };

/** A script that answers every situation asked about with the same verdict. */
export function answerEvery(
  action: string,
  confidence: number,
  reasoning = "scripted verdict",
): FakeLlmScript {
  return (request) => ({
    kind: "answer",
    answer: verdictsFor(request.situationIds, action, confidence, reasoning),
  });
}

/** `{"verdicts": [...]}` with one verdict per id. */
export function verdictsFor(
  ids: readonly string[],
  action: string,
  confidence: number,
  reasoning = "scripted verdict",
): { verdicts: { situation_id: string; reasoning: string; action: string; confidence: number }[] } {
  return { verdicts: ids.map((id) => ({ situation_id: id, reasoning, action, confidence })) };
}

export async function startFakeLlmServer(
  script: FakeLlmScript = answerEvery("monitor", 0.6),
): Promise<FakeLlmServer> {
  let current = script;
  const requests: FakeLlmRequest[] = [];
  const handle = (req: IncomingRequest, res: Channel): void => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const api = apiOf(req.method, path);
      if (api === null) {
        sendJson(res, 404, { message: `the fake LLM server has no route ${req.method} ${path}` });
        return;
      }
      const recorded = describeRequest(api, path, req.headers, Buffer.concat(chunks).toString("utf8"));
      requests.push(recorded);
      // Not res.writableFinished: the HTTP/2 compatibility response reports true for a reset stream.
      let replied = false;
      res.on("close", () => {
        if (!replied) recorded.aborted = true;
      });
      Promise.resolve()
        .then(() => current(recorded))
        .then((reply) => {
          if (reply.kind === "hang") return;
          replied = true;
          send(res, recorded, reply);
        })
        .catch((error: unknown) => sendJson(res, 500, { message: `fake script failed: ${String(error)}` }));
    });
  };
  const http1 = createServer(handle);
  const http2 = createHttp2Server(handle);
  const sessions = new Set<Http2Session>();
  http2.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  const url = await listen(http1);
  const bedrockUrl = await listen(http2);
  return {
    url,
    bedrockUrl,
    openaiBaseUrl: `${url}/v1`,
    requests,
    setScript(next) {
      current = next;
    },
    async close() {
      http1.closeAllConnections();
      for (const session of sessions) session.destroy();
      await Promise.all([
        new Promise<void>((resolve) => http1.close(() => resolve())),
        new Promise<void>((resolve) => http2.close(() => resolve())),
      ]);
    },
  };
}

/** What the HTTP/1.1 and the HTTP/2 compatibility request objects have in common. */
type IncomingRequest = Readable & { url?: string; method?: string; headers: IncomingHttpHeaders };

/** What the HTTP/1.1 and the HTTP/2 compatibility response objects have in common. */
interface Channel {
  setHeader(name: string, value: string): unknown;
  writeHead(status: number, headers: Record<string, string | number>): unknown;
  end(text: string): unknown;
  on(event: "close", listener: () => void): unknown;
}

async function listen(server: {
  listen(port: number, host: string, done: () => void): unknown;
  address(): unknown;
}): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function apiOf(method: string | undefined, path: string): FakeLlmApi | null {
  if (method !== "POST") return null;
  if (/\/chat\/completions(\?|$)/.test(path)) return "openai";
  if (/^\/model\/[^/]+\/converse(\?|$)/.test(path)) return "bedrock";
  return null;
}

function describeRequest(
  api: FakeLlmApi,
  path: string,
  headers: IncomingHttpHeaders,
  raw: string,
): FakeLlmRequest {
  const body = parseJson(raw);
  const jsonSchema =
    api === "openai"
      ? at(body, "response_format", "json_schema", "schema")
      : at(body, "toolConfig", "tools", 0, "toolSpec", "inputSchema", "json");
  const toolName = at(body, "toolConfig", "toolChoice", "tool", "name");
  const request: FakeLlmRequest = {
    api,
    path,
    headers,
    body,
    model: api === "openai" ? textOf(at(body, "model")) : decodeURIComponent(path.split("/")[2] ?? ""),
    system: api === "openai" ? openAiText(body, ["system", "developer"]) : bedrockText(at(body, "system")),
    user: api === "openai" ? openAiText(body, ["user"]) : bedrockUserText(body),
    jsonSchema,
    situationIds: [],
    aborted: false,
  };
  if (typeof toolName === "string") request.toolName = toolName;
  request.situationIds =
    idsFromSchema(jsonSchema) ?? [...request.user.matchAll(/^## (\S+)$/gm)].map((m) => m[1] ?? "");
  return request;
}

function send(res: Channel, request: FakeLlmRequest, reply: Exclude<FakeLlmReply, { kind: "hang" }>): void {
  if (reply.kind === "error") {
    sendError(res, request.api, reply.status, reply.message ?? `scripted HTTP ${reply.status}`);
    return;
  }
  const toolInput = reply.kind === "answer" ? reply.answer : undefined;
  const asTool = reply.kind === "answer" && request.api === "bedrock" && request.toolName !== undefined;
  const text = reply.kind === "answer" ? JSON.stringify(reply.answer) : reply.text;
  const usage = reply.usage ?? {
    inputTokens: Math.ceil((request.system.length + request.user.length) / 4),
    outputTokens: Math.ceil(text.length / 4),
  };
  if (request.api === "openai") {
    sendJson(res, 200, {
      id: `chatcmpl-fake-${Date.now()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: text, refusal: null },
          finish_reason: reply.finishReason ?? "stop",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: usage.inputTokens,
        completion_tokens: usage.outputTokens,
        total_tokens: usage.inputTokens + usage.outputTokens,
      },
    });
    return;
  }
  const content = asTool
    ? [{ toolUse: { toolUseId: "tooluse_fake", name: request.toolName, input: toolInput } }]
    : [{ text }];
  sendJson(res, 200, {
    output: { message: { role: "assistant", content } },
    stopReason: reply.finishReason ?? (asTool ? "tool_use" : "end_turn"),
    usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
    metrics: { latencyMs: 1 },
  });
}

const BEDROCK_ERROR_TYPES: Record<number, string> = {
  400: "ValidationException",
  403: "AccessDeniedException",
  404: "ResourceNotFoundException",
  429: "ThrottlingException",
  500: "InternalServerException",
  503: "ServiceUnavailableException",
};

function sendError(res: Channel, api: FakeLlmApi, status: number, message: string): void {
  if (api === "openai") {
    sendJson(res, status, {
      error: { message, type: status === 429 ? "rate_limit_exceeded" : "server_error", code: null },
    });
    return;
  }
  const type = BEDROCK_ERROR_TYPES[status] ?? "InternalServerException";
  res.setHeader("x-amzn-errortype", type);
  sendJson(res, status, { message });
}

function sendJson(res: Channel, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Reads a nested value without trusting the shape. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function openAiText(body: unknown, roles: string[]): string {
  const messages = at(body, "messages");
  if (!Array.isArray(messages)) return "";
  return messages
    .filter((m) => roles.includes(String(at(m, "role"))))
    .map((m) => {
      const content = at(m, "content");
      return Array.isArray(content)
        ? content.map((part) => textOf(at(part, "text"))).join("")
        : textOf(content);
    })
    .join("\n");
}

function bedrockText(blocks: unknown): string {
  return Array.isArray(blocks) ? blocks.map((block) => textOf(at(block, "text"))).join("") : "";
}

function bedrockUserText(body: unknown): string {
  const messages = at(body, "messages");
  if (!Array.isArray(messages)) return "";
  return messages
    .filter((m) => at(m, "role") === "user")
    .map((m) => bedrockText(at(m, "content")))
    .join("\n");
}

function idsFromSchema(schema: unknown): string[] | null {
  const ids = at(schema, "properties", "verdicts", "items", "properties", "situation_id", "enum");
  return Array.isArray(ids) ? ids.map(String) : null;
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
