import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeToken, encodeToken } from "./fake-catalog-server.js";

/**
 * Vertex AI's Model Garden list over real HTTP: `GET /v1beta1/publishers/{publisher}/models`
 * answers `{publisherModels, nextPageToken}` pages of at most `pageSize` rows (opaque tokens the
 * client must echo), requires the bearer token and `x-goog-user-project`, and can be told to fail
 * a page (Google's error body), cut it short or never answer it.
 *
 * No public raw Vertex listing exists in shared/data, so the rows below are written by hand in
 * the documented `PublisherModel` shape (name, versionId, openSourceCategory, launchStage,
 * versionState, publisherModelTemplate) for models Vertex serves; they exercise the wire format,
 * the paging and the id rules, not Vertex's actual catalog.
 */
export const FAKE_VERTEX_CATALOG_TOKEN = "ya29.fake-vertex-catalog-token-0123456789";
export const FAKE_VERTEX_PROJECT = "fake-project";

/** The publishers the fake lists rows for; any other publisher's list is empty (as Vertex answers). */
export type Publisher = "google" | "anthropic" | "meta" | "mistralai" | "ai21";
export type VertexFault =
  { kind: "status"; status: 403 | 429 | 500 } | { kind: "truncate" } | { kind: "hang" };

export interface VertexCatalogRequest {
  publisher: string;
  page: number;
  query: Record<string, string>;
  authorization: string | undefined;
  userProject: string | undefined;
}

export interface FakeVertexCatalog {
  /** The host the reader is given (`VERTEX_BASE_URL`). */
  url: string;
  rows: Record<Publisher, Record<string, unknown>[]>;
  /** The server's own page-size cap (the client's pageSize applies when smaller). */
  pageSize: number;
  fault(publisher: Publisher, page: number, fault: VertexFault): void;
  clearFaults(): void;
  requests: VertexCatalogRequest[];
  close(): Promise<void>;
}

const row = (
  publisher: string,
  id: string,
  versionId: string,
  openSourceCategory: string,
  launchStage = "GA",
): Record<string, unknown> => ({
  name: `publishers/${publisher}/models/${id}`,
  versionId,
  openSourceCategory,
  launchStage,
  versionState: launchStage === "GA" ? "VERSION_STATE_STABLE" : "VERSION_STATE_UNSTABLE",
  publisherModelTemplate: `projects/{project}/locations/{location}/publishers/${publisher}/models/${id}@${versionId}`,
  supportedActions: {},
});

export function vertexCatalogRows(): Record<Publisher, Record<string, unknown>[]> {
  return {
    google: [
      row("google", "gemini-2.5-flash", "default", "PROPRIETARY"),
      row("google", "gemini-2.5-pro", "default", "PROPRIETARY"),
      row("google", "gemini-2.5-flash-lite", "default", "PROPRIETARY"),
      row("google", "gemini-2.0-flash-001", "default", "PROPRIETARY"),
      row("google", "gemini-3-pro-preview", "default", "PROPRIETARY", "PUBLIC_PREVIEW"),
      row("google", "gemma3", "gemma-3-27b-it", "GOOGLE_OWNED_OSS_WITH_GOOGLE_CHECKPOINT"),
      row("google", "text-embedding-005", "default", "PROPRIETARY"),
      { name: "not/a/publisher/model", versionId: "1" },
    ],
    anthropic: [
      row("anthropic", "claude-sonnet-4-5", "20250929", "PROPRIETARY"),
      row("anthropic", "claude-3-5-sonnet-v2", "20241022", "PROPRIETARY"),
      row("anthropic", "claude-3-haiku", "20240307", "PROPRIETARY"),
    ],
    meta: [
      row("meta", "llama-3.3-70b-instruct-maas", "default", "THIRD_PARTY_OWNED_OSS"),
      row("meta", "llama-4-maverick-17b-128e-instruct-maas", "default", "THIRD_PARTY_OWNED_OSS"),
      row("meta", "llama3", "meta-llama-3-8b", "THIRD_PARTY_OWNED_OSS"),
    ],
    mistralai: [
      row("mistralai", "mistral-large-2411", "001", "PROPRIETARY"),
      row("mistralai", "codestral", "2405", "PROPRIETARY"),
    ],
    ai21: [row("ai21", "jamba-1.5-large", "001", "PROPRIETARY")],
  };
}

const ROUTE = /^\/v1beta1\/publishers\/([^/]+)\/models$/;

export async function startFakeVertexCatalog(): Promise<FakeVertexCatalog> {
  const faults = new Map<string, VertexFault>();
  const requests: VertexCatalogRequest[] = [];
  const state = { rows: vertexCatalogRows(), pageSize: 3 };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = ROUTE.exec(url.pathname);
    if (req.method !== "GET" || !match) return send(res, 404, googleError(404, "NOT_FOUND", "no such route"));
    const publisher = match[1]!;
    const query = Object.fromEntries(url.searchParams.entries());
    const size = Math.min(Number(query["pageSize"]) || state.pageSize, state.pageSize);
    const start = decodeToken(query["pageToken"]);
    const page = Math.floor(start / size) + 1;
    const authorization = req.headers.authorization;
    const userProject = req.headers["x-goog-user-project"] as string | undefined;
    requests.push({ publisher, page, query, authorization, userProject });
    if (authorization !== `Bearer ${FAKE_VERTEX_CATALOG_TOKEN}`) {
      return send(
        res,
        401,
        googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."),
      );
    }
    const fault = faults.get(`${publisher}:${page}`);
    if (fault?.kind === "hang") return; // never answers; close() destroys the socket
    if (fault?.kind === "status") {
      return send(
        res,
        fault.status,
        googleError(
          fault.status,
          "RESOURCE_EXHAUSTED",
          "Quota exceeded for aiplatform.googleapis.com/list_requests.",
        ),
      );
    }
    const all = state.rows[publisher as Publisher] ?? [];
    const slice = all.slice(start, start + size);
    const more = start + size < all.length;
    const body = JSON.stringify({
      publisherModels: slice,
      ...(more ? { nextPageToken: encodeToken(start + size) } : {}),
    });
    if (fault?.kind === "truncate") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(body.slice(0, Math.floor(body.length / 2)));
    }
    res.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get rows() {
      return state.rows;
    },
    set rows(rows) {
      state.rows = rows;
    },
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(size) {
      state.pageSize = size;
    },
    fault: (publisher, page, fault) => void faults.set(`${publisher}:${page}`, fault),
    clearFaults: () => faults.clear(),
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function googleError(code: number, status: string, message: string): unknown {
  return { error: { code, message, status } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(body));
}
