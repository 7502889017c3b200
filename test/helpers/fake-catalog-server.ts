import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach } from "vitest";

/**
 * A local HTTP server that serves the real catalog snapshots (data/catalog, test/fixtures/catalog) in each provider's
 * wire format and path, with each provider's own pagination, and can be told to cut a page
 * short, fail it (HTTP 500/429) or never answer it. Every provider lives under its own path
 * prefix on one port (`baseUrl(provider)` gives the base URL the config expects); the Bedrock
 * control-plane routes sit at the root, where the AWS SDK sends them with an endpoint override.
 */

/**
 * Where the snapshots live, all in the repository so that a clone runs its tests alone: the newest
 * per provider in data/catalog (the demo's), the older captures the tests also need in
 * test/fixtures/catalog (both READMEs give their sources).
 */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SNAPSHOT_DIRS = [resolve(REPO_ROOT, "data/catalog"), resolve(REPO_ROOT, "test/fixtures/catalog")];

export function readSnapshot(file: string): unknown {
  const dir = SNAPSHOT_DIRS.find((d) => existsSync(join(d, file)));
  if (!dir) throw new Error(`${file}: no such snapshot in ${SNAPSHOT_DIRS.join(" or ")}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8")) as unknown;
}

/** The `data` array (or bare array) of a snapshot file. */
export function snapshotRows(file: string): Record<string, unknown>[] {
  const body = readSnapshot(file);
  if (Array.isArray(body)) return body as Record<string, unknown>[];
  const obj = body as Record<string, unknown>;
  for (const key of ["data", "modelSummaries", "inferenceProfileSummaries"]) {
    if (Array.isArray(obj[key])) return obj[key] as Record<string, unknown>[];
  }
  throw new Error(`${file}: no row array found`);
}

export const SNAPSHOTS = {
  openrouterFeb: "openrouter-models-2026-02-27.json",
  openrouterMay: "openrouter-models-2026-05-01.json",
  openrouterJun: "openrouter-models-2026-06-06.json",
  openai: "openai-models-2025-05-23.json",
  anthropic: "anthropic-models-2025-05-23.json",
  groq: "groq-models-2026-01-22.json",
  groqOld: "groq-models-2025-01-14.json",
  deepinfra: "deepinfra-models-2026-02-23.json",
  cerebras: "cerebras-models-2025-09-03.json",
  mistral: "mistral-models-2025-05-23.json",
  bedrockModels: "bedrock-foundation-models-us-east-1-2026-01-01.json",
  bedrockProfiles: "bedrock-inference-profiles-us-east-1-2026-01-01.json",
} as const;

export type FakeSource =
  | "openrouter"
  | "openai"
  | "anthropic"
  | "groq"
  | "together"
  | "fireworks"
  | "deepinfra"
  | "cerebras"
  | "mistral"
  | "bedrock-models"
  | "bedrock-profiles";

export type Fault =
  | { kind: "truncate" }
  | { kind: "status"; status: 429 | 500 | 502 | 503 }
  /** Never answers; the client's deadline must end the read. */
  | { kind: "hang" };

export interface RequestLogEntry {
  source: FakeSource;
  page: number;
  path: string;
  query: Record<string, string>;
}

export const FAKE_API_KEY = "sk-fake-catalog-key-0123456789";
export const FAKE_AWS_CREDENTIALS = {
  accessKeyId: "AKIAFAKEFAKEFAKEFAKE",
  secretAccessKey: "fake-secret-access-key-not-real",
};

export interface FakeCatalogServer {
  url: string;
  /** The base URL to configure for a provider (what `<PREFIX>_BASE_URL` would hold). */
  baseUrl(provider: Exclude<FakeSource, "bedrock-models" | "bedrock-profiles">): string;
  /** Environment for loadConfig: every key and base URL, and the Bedrock control endpoint. */
  env(): Record<string, string>;
  setRows(source: FakeSource, rows: unknown[]): void;
  useSnapshot(source: FakeSource, file: string): void;
  /** The server's page size (the client's own limit applies when smaller). */
  setPageSize(source: FakeSource, size: number): void;
  /** Applies `fault` to page `page` (1-based) of `source`, `times` times (default: always). */
  fault(source: FakeSource, page: number, fault: Fault, times?: number): void;
  clearFaults(): void;
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

interface SourceState {
  rows: unknown[];
  pageSize: number;
  faults: Map<number, { fault: Fault; remaining: number }>;
}

const PREFIXES: Record<Exclude<FakeSource, "bedrock-models" | "bedrock-profiles">, string> = {
  openrouter: "/openrouter/api/v1",
  openai: "/openai/v1",
  anthropic: "/anthropic",
  groq: "/groq/openai/v1",
  together: "/together/v1",
  fireworks: "/fireworks/inference/v1",
  deepinfra: "/deepinfra/v1/openai",
  cerebras: "/cerebras/v1",
  mistral: "/mistral/v1",
};

/** The list route of each source, relative to the server root. */
const ROUTES: Record<string, FakeSource> = {
  "/openrouter/api/v1/models": "openrouter",
  "/openai/v1/models": "openai",
  "/anthropic/v1/models": "anthropic",
  "/groq/openai/v1/models": "groq",
  "/together/v1/models": "together",
  "/fireworks/v1/accounts/fireworks/models": "fireworks",
  "/deepinfra/v1/openai/models": "deepinfra",
  "/cerebras/v1/models": "cerebras",
  "/mistral/v1/models": "mistral",
  "/foundation-models": "bedrock-models",
  "/inference-profiles": "bedrock-profiles",
};

/**
 * The fake server of one test file: started before its tests, closed after them, and each test
 * starts with no fault and an empty request log. Call the getter inside a test (or a hook after it).
 */
export function fakeCatalogServerForFile(): () => FakeCatalogServer {
  let server: FakeCatalogServer | undefined;
  beforeAll(async () => {
    server = await startFakeCatalogServer();
  });
  beforeEach(() => {
    server?.clearFaults();
    server?.requests.splice(0);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the fake catalog server starts in beforeAll");
    return server;
  };
}

export async function startFakeCatalogServer(): Promise<FakeCatalogServer> {
  const state = new Map<FakeSource, SourceState>();
  const init = (source: FakeSource, rows: unknown[], pageSize = 1000): void => {
    state.set(source, { rows, pageSize, faults: new Map() });
  };
  init("openrouter", snapshotRows(SNAPSHOTS.openrouterJun));
  init("openai", snapshotRows(SNAPSHOTS.openai));
  init("anthropic", snapshotRows(SNAPSHOTS.anthropic));
  init("groq", snapshotRows(SNAPSHOTS.groq));
  init("deepinfra", snapshotRows(SNAPSHOTS.deepinfra));
  init("cerebras", snapshotRows(SNAPSHOTS.cerebras));
  init("mistral", snapshotRows(SNAPSHOTS.mistral));
  init("bedrock-models", snapshotRows(SNAPSHOTS.bedrockModels));
  init("bedrock-profiles", snapshotRows(SNAPSHOTS.bedrockProfiles));
  init("together", syntheticTogetherRows());
  init("fireworks", syntheticFireworksRows(), 200);

  const requests: RequestLogEntry[] = [];
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      send(res, 500, { error: String(e) });
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const source = ROUTES[url.pathname];
    if (req.method !== "GET" || !source)
      return send(res, 404, { error: `no route ${req.method} ${url.pathname}` });
    const authError = checkAuth(source, req);
    if (authError) return send(res, 401, { error: { message: authError } });
    const s = state.get(source)!;
    const query = Object.fromEntries(url.searchParams.entries());
    const { start, size } = pageWindow(source, s, query);
    const page = Math.floor(start / size) + 1;
    requests.push({ source, page, path: url.pathname, query });

    const planned = s.faults.get(page);
    if (planned && planned.remaining > 0) {
      planned.remaining -= 1;
      if (planned.fault.kind === "hang") return; // never answers; close() destroys the socket
      if (planned.fault.kind === "status") {
        const headers: Record<string, string> = planned.fault.status === 429 ? { "retry-after": "30" } : {};
        return send(
          res,
          planned.fault.status,
          { error: { message: "injected failure", type: "server_error" } },
          headers,
        );
      }
    }
    const body = JSON.stringify(pageBody(source, s.rows, start, size));
    if (planned?.fault.kind === "truncate") {
      // Chunked, cut in the middle, ended cleanly: only parsing the body can notice.
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  }

  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: (provider) => `${url}${PREFIXES[provider]}`,
    env: () => ({
      OPENROUTER_BASE_URL: `${url}${PREFIXES.openrouter}`,
      ...Object.fromEntries(
        (Object.keys(PREFIXES) as (keyof typeof PREFIXES)[])
          .filter((p) => p !== "openrouter")
          .flatMap((p) => [
            [`${p.toUpperCase()}_API_KEY`, FAKE_API_KEY],
            [`${p.toUpperCase()}_BASE_URL`, `${url}${PREFIXES[p]}`],
          ]),
      ),
      BEDROCK_CONTROL_ENDPOINT_URL: url,
      AWS_REGION: "us-east-1",
    }),
    setRows: (source, rows) => {
      state.get(source)!.rows = rows;
    },
    useSnapshot: (source, file) => {
      state.get(source)!.rows = snapshotRows(file);
    },
    setPageSize: (source, size) => {
      state.get(source)!.pageSize = size;
    },
    fault: (source, page, fault, times = Number.POSITIVE_INFINITY) => {
      state.get(source)!.faults.set(page, { fault, remaining: times });
    },
    clearFaults: () => {
      for (const s of state.values()) s.faults.clear();
    },
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function checkAuth(source: FakeSource, req: IncomingMessage): string | null {
  if (source === "openrouter") return null;
  if (source === "bedrock-models" || source === "bedrock-profiles") {
    return String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256")
      ? null
      : "missing SigV4 signature";
  }
  if (source === "anthropic") {
    if (req.headers["x-api-key"] !== FAKE_API_KEY) return "invalid x-api-key";
    return req.headers["anthropic-version"] ? null : "anthropic-version header is required";
  }
  return req.headers.authorization === `Bearer ${FAKE_API_KEY}` ? null : "invalid bearer token";
}

/** Where this request's page starts and how long it is, from the provider's own cursor. */
function pageWindow(
  source: FakeSource,
  s: SourceState,
  q: Record<string, string>,
): { start: number; size: number } {
  const asked = (name: string): number => {
    const n = Number(q[name]);
    return Number.isInteger(n) && n > 0 ? n : s.pageSize;
  };
  switch (source) {
    case "anthropic": {
      const size = Math.min(asked("limit"), s.pageSize);
      const after = q["after_id"];
      const at = after ? s.rows.findIndex((r) => (r as { id?: unknown }).id === after) : -1;
      return { start: after ? at + 1 : 0, size };
    }
    case "fireworks":
      return { start: decodeToken(q["pageToken"]), size: Math.min(asked("pageSize"), s.pageSize) };
    case "bedrock-profiles":
      return { start: decodeToken(q["nextToken"]), size: Math.min(asked("maxResults"), s.pageSize) };
    case "openrouter":
    case "openai":
    case "groq":
    case "together":
    case "deepinfra":
    case "cerebras":
    case "mistral":
    case "bedrock-models":
      // Single-page lists: the whole snapshot is page 1.
      return { start: 0, size: Math.max(s.rows.length, 1) };
  }
}

function pageBody(source: FakeSource, rows: unknown[], start: number, size: number): unknown {
  const slice = rows.slice(start, start + size);
  const more = start + size < rows.length;
  switch (source) {
    case "anthropic": {
      const id = (r: unknown): string | null => (r as { id?: string } | undefined)?.id ?? null;
      return { data: slice, has_more: more, first_id: id(slice[0]), last_id: id(slice[slice.length - 1]) };
    }
    case "fireworks":
      return { models: slice, nextPageToken: more ? encodeToken(start + size) : "", totalSize: rows.length };
    case "bedrock-profiles":
      return { inferenceProfileSummaries: slice, ...(more ? { nextToken: encodeToken(start + size) } : {}) };
    case "bedrock-models":
      return { modelSummaries: rows };
    case "together":
      return rows; // Together returns a bare array
    case "openrouter":
    case "openai":
    case "groq":
    case "deepinfra":
    case "cerebras":
    case "mistral":
      return { object: "list", data: rows };
  }
}

/** Opaque cursors, as real APIs give: the client must echo them, not compute them. */
export function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

export function decodeToken(token: string | undefined): number {
  if (!token) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString());
  return m ? Number(m[1]) : 0;
}

/**
 * No public raw Together or Fireworks `/models` response exists (shared/data/README.md), so
 * these two lists are built from the real DeepInfra snapshot's models in each provider's
 * documented row shape. They exercise the wire formats and pagination, not Together's or
 * Fireworks' actual catalogs.
 */
function deepInfraRows(): { id: string; meta: Record<string, unknown> | null }[] {
  return snapshotRows(SNAPSHOTS.deepinfra).map((r) => ({
    id: String(r["id"]),
    meta: (r["metadata"] as Record<string, unknown> | null) ?? null,
  }));
}

export function syntheticTogetherRows(): Record<string, unknown>[] {
  return deepInfraRows().map(({ id, meta }, i) => {
    const pricing = (meta?.["pricing"] as Record<string, number> | undefined) ?? {};
    const type = meta
      ? "chat"
      : /embed|bge|gte|e5|minilm|mpnet|clip|text2vec/i.test(id)
        ? "embedding"
        : "image";
    return {
      id,
      object: "model",
      created: 1_700_000_000 + i * 86_400,
      type,
      running: false,
      display_name: id.split("/").pop(),
      organization: id.split("/")[0],
      link: `https://huggingface.co/${id}`,
      license: "other",
      context_length: (meta?.["context_length"] as number | undefined) ?? 0,
      config: { chat_template: null, stop: [], bos_token: null, eos_token: null },
      pricing: {
        hourly: 0,
        input: pricing["input_tokens"] ?? 0,
        output: pricing["output_tokens"] ?? 0,
        base: 0,
        finetune: 0,
      },
    };
  });
}

export function syntheticFireworksRows(): Record<string, unknown>[] {
  return deepInfraRows().map(({ id, meta }, i) => {
    const slug = id
      .split("/")
      .pop()!
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-");
    const tags = (meta?.["tags"] as string[] | undefined) ?? [];
    return {
      name: `accounts/fireworks/models/${slug}`,
      displayName: id.split("/").pop(),
      description: (meta?.["description"] as string | undefined) ?? "",
      createTime: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString(),
      state: "READY",
      kind: meta
        ? "HF_BASE_MODEL"
        : /embed|bge|gte|e5|minilm|mpnet/i.test(id)
          ? "EMBEDDING_MODEL"
          : "FLUMINA_BASE_MODEL",
      contextLength: (meta?.["context_length"] as number | undefined) ?? 0,
      supportsImageInput: tags.includes("vision"),
      supportsTools: meta !== null,
      supportsServerless: true,
      public: true,
    };
  });
}
