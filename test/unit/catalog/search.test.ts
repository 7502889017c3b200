import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "../../../src/catalog/catalog-index.js";
import { MAX_LIMIT, searchCatalog, type CatalogQuery } from "../../../src/catalog/search.js";
import { SNAPSHOTS, snapshotRows } from "../../helpers/fake-catalog-server.js";
import { snapshotIndex } from "./snapshot-index.js";

const index = snapshotIndex();
const SINCE = new Date("2026-01-01T00:00:00Z");

/** "Which new reasoning models with tool use cost under $1 per million output tokens?" */
const QUESTION: CatalogQuery = { reasoning: true, tools: true, maxOutputPrice: 1, newSince: SINCE };

function allKeys(query: CatalogQuery): string[] {
  const keys: string[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page = searchCatalog(index, { ...query, limit: MAX_LIMIT, offset });
    keys.push(...page.hits.map((h) => h.key));
    offset = page.nextOffset;
  }
  return keys;
}

describe("catalog search", () => {
  it("answers the question exactly as a brute-force filter over the same entries does", () => {
    const brute = (e: CatalogEntry): boolean => {
      const f = e.facts;
      const added = f.createdAt?.value ?? e.firstSeenAt;
      return (
        f.reasoning?.value === true &&
        f.tools?.value === true &&
        typeof f.outputPricePerMillion?.value === "number" &&
        f.outputPricePerMillion.value <= 1 &&
        added !== null &&
        added.getTime() >= SINCE.getTime()
      );
    };
    const expected = index.entries
      .filter(brute)
      .map((e) => e.key)
      .sort();
    const got = allKeys(QUESTION);
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(5);
  });

  it("its OpenRouter part matches a brute force over the raw snapshot JSON", () => {
    const raw = snapshotRows(SNAPSHOTS.openrouterJun);
    const expected = raw
      .filter((r) => {
        const params = r["supported_parameters"] as string[];
        const completion = Number((r["pricing"] as Record<string, string>)["completion"]);
        return (
          params.includes("tools") &&
          (params.includes("reasoning") || params.includes("include_reasoning")) &&
          completion >= 0 &&
          completion * 1e6 <= 1 + 1e-9 &&
          (r["created"] as number) * 1000 >= SINCE.getTime()
        );
      })
      .map((r) => `openrouter:${String(r["id"])}`)
      .sort();
    const got = allKeys({ ...QUESTION, provider: "openrouter" }).sort();
    expect(got).toEqual(expected);
  });

  it("says for each answer whether we benchmark it, and where each fact came from", () => {
    const res = searchCatalog(index, { ...QUESTION, limit: MAX_LIMIT });
    for (const h of res.hits) {
      expect(typeof h.fleet.inFleet).toBe("boolean");
      expect(h.facts.reasoning?.source).toMatch(/openrouter|provider_catalog|derived-from-id/);
      expect(h.lastSeenAt).toBeInstanceOf(Date);
    }
    expect(res.hits.some((h) => h.provider === "openrouter" && h.lastCompleteReadAt !== null)).toBe(true);
    // Newest first among equal scores (no text query).
    const added = res.hits.map((h) => (h.facts.createdAt?.value ?? h.firstSeenAt)!.getTime());
    expect(added).toEqual([...added].sort((a, b) => b - a));
  });

  it("ranks an exact id first, then id matches, then name/family, then description", () => {
    const res = searchCatalog(index, { text: "gpt-4o", limit: 50 });
    const exact = res.hits
      .filter((h) => h.matchedOn === "id-exact")
      .map((h) => h.key)
      .sort();
    expect(exact).toEqual(["openai:gpt-4o", "openrouter:openai/gpt-4o"]);
    expect(res.hits.slice(0, 2).every((h) => h.matchedOn === "id-exact")).toBe(true);
    const scores = res.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const one = searchCatalog(index, { text: "claude-3-5-sonnet-20241022" });
    expect(one.hits[0]?.key).toBe("anthropic:claude-3-5-sonnet-20241022");

    const byDescription = searchCatalog(index, { text: "guardrail", limit: 5 });
    expect(byDescription.hits.every((h) => h.matchedOn === "description")).toBe(true);
    expect(byDescription.total).toBeGreaterThan(0);
  });

  it("requires every word and searches name and family", () => {
    const res = searchCatalog(index, { text: "claude-4.x sonnet", provider: "anthropic" });
    expect(res.hits.map((h) => h.modelId).sort()).toEqual(["claude-sonnet-4-20250514"]);
    expect(searchCatalog(index, { text: "sonnet zzzz-no-such-word" }).total).toBe(0);
  });

  it("paginates: pages join up to the full result, without duplicates, and end with nextOffset null", () => {
    const query: CatalogQuery = { benchmarkable: true, vision: true };
    const full = allKeys(query);
    const walked: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const page = searchCatalog(index, { ...query, limit: 7, offset });
      expect(page.total).toBe(full.length);
      walked.push(...page.hits.map((h) => h.key));
      offset = page.nextOffset;
      pages += 1;
    }
    expect(walked).toEqual(full);
    expect(pages).toBe(Math.ceil(full.length / 7));
  });

  it("filters on fleet membership, price, context and provider", () => {
    const inFleet = searchCatalog(index, { inFleet: true, limit: MAX_LIMIT });
    expect(inFleet.hits.every((h) => h.fleet.inFleet)).toBe(true);
    expect(inFleet.hits.map((h) => h.key)).toContain("openrouter:anthropic/claude-sonnet-4.5");
    const cheapLong = searchCatalog(index, { maxInputPrice: 0.1, minContext: 1_000_000, limit: MAX_LIMIT });
    for (const h of cheapLong.hits) {
      expect(h.facts.inputPricePerMillion!.value).toBeLessThanOrEqual(0.1);
      expect(h.facts.contextLength!.value).toBeGreaterThanOrEqual(1_000_000);
    }
    expect(searchCatalog(index, { provider: "groq", limit: MAX_LIMIT }).total).toBe(16);
  });

  it("bounds limit and offset", () => {
    expect(() => searchCatalog(index, { limit: MAX_LIMIT + 1 })).toThrow(/limit must be an integer/);
    expect(() => searchCatalog(index, { offset: -1 })).toThrow(/offset/);
    expect(searchCatalog(index, {}).hits).toHaveLength(20);
  });
});
