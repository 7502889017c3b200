import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fleetModelsAbsent, readCovers } from "../../src/catalog/discovery/absence.js";
import { discoverProvider } from "../../src/catalog/discovery/run.js";
import {
  VERTEX_PUBLISHERS,
  vertexCatalogReader,
  vertexPublisherOf,
} from "../../src/catalog/readers/vertex.js";
import { planRetirement } from "../../src/admission/retirement.js";
import { findSuccessors } from "../../src/catalog/successor.js";
import { defaultPolicy } from "../../src/policy/policy.js";
import type { ModelDoc } from "../../src/storage/documents.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_VERTEX_CATALOG_TOKEN,
  FAKE_VERTEX_PROJECT,
  startFakeVertexCatalog,
  vertexCatalogRows,
  type FakeVertexCatalog,
} from "../helpers/fake-vertex-catalog.js";

/**
 * Issue 17 (walk): a Vertex read covers only the publishers it listed, so a fleet model of a
 * publisher it did not read is never judged gone, however many complete reads there are.
 */
let server: FakeVertexCatalog;
let t: TestDatabase;
beforeAll(async () => {
  server = await startFakeVertexCatalog();
  t = await openTestDatabase("vertex_retirement");
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.rows = vertexCatalogRows();
  server.requests.length = 0;
  for (const c of ["models", "discovery_runs", "provider_catalog", "decisions"])
    await t.db.collection(c).deleteMany({});
});

const FLEET = [
  "gemini-2.5-flash",
  "gemini-1.0-pro-002", // not listed by the fake: really gone
  "mistral-large-2411@001",
  "codestral@2405",
  "jamba-1.5-large@001",
  "unknown-family-model@001", // a publisher no rule names
];
const fleet = (): ModelDoc[] => FLEET.map((model_id) => ({ provider: "vertex", model_id, enabled: true }));

const reader = (publishers?: readonly string[]) =>
  vertexCatalogReader({
    baseUrl: server.url,
    project: FAKE_VERTEX_PROJECT,
    token: () => Promise.resolve(FAKE_VERTEX_CATALOG_TOKEN),
    pageSize: 100,
    ...(publishers ? { publishers } : {}),
  });

async function readTimes(n: number, publishers?: readonly string[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const run = await discoverProvider(t.repos, reader(publishers));
    expect(run.complete).toBe(true);
  }
}

async function proposed(): Promise<string[]> {
  const plan = await planRetirement(t.repos, fleet(), defaultPolicy(), {
    maxPerProvider: 10,
    maxFraction: 1,
  });
  return plan.proposals.map((p) => p.model_id).sort();
}

describe("Vertex retirement reads only what was looked for", () => {
  it("lists every MaaS publisher the fleet uses, and the fake serves them", async () => {
    expect(VERTEX_PUBLISHERS).toEqual(
      expect.arrayContaining(["google", "anthropic", "meta", "mistralai", "ai21"]),
    );
    const read = await reader().read();
    expect(read.coverage).toEqual([...VERTEX_PUBLISHERS]);
    expect(new Set(server.requests.map((r) => r.publisher))).toEqual(new Set(VERTEX_PUBLISHERS));
    expect(read.rows.map((r) => r.modelId)).toEqual(
      expect.arrayContaining(["mistral-large-2411@001", "codestral@2405", "jamba-1.5-large@001"]),
    );
    expect(FLEET.map(vertexPublisherOf)).toEqual([
      "google",
      "google",
      "mistralai",
      "mistralai",
      "ai21",
      null,
    ]);
    expect(vertexPublisherOf("meta/llama-3.3-70b-instruct-maas")).toBe("meta");
    expect(vertexPublisherOf("claude-3-haiku@20240307")).toBe("anthropic");
  });

  it("three complete reads of google, anthropic and meta retire no Mistral or AI21 model", async () => {
    await t.db.collection("models").insertMany(fleet().map((m) => ({ ...m })));
    await readTimes(3, ["google", "anthropic", "meta"]);
    const [run] = await t.repos.discoveryRuns.lastComplete("vertex", 1);
    expect(run?.coverage).toEqual(["google", "anthropic", "meta"]);
    expect(readCovers(run!, "codestral@2405")).toBe(false);
    expect(readCovers(run!, "gemini-1.0-pro-002")).toBe(true);
    // Only the Gemini model the reads looked for and did not find is proposed.
    expect(await proposed()).toEqual(["gemini-1.0-pro-002"]);
    const report = await fleetModelsAbsent(t.repos, "vertex", { reads: 3 });
    expect(report.missing).toEqual(["gemini-1.0-pro-002"]);
    expect(report.uncovered.sort()).toEqual(
      ["codestral@2405", "jamba-1.5-large@001", "mistral-large-2411@001", "unknown-family-model@001"].sort(),
    );
  });

  it("a rename is never proposed from a read that did not look at the model's publisher", async () => {
    await t.db.collection("models").insertMany(fleet().map((m) => ({ ...m })));
    await readTimes(1, ["google", "anthropic", "meta"]);
    const findings = await findSuccessors(t.repos, [
      { provider: "vertex", model_id: "codestral@2405" },
      { provider: "vertex", model_id: "gemini-1.0-pro-002" },
    ]);
    expect(findings.get("vertex:codestral@2405")).toEqual({
      outcome: "none",
      reason: "the newest complete read of vertex did not cover codestral@2405's part of the listing",
      candidates: [],
    });
    // A model of a publisher the read covered is judged on the listing as before.
    expect(findings.get("vertex:gemini-1.0-pro-002")).toMatchObject({
      outcome: "none",
      reason: expect.stringMatching(/no listed id has gemini-1.0-pro-002's stem/),
    });
  });

  it("with every publisher read, a listed partner model stays and one Vertex stopped listing is proposed", async () => {
    await readTimes(3);
    expect(await proposed()).toEqual(["gemini-1.0-pro-002"]);
    server.rows = { ...vertexCatalogRows(), mistralai: [vertexCatalogRows().mistralai[0]!] };
    await readTimes(2);
    // Two reads without codestral are not three: no conclusion yet.
    expect(await proposed()).toEqual(["gemini-1.0-pro-002"]);
    await readTimes(1);
    expect(await proposed()).toEqual(["codestral@2405", "gemini-1.0-pro-002"]);
  });

  it("a read whose Mistral list failed covers the other publishers but not Mistral's models", async () => {
    server.rows = { ...vertexCatalogRows(), mistralai: [] };
    await readTimes(2);
    server.fault("mistralai", 1, { kind: "status", status: 500 });
    const read = await reader().read();
    expect(read.complete).toBe(false);
    expect(read.coverage).not.toContain("mistralai");
    expect(read.coverage).toContain("google");
    // An incomplete read is no evidence at all: still two complete reads, nothing proposed.
    await discoverProvider(t.repos, reader());
    expect(await proposed()).toEqual([]);
    // An id of a publisher no rule names is never missing, however many reads.
    server.clearFaults();
    await readTimes(3);
    expect(await proposed()).not.toContain("unknown-family-model@001");
  });
});
