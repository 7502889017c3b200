import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { anthropicCatalogReader } from "../../src/catalog/readers/anthropic.js";
import { bedrockCatalogReader } from "../../src/catalog/readers/bedrock.js";
import { fireworksCatalogReader } from "../../src/catalog/readers/fireworks.js";
import { openAiCatalogReader } from "../../src/catalog/readers/openai.js";
import { openRouterCatalogReader } from "../../src/catalog/readers/openrouter.js";
import { planCatalogReads } from "../../src/catalog/readers/registry.js";
import {
  FAKE_API_KEY,
  FAKE_AWS_CREDENTIALS,
  SNAPSHOTS,
  snapshotRows,
  fakeCatalogServerForFile,
} from "../helpers/fake-catalog-server.js";

const server = fakeCatalogServerForFile();

const anthropic = (pageSize = 4, extra: { maxPages?: number; timeoutMs?: number } = {}) =>
  anthropicCatalogReader({
    apiKey: FAKE_API_KEY,
    baseUrl: server().baseUrl("anthropic"),
    pageSize,
    ...extra,
  });
const fireworks = () =>
  fireworksCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: server().baseUrl("fireworks"), pageSize: 50 });
const bedrock = (timeoutMs = 5_000) =>
  bedrockCatalogReader({
    region: "us-east-1",
    endpointUrl: server().url,
    credentials: FAKE_AWS_CREDENTIALS,
    pageSize: 20,
    timeoutMs,
  });

describe("pagination is followed to the end", () => {
  it("Anthropic: after_id = last_id while has_more", async () => {
    const read = await anthropic().read();
    expect(read).toMatchObject({ complete: true, error: null, pages: 3, rawCount: 11 });
    expect(read.rows.map((r) => r.modelId)).toEqual(snapshotRows(SNAPSHOTS.anthropic).map((r) => r["id"]));
    expect(server().requests.map((r) => r.query["after_id"] ?? null)).toEqual([
      null,
      "claude-3-5-sonnet-20241022",
      "claude-3-opus-20240229",
    ]);
    expect(read.rows[0]?.name).toBe("Claude Opus 4");
  });

  it("Fireworks: pageToken = nextPageToken until it is empty", async () => {
    const read = await fireworks().read();
    expect(read).toMatchObject({ complete: true, pages: 3, rawCount: 142 });
    expect(new Set(read.rows.map((r) => r.modelId)).size).toBe(142);
    expect(read.rows[0]?.modelId).toMatch(/^accounts\/fireworks\/models\//);
    expect(server().requests.map((r) => r.page)).toEqual([1, 2, 3]);
  });

  it("Bedrock (AWS SDK, endpoint override): foundation models plus every inference-profile page", async () => {
    const read = await bedrock().read();
    expect(read).toMatchObject({ complete: true, error: null, pages: 4, rawCount: 126 + 55 });
    expect(read.rows.filter((r) => r.kind === "foundation_model")).toHaveLength(126);
    expect(read.rows.filter((r) => r.kind === "inference_profile")).toHaveLength(55);
    expect(read.rows.map((r) => r.modelId)).toContain("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(
      server()
        .requests.filter((r) => r.source === "bedrock-profiles")
        .map((r) => r.page),
    ).toEqual([1, 2, 3]);
  });

  it("single-page lists in each wire format: OpenAI-style, Together's bare array, OpenRouter without a key", async () => {
    const config = loadConfig(server().env());
    const reads = await Promise.all(
      planCatalogReads(config, { bedrockCredentials: FAKE_AWS_CREDENTIALS }).map(async (p) =>
        "reader" in p ? await p.reader.read() : null,
      ),
    );
    // Vertex is not configured by this environment (its list is read in vertex-catalog.test.ts).
    const counts = Object.fromEntries(
      reads.filter((r) => r !== null).map((r) => [r.provider, [r.complete, r.rows.length]]),
    );
    expect(counts).toEqual({
      openrouter: [true, 344],
      openai: [true, 82],
      anthropic: [true, 11],
      bedrock: [true, 181],
      groq: [true, 16],
      together: [true, 142],
      fireworks: [true, 142],
      deepinfra: [true, 142],
      cerebras: [true, 9],
      mistral: [true, 53],
    });
  });
});

describe("a failed or partial read is incomplete and keeps what it read", () => {
  it("a truncated page", async () => {
    server().fault("anthropic", 2, { kind: "truncate" });
    const read = await anthropic().read();
    expect(read.complete).toBe(false);
    expect(read.pages).toBe(1);
    expect(read.rows).toHaveLength(4);
    expect(read.error).toMatch(/page 2: .*not valid JSON/);
  });

  it("HTTP 500 on a later page and 429 on the first", async () => {
    server().fault("fireworks", 3, { kind: "status", status: 500 });
    const fw = await fireworks().read();
    expect(fw).toMatchObject({ complete: false, pages: 2 });
    expect(fw.rows).toHaveLength(100);
    expect(fw.error).toMatch(/page 3: .*HTTP 500/);

    server().fault("openrouter", 1, { kind: "status", status: 429 });
    const or = await openRouterCatalogReader({ baseUrl: server().baseUrl("openrouter") }).read();
    expect(or).toMatchObject({ complete: false, pages: 0, rows: [] });
    expect(or.error).toMatch(/HTTP 429/);
  });

  it("a page that never answers ends at the deadline", async () => {
    server().fault("anthropic", 3, { kind: "hang" });
    // A reader that ignored the deadline would hang here until the test's own timeout fails it.
    const read = await anthropic(4, { timeoutMs: 300 }).read();
    expect(read).toMatchObject({ complete: false, pages: 2 });
    expect(read.error).toMatch(/page 3: .*no complete answer within 300 ms/);
  });

  it("Bedrock: a failed or truncated profile page makes the whole read incomplete", async () => {
    server().fault("bedrock-profiles", 2, { kind: "status", status: 500 });
    const failed = await bedrock().read();
    expect(failed.complete).toBe(false);
    expect(failed.rows.filter((r) => r.kind === "foundation_model")).toHaveLength(126);
    expect(failed.rows.filter((r) => r.kind === "inference_profile")).toHaveLength(20);
    expect(failed.error).toMatch(/ListInferenceProfiles page 2/);

    server().clearFaults();
    server().fault("bedrock-models", 1, { kind: "truncate" });
    const truncated = await bedrock().read();
    expect(truncated.complete).toBe(false);
    expect(truncated.error).toMatch(/ListFoundationModels/);

    server().clearFaults();
    server().fault("bedrock-profiles", 1, { kind: "hang" });
    const hung = await bedrock(300).read();
    expect(hung.complete).toBe(false);
  });

  it("a page cap and a repeated cursor stop the read as incomplete", async () => {
    const capped = await anthropic(4, { maxPages: 2 }).read();
    expect(capped).toMatchObject({ complete: false, pages: 2 });
    expect(capped.error).toMatch(/page cap of 2/);

    const looping: typeof fetch = () =>
      Promise.resolve(Response.json({ data: [{ id: "a" }], has_more: true, last_id: "a" }));
    const loop = await anthropicCatalogReader({ apiKey: FAKE_API_KEY, fetchImpl: looping }).read();
    expect(loop.complete).toBe(false);
    expect(loop.error).toMatch(/repeated a page cursor/);
  });
});

describe("rows and errors", () => {
  it("reads rows with extra fields and rows missing optional fields; drops rows without an id", async () => {
    const rows = snapshotRows(SNAPSHOTS.openai).slice(0, 3);
    server().setRows("openai", [
      ...rows,
      { object: "model", owned_by: "system" }, // no id
      { id: "gpt-9-preview", object: "model", brand_new_field: { nested: [1, 2] }, owned_by: "system" },
      { id: "bare-model" }, // nothing but an id
    ]);
    const read = await openAiCatalogReader({
      apiKey: FAKE_API_KEY,
      baseUrl: server().baseUrl("openai"),
    }).read();
    server().useSnapshot("openai", SNAPSHOTS.openai);
    expect(read.complete).toBe(true);
    expect(read.rawCount).toBe(6);
    expect(read.rows.map((r) => r.modelId)).toEqual([
      ...rows.map((r) => r["id"]),
      "gpt-9-preview",
      "bare-model",
    ]);
    expect(read.rows[3]?.raw["brand_new_field"]).toEqual({ nested: [1, 2] });
  });

  it("never puts the API key in an error, even when the provider echoes it", async () => {
    const echo: typeof fetch = () =>
      Promise.resolve(
        new Response(`{"error":"invalid key ${FAKE_API_KEY} for Authorization: Bearer ${FAKE_API_KEY}"}`, {
          status: 401,
        }),
      );
    const read = await openAiCatalogReader({ apiKey: FAKE_API_KEY, fetchImpl: echo }).read();
    expect(read.complete).toBe(false);
    expect(read.error).toMatch(/HTTP 401/);
    expect(read.error).not.toContain(FAKE_API_KEY);
    expect(read.error).not.toContain(FAKE_API_KEY.slice(3));
  });

  it("skips providers without a key (OpenRouter needs none) and says why", () => {
    const plan = planCatalogReads(loadConfig({}));
    const skipped = Object.fromEntries(
      plan.filter((p) => "skipped" in p).map((p) => [p.provider, "skipped" in p ? p.skipped : ""]),
    );
    expect(plan.find((p) => p.provider === "openrouter")).toHaveProperty("reader");
    expect(Object.keys(skipped).sort()).toEqual(
      [
        "anthropic",
        "bedrock",
        "cerebras",
        "deepinfra",
        "fireworks",
        "groq",
        "mistral",
        "openai",
        "together",
        "vertex",
      ].sort(),
    );
    expect(skipped["groq"]).toMatch(/GROQ_API_KEY/);
    expect(skipped["vertex"]).toMatch(/VERTEX_PROJECT/);
    expect(skipped["bedrock"]).toMatch(
      /no AWS credentials \(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE/,
    );
    expect(planCatalogReads(loadConfig({}), { only: "bedrock" })[0]).toHaveProperty("reader");
    // Credentials the config finds (here a profile) plan Bedrock's read in every plan, the scheduled job's too.
    expect(
      planCatalogReads(loadConfig({ AWS_PROFILE: "x" })).find((p) => p.provider === "bedrock"),
    ).toHaveProperty("reader");
  });
});
