import { describe, expect, inject, it } from "vitest";
import { registerCatalogCommands } from "../../src/cli/commands/catalog.js";
import { registerOperatorCommands } from "../../src/cli/commands/operator.js";
import { seedDemoCatalog } from "../../src/demo/seed-catalog.js";
import { seedDemoFleet } from "../../src/demo/seed.js";
import { goneVertexIds, vertexListingPage } from "../../src/demo/vertex-listing.js";
import { VERTEX_PUBLISHERS, vertexRow } from "../../src/catalog/readers/vertex.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase } from "../helpers/database.js";

/**
 * Issue 17 item 4 on the demo fleet: the demo's catalog has Vertex rows, read through the
 * production Vertex reader and `discoverProvider` from the demo's Model Garden listing, so
 * `catalog search --provider vertex` and the ledger show Vertex like the other providers; the
 * models the demo's scenarios say Vertex removed or retired are not listed, and listing Vertex
 * turns no failing Vertex model into a rename.
 */

interface JsonHit {
  provider: string;
  modelId: string;
  facts: { notBenchmarkableReason: string | null };
}

describe("the demo's Vertex catalog", () => {
  it("is stored through the Vertex reader, searchable, and leaves out what the scenarios removed", async () => {
    const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const t = await openTestDatabase("demo_vertex_catalog");
    const { manifest } = await seedDemoFleet(t.repos, {
      seed: 42,
      now,
      models: 523,
      days: 7,
      cadenceHours: 6,
    });
    const catalog = await seedDemoCatalog(t.repos, now);
    const gone = goneVertexIds(manifest);

    // The read is in the ledger as a complete read of every publisher's page.
    const listed = VERTEX_PUBLISHERS.flatMap((p) => vertexListingPage(p, gone).publisherModels);
    expect(catalog.providers).toContainEqual({ provider: "vertex", rows: listed.length });
    const [ledger] = (await t.repos.discoveryRuns.latestPerProvider()).filter((r) => r.provider === "vertex");
    expect(ledger?.latestComplete).toMatchObject({
      provider: "vertex",
      pages: VERTEX_PUBLISHERS.length,
      accepted_count: listed.length,
      coverage: [...VERTEX_PUBLISHERS],
    });

    // Stored rows carry the request spelling of each kind of Vertex model.
    const rows = await t.repos.providerCatalog.find("vertex");
    const ids = rows.map((r) => r.model_id).sort();
    expect(ids).toEqual(listed.map((r) => vertexRow(r)!.modelId).sort());
    expect(ids).toEqual(
      expect.arrayContaining([
        "gemini-2.5-pro",
        "claude-sonnet-4-5@20250929",
        "meta/llama-3.1-405b-instruct-maas",
      ]),
    );
    // The 523-model demo (seed 42) has Vertex models the provider removed; none is listed.
    expect(gone.size).toBeGreaterThan(0);
    for (const id of gone) expect(ids).not.toContain(id);

    const cli = inProcessCli(
      () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
      [registerCatalogCommands, registerOperatorCommands],
    );
    const found = JSON.parse(
      await cli("catalog", "search", "--provider", "vertex", "--limit", "100", "--json"),
    ) as { total: number; hits: JsonHit[] };
    expect(found.total).toBe(listed.length);
    const why = Object.fromEntries(found.hits.map((h) => [h.modelId, h.facts.notBenchmarkableReason]));
    expect(why).toMatchObject({
      "gemini-2.5-flash": null,
      "claude-haiku-4-5@20251001": null,
      "text-embedding-005": "embedding",
      "imagen-4.0-generate-001": "image",
      gemma3: "dedicated-only",
    });

    // Listing Vertex changes no decision into a rename: the demo's two renames stay the only ones.
    const dry = await cli("operator", "run", "--dry-run");
    expect(dry).toMatch(/would_rename=2/);
    expect(dry).not.toMatch(/would rename vertex:/);
  }, 240_000);
});
