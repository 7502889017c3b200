import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogIndex } from "../../src/catalog/service.js";
import { loadConfig } from "../../src/config/config.js";
import { isLocallyConfigured, localProviderSetup } from "../../src/config/providers.js";
import { discoverProvider } from "../../src/catalog/discovery/run.js";
import { planCatalogReads } from "../../src/catalog/readers/registry.js";
import { vertexCatalogReader, vertexRow } from "../../src/catalog/readers/vertex.js";
import type { ProviderCatalogDoc } from "../../src/storage/documents.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_VERTEX_CATALOG_TOKEN,
  FAKE_VERTEX_PROJECT,
  startFakeVertexCatalog,
  vertexCatalogRows,
  type FakeVertexCatalog,
} from "../helpers/fake-vertex-catalog.js";

/** Vertex discovery: the Model Garden list read over real HTTP, stored, and derived into the catalog. */
let server: FakeVertexCatalog;
let t: TestDatabase;
beforeAll(async () => {
  server = await startFakeVertexCatalog();
  t = await openTestDatabase("vertex_catalog");
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearFaults();
  server.requests.length = 0;
  server.rows = vertexCatalogRows();
});

const reader = (opts: { timeoutMs?: number; token?: () => Promise<string> } = {}) =>
  vertexCatalogReader({
    baseUrl: server.url,
    project: FAKE_VERTEX_PROJECT,
    token: opts.token ?? (() => Promise.resolve(FAKE_VERTEX_CATALOG_TOKEN)),
    pageSize: 100,
    timeoutMs: opts.timeoutMs,
  });

const vertexEnv = (extra: Record<string, string> = {}) => ({
  VERTEX_PROJECT: FAKE_VERTEX_PROJECT,
  VERTEX_LOCATION: "us-central1",
  VERTEX_ACCESS_TOKEN: FAKE_VERTEX_CATALOG_TOKEN,
  VERTEX_BASE_URL: server.url,
  ...extra,
});

describe("the Vertex model list", () => {
  it("follows every publisher's pages and names rows the way requests name models", async () => {
    const read = await reader().read();
    expect(read).toMatchObject({ provider: "vertex", complete: true, error: null, rawCount: 17, pages: 11 });
    expect(read.rows.map((r) => r.modelId)).toEqual([
      "gemini-2.5-flash",
      "gemini-2.5-pro",
      "gemini-2.5-flash-lite",
      "gemini-2.0-flash-001",
      "gemini-3-pro-preview",
      "gemma3",
      "text-embedding-005",
      "claude-sonnet-4-5@20250929",
      "claude-3-5-sonnet-v2@20241022",
      "claude-3-haiku@20240307",
      "meta/llama-3.3-70b-instruct-maas",
      "meta/llama-4-maverick-17b-128e-instruct-maas",
      "meta/llama3",
      "mistral-large-2411@001",
      "codestral@2405",
      "jamba-1.5-large@001",
    ]);
    expect(read.rows.find((r) => r.modelId === "claude-sonnet-4-5@20250929")?.raw).toEqual(
      vertexCatalogRows().anthropic[0],
    );
    // The server caps pages at 3: google's 8 rows take 3 pages, each cursor echoed; then one page
    // each for anthropic, meta, mistralai, ai21 and the four publishers the fake lists empty.
    const google = server.requests.filter((r) => r.publisher === "google");
    expect(google.map((r) => r.page)).toEqual([1, 2, 3]);
    expect(google[1]?.query["pageToken"]).toBeTruthy();
    expect(server.requests.every((r) => r.query["listAllVersions"] === "true")).toBe(true);
    expect(new Set(server.requests.map((r) => r.userProject))).toEqual(new Set([FAKE_VERTEX_PROJECT]));
  });

  it("names one id per row: a partner's version after @, the bare id without one, nothing for a bad name", () => {
    const id = (row: unknown) => vertexRow(row)?.modelId ?? null;
    expect(id({ name: "publishers/mistralai/models/mistral-large-2411", versionId: "001" })).toBe(
      "mistral-large-2411@001",
    );
    expect(id({ name: "publishers/anthropic/models/claude-opus-4-5" })).toBe("claude-opus-4-5");
    expect(id({ name: "publishers/qwen/models/qwen3-coder-480b-a35b-instruct-maas", versionId: "1" })).toBe(
      "qwen/qwen3-coder-480b-a35b-instruct-maas",
    );
    expect([id({ name: "models/gemini-2.5-flash" }), id({ versionId: "1" }), id("x"), id(null)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it("an error page makes the read incomplete, keeps what was read and says where, without the token", async () => {
    server.fault("google", 2, { kind: "status", status: 429 });
    const read = await reader().read();
    expect(read.complete).toBe(false);
    expect(read.error).toMatch(
      /^google: page 2: GET \/v1beta1\/publishers\/google\/models.* HTTP 429.*RESOURCE_EXHAUSTED/,
    );
    expect(read.error).not.toContain(FAKE_VERTEX_CATALOG_TOKEN);
    // Presence evidence is kept: page 1 of google and the other publishers.
    expect(read.rows.map((r) => r.modelId)).toContain("gemini-2.5-flash");
    expect(read.rows.map((r) => r.modelId)).toContain("claude-3-haiku@20240307");
  });

  it("a page cut short is incomplete (invalid JSON)", async () => {
    server.fault("anthropic", 1, { kind: "truncate" });
    const read = await reader().read();
    expect(read).toMatchObject({ complete: false });
    expect(read.error).toMatch(/anthropic: page 1: .*not valid JSON/);
  });

  it("a page that never answers ends at the deadline, incomplete", async () => {
    server.fault("meta", 1, { kind: "hang" });
    const read = await reader({ timeoutMs: 300 }).read();
    expect(read).toMatchObject({ complete: false });
    expect(read.error).toMatch(/meta: page 1: .*no complete answer within 300 ms/);
  });

  it("a refused token is an incomplete read with Google's 401, and no token means no request", async () => {
    const refused = await reader({ token: () => Promise.resolve("ya29.wrong") }).read();
    expect(refused).toMatchObject({ complete: false, rows: [] });
    expect(refused.error).toMatch(/HTTP 401/);
    server.requests.length = 0;
    const none = await reader({
      token: () => Promise.reject(new Error("Google token request refused")),
    }).read();
    expect(none).toMatchObject({ complete: false, rows: [], pages: 0 });
    expect(none.error).toMatch(/without an access token \(Google token request refused\)/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("Vertex in the plan and in the catalog", () => {
  it("is read only when configured: project, location and credentials", () => {
    const skipped = planCatalogReads(loadConfig({}), { only: "vertex" })[0];
    expect(skipped).toMatchObject({
      provider: "vertex",
      skipped: expect.stringMatching(/VERTEX_PROJECT/) as string,
    });
    expect(planCatalogReads(loadConfig(vertexEnv()), { only: "vertex" })[0]).toHaveProperty("reader");
    for (const missing of ["VERTEX_PROJECT", "VERTEX_LOCATION", "VERTEX_ACCESS_TOKEN"]) {
      const env: Record<string, string> = vertexEnv();
      delete env[missing];
      const setup = localProviderSetup(loadConfig(env), "vertex");
      expect(setup.configured).toBe(false);
      expect(setup.configured ? "" : setup.reason).toContain(missing);
    }
    expect(isLocallyConfigured(loadConfig(vertexEnv()), "vertex")).toBe(true);
    const viaFile = vertexEnv({ GOOGLE_APPLICATION_CREDENTIALS: "/etc/sa.json" });
    delete (viaFile as Record<string, string | undefined>)["VERTEX_ACCESS_TOKEN"];
    expect(localProviderSetup(loadConfig(viaFile), "vertex")).toMatchObject({
      configured: true,
      via: expect.stringContaining("GOOGLE_APPLICATION_CREDENTIALS (/etc/sa.json)") as string,
    });
  });

  it("a discovery run stores the raw rows and the catalog derives what the list states", async () => {
    const planned = planCatalogReads(loadConfig(vertexEnv()), { only: "vertex" })[0]!;
    if (!("reader" in planned)) throw new Error(`vertex was skipped: ${planned.skipped}`);
    const run = await discoverProvider(t.repos, planned.reader);
    expect(run).toMatchObject({ provider: "vertex", complete: true, accepted_count: 16, new_count: 16 });
    const stored = await t.db
      .collection<ProviderCatalogDoc>("provider_catalog")
      .findOne({ provider: "vertex", model_id: "meta/llama-3.3-70b-instruct-maas" });
    expect(stored?.raw).toEqual(vertexCatalogRows().meta[0]);

    const index = await loadCatalogIndex(t.repos);
    const facts = (id: string) =>
      index.entries.find((e) => e.provider === "vertex" && e.modelId === id)?.facts;
    expect(facts("gemini-2.5-flash")).toMatchObject({
      benchmarkable: { value: true },
      lifecycle: { value: "active", source: "provider_catalog" },
      reasoning: { value: true, source: "derived-from-id" },
    });
    // Open weights without `-maas` need a deployment of one's own; the MaaS model does not.
    expect(facts("gemma3")).toMatchObject({
      benchmarkable: { value: false },
      notBenchmarkableReason: "dedicated-only",
    });
    expect(facts("meta/llama3")).toMatchObject({ notBenchmarkableReason: "dedicated-only" });
    expect(facts("meta/llama-3.3-70b-instruct-maas")).toMatchObject({ benchmarkable: { value: true } });
    expect(facts("text-embedding-005")).toMatchObject({ notBenchmarkableReason: "embedding" });
  });
});
