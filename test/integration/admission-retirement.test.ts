import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAdmissionPass } from "../../src/admission/service.js";
import type { Deps } from "../../src/deps.js";
import { discoverProvider } from "../../src/catalog/discovery/run.js";
import { silentLogger } from "../../src/logger.js";
import { reject } from "../../src/decisions/review.js";
import { principalFor } from "../../src/policy/principal.js";
import { anthropicCatalogReader } from "../../src/catalog/readers/anthropic.js";
import { groqCatalogReader } from "../../src/catalog/readers/groq.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_API_KEY,
  SNAPSHOTS,
  snapshotRows,
  startFakeCatalogServer,
  type FakeCatalogServer,
} from "../helpers/fake-catalog-server.js";

const H = 3_600_000;
const T0 = new Date("2026-06-10T00:00:00Z");
const at = (hours: number): Date => new Date(T0.getTime() + hours * H);

let t: TestDatabase;
let server: FakeCatalogServer;
beforeAll(async () => {
  t = await openTestDatabase("admission_retirement");
  server = await startFakeCatalogServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.clearFaults();
  server.useSnapshot("anthropic", SNAPSHOTS.anthropic);
  server.useSnapshot("groq", SNAPSHOTS.groq);
  for (const c of [
    "models",
    "decisions",
    "mutation_batches",
    "discovery_runs",
    "provider_catalog",
    "claims",
    "admission_passes",
  ])
    await t.db.collection(c).deleteMany({});
});

const deps = (now: Date): Deps => ({
  config: t.config,
  logger: silentLogger,
  repos: t.repos,
  clock: () => now,
});
// Admission also registers the catalog's new models as candidates; those are disabled and never retired.
const pass = (now: Date) => runAdmissionPass(deps(now), { runId: `run-${now.toISOString()}`, chain: [] });
const anthropic = () =>
  anthropicCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: server.baseUrl("anthropic"), pageSize: 4 });
const groq = () => groqCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: server.baseUrl("groq") });
const read = (reader: ReturnType<typeof anthropic>, hours: number) =>
  discoverProvider(t.repos, reader, { clock: () => at(hours) });

/** One pass's report row of a deprecate it proposed, waiting for a person. */
const pendingDeprecate = (model_id: string) => ({
  provider: "anthropic",
  model_id,
  decision_id: expect.any(String),
  status: "pending",
});

describe("retirement on evidence", () => {
  it("partial and failed reads never count; three complete reads give exactly one deprecate decision", async () => {
    await t.repos.models.insertMany([
      { provider: "anthropic", model_id: "claude-opus-4-20250514", enabled: true },
      { provider: "anthropic", model_id: "claude-3-5-sonnet-20241022", enabled: true },
      { provider: "anthropic", model_id: "claude-instant-1.2", enabled: true },
      { provider: "anthropic", model_id: "claude-1.3", enabled: false },
    ]);
    expect((await read(anthropic(), 1)).complete).toBe(true);
    server.fault("anthropic", 2, { kind: "truncate" });
    expect((await read(anthropic(), 2)).complete).toBe(false);
    server.clearFaults();
    server.fault("anthropic", 1, { kind: "status", status: 500 });
    expect((await read(anthropic(), 3)).complete).toBe(false);
    server.clearFaults();
    expect((await read(anthropic(), 4)).complete).toBe(true);

    const early = await pass(at(5));
    expect(early.retirements).toEqual([]);
    expect(early.notEvaluable).toEqual([
      { provider: "anthropic", reason: "2 complete read(s) on record, 3 needed" },
    ]);

    expect((await read(anthropic(), 6)).complete).toBe(true);
    const r = await pass(at(7));
    expect(r.retirements).toEqual([pendingDeprecate("claude-instant-1.2")]);
    const d = await t.repos.decisions.get(r.retirements[0]!.decision_id!);
    expect(d).toMatchObject({ action: "deprecate", status: "pending", proposed_by: { name: "admission" } });
    expect((d?.evidence["absent_from_complete_reads"] as unknown[]).length).toBe(3);
    expect(
      (await t.repos.models.get({ provider: "anthropic", model_id: "claude-instant-1.2" }))?.enabled,
    ).toBe(true);

    // Not proposed again while it is open, not even after a newer complete read.
    expect((await pass(at(8))).retirements).toEqual([]);
    await read(anthropic(), 9);
    const later = await pass(at(10));
    expect(later.retirements).toEqual([]);
    expect(later.counts["retire_already_open"]).toBe(1);
    expect(await t.repos.decisions.count({ action: "deprecate" })).toBe(1);
  });

  it("a model added after the reads began is judged only by reads made since it was added", async () => {
    await t.repos.models.insertMany([
      { provider: "anthropic", model_id: "claude-opus-4-20250514", enabled: true, created_at: at(0) },
    ]);
    for (const h of [1, 2, 3]) expect((await read(anthropic(), h)).complete).toBe(true);
    // Added by a person between the reads and the pass: none of the three saw it in the fleet.
    await t.repos.models.insertMany([
      { provider: "anthropic", model_id: "claude-next-preview", enabled: true, created_at: at(3.5) },
    ]);
    const first = await pass(at(4));
    expect(first.retirements).toEqual([]);
    expect(first.counts["retire_added_since_reads"]).toBe(1);
    // Two reads since: the oldest of the last three still predates it.
    for (const h of [5, 6]) await read(anthropic(), h);
    expect((await pass(at(7))).retirements).toEqual([]);
    // Three complete reads since it was added, none listing it: now it is evidence.
    await read(anthropic(), 8);
    const r = await pass(at(9));
    expect(r.retirements).toEqual([pendingDeprecate("claude-next-preview")]);
    expect(r.counts["retire_added_since_reads"]).toBe(0);
  });

  it("a mass disappearance is bounded per pass and reported with a reason", async () => {
    const rows = snapshotRows(SNAPSHOTS.groq);
    server.setRows(
      "groq",
      rows.filter((r) => r["id"] === "llama-3.3-70b-versatile" || r["id"] === "openai/gpt-oss-120b"),
    );
    await t.repos.models.insertMany([
      { provider: "groq", model_id: "llama-3.3-70b-versatile", enabled: true },
      { provider: "groq", model_id: "openai/gpt-oss-120b", enabled: true },
      ...Array.from({ length: 8 }, (_, i) => ({ provider: "groq", model_id: `gone-${i}`, enabled: true })),
    ]);
    for (const h of [1, 2, 3]) expect((await read(groq(), h)).complete).toBe(true);

    const r = await pass(at(4));
    // Ten enabled models, a quarter of them per pass: two proposals, six held back.
    expect(r.retirements.map((x) => x.model_id)).toEqual(["gone-0", "gone-1"]);
    expect(r.massDisappearances).toEqual([
      expect.objectContaining({ provider: "groq", fleet: 10, missing: 8, proposed: 2, held: 6 }),
    ]);
    expect(r.massDisappearances[0]!.reason).toMatch(/mass disappearance at groq: 8 of 10/);
    expect(r.summary).toMatch(/mass disappearance at groq/);
    const stored = await t.repos.admissionPasses.latest();
    expect(stored?.mass_disappearances[0]).toMatchObject({ provider: "groq", held: 6 });

    const next = await pass(at(5));
    expect(next.retirements.map((x) => x.model_id)).toEqual(["gone-2", "gone-3"]);
    expect(next.massDisappearances[0]).toMatchObject({ proposed: 2, held: 4 });
    expect(await t.repos.decisions.count({ action: "deprecate", status: "pending" })).toBe(4);
  });

  it("a person's rejection of a deprecation holds it for a week, then a new one waits for a person", async () => {
    await t.repos.models.insertMany([
      { provider: "anthropic", model_id: "claude-opus-4-20250514", enabled: true },
      { provider: "anthropic", model_id: "claude-instant-1.2", enabled: true },
    ]);
    for (const h of [1, 2, 3]) expect((await read(anthropic(), h)).complete).toBe(true);
    const first = await pass(at(4));
    const id = first.retirements[0]!.decision_id!;
    await reject(t.repos, id, principalFor("alice", "operator"), "still served to our account", at(5));

    // A newer complete read is new evidence, but the person's word holds for a week.
    await read(anthropic(), 30);
    const held = await pass(at(31));
    expect(held.retirements).toEqual([
      {
        provider: "anthropic",
        model_id: "claude-instant-1.2",
        decision_id: null,
        status: `held: alice rejected its deprecation on 2026-06-10 (${id})`,
      },
    ]);
    expect(held.counts).toMatchObject({ retire_proposed: 0, retire_held_by_person: 1 });
    expect(held.summary).toMatch(/0 deprecation\(s\) proposed \(1 held by a person's word\)/);
    expect(await t.repos.decisions.count({ action: "deprecate" })).toBe(1);

    // After the week a new proposal is made, and it waits for a person whatever the policy allows.
    await read(anthropic(), 24 * 9);
    const later = await pass(at(24 * 9 + 1));
    const again = await t.repos.decisions.get(later.retirements[0]!.decision_id!);
    expect(again).toMatchObject({ action: "deprecate", status: "pending" });
    expect(again?.evidence["person_word"]).toMatchObject({ how: "rejected", by: "alice", decision_id: id });
    expect(again?.policy_verdict.reasons.join(" ")).toMatch(
      /alice rejected the same change.*it waits for a person/,
    );
  });
});
