import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmissionPass } from "../../src/admission/service.js";
import { runSweep } from "../../src/benchmark/sweep.js";
import { discoverProvider } from "../../src/catalog/discovery/run.js";
import { groqCatalogReader } from "../../src/catalog/readers/groq.js";
import { openRouterCatalogReader } from "../../src/catalog/readers/openrouter.js";
import type { Deps } from "../../src/deps.js";
import { silentLogger } from "../../src/logger.js";
import type { OperatorLlmBackend } from "../../src/providers/llm/backend.js";
import { createOperatorLlmChain } from "../../src/providers/llm/index.js";
import type { OpenRouterCatalogDoc } from "../../src/storage/documents.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  FAKE_API_KEY,
  startFakeCatalogServer,
  type FakeCatalogServer,
} from "../helpers/fake-catalog-server.js";
import type { FakeLlmServer } from "../helpers/fake-llm-server.js";
import { startFakeProviders, type FakeProviders } from "../helpers/fake-providers/client.js";
import { openRouterRow, startScriptedMatcher } from "../helpers/scripted-matcher.js";

/**
 * Issue 17 (walk, item 2): a refuted guess's candidate is rejected in the pass that refutes it.
 * Real database, the fake catalog, a scripted fake LLM, and the fake providers answering the
 * sweep's probes; the probes are counted in the providers fake's own request log.
 */
const H = 3_600_000;
const T0 = new Date(Date.now() - 30 * H);
const at = (hours: number): Date => new Date(T0.getTime() + hours * H);

let t: TestDatabase;
let catalog: FakeCatalogServer;
let llm: FakeLlmServer;
let fake: FakeProviders;
let chain: OperatorLlmBackend[];
let now = at(0);
/** What the scripted matcher answers per OpenRouter id; any other entry: no match. */
let guesses: Record<string, string> = {};

beforeAll(async () => {
  [catalog, fake] = await Promise.all([startFakeCatalogServer(), startFakeProviders()]);
  llm = await startScriptedMatcher(() => guesses, 0.9);
  t = await openTestDatabase("admission_refuted_guess", {
    OPERATOR_LLM: "openai:gpt-test",
    OPENAI_API_KEY: "sk-test-operator-key-000000",
    OPENAI_BASE_URL: llm.openaiBaseUrl,
    OPERATOR_LLM_PRICES: JSON.stringify({ "gpt-test": { input: 1, output: 2 } }),
    MATCH_MAX_GUESSES: "2",
    BENCH_PROFILE: "story-64-v1",
    BENCH_PROBE_WINDOW_HOURS: "1",
  });
  // Groq's probes go to the providers fake; OpenAI stays the fake LLM the matcher calls.
  t.config = {
    ...t.config,
    providers: { ...fake.config.providers, openai: t.config.providers.openai },
  };
  chain = createOperatorLlmChain(t.config);
  catalog.setRows("openrouter", [
    openRouterRow("acme/new-model-x", "Acme: New Model X"),
    openRouterRow("omega/model-o", "Omega: Model O"),
  ]);
  // Groq is read (so its ids may be guessed) but lists nothing: no catalog candidates to probe.
  catalog.setRows("groq", []);
  const read = async (reader: Parameters<typeof discoverProvider>[1]) =>
    expect((await discoverProvider(t.repos, reader, { clock: () => at(0) })).complete).toBe(true);
  await read(openRouterCatalogReader({ baseUrl: catalog.baseUrl("openrouter") }));
  await read(groqCatalogReader({ apiKey: FAKE_API_KEY, baseUrl: catalog.baseUrl("groq") }));
});
afterAll(async () => {
  await Promise.all([catalog?.close(), llm?.close(), fake?.stop()]);
});

const deps = (): Deps => ({ config: t.config, logger: silentLogger, repos: t.repos, clock: () => now });
const pass = (runId: string) => runAdmissionPass(deps(), { runId, chain });
const sweep = () => runSweep(deps(), { holder: "test" });
const entry = (id: string) =>
  t.db.collection<OpenRouterCatalogDoc>("openrouter_catalog").findOne({ openrouter_id: id });
const status = async (modelId: string) =>
  (await t.repos.models.get({ provider: "groq", model_id: modelId }))?.status;
/**
 * Probes the providers fake received for one model id. The matcher's ids have no `~key`: the fake
 * answers an id it has no scenario for with a 404, and streams `basic`.
 */
const probesOf = async (model: string) => (await fake.log()).filter((e) => e.model === model).length;

describe("a refuted guess's candidate", () => {
  it("is rejected in the pass that refutes it: the next guess goes to the matcher, no probe is spent on it again", async () => {
    guesses = { "acme/new-model-x": "acme-x-1", "omega/model-o": "omega-o-1" };
    now = at(1);
    const p1 = await pass("p1");
    expect(p1.counts["matched_by_llm"], JSON.stringify([p1.counts, p1.problems])).toBe(2);
    now = at(2);
    expect((await pass("p2")).newCandidates.map((c) => c.model_id).sort()).toEqual(["acme-x-1", "omega-o-1"]);
    expect(await status("acme-x-1")).toBe("probing");

    now = at(3);
    expect((await sweep()).counts).toMatchObject({ due: 2 });
    expect([await probesOf("acme-x-1"), await probesOf("omega-o-1")]).toEqual([1, 1]);
    // Omega has spent its share: refuted now, it has no attempt left.
    await t.db
      .collection<OpenRouterCatalogDoc>("openrouter_catalog")
      .updateOne({ openrouter_id: "omega/model-o" }, { $set: { match_spend_usd: 1 } });

    guesses = { "acme/new-model-x": "basic" };
    now = at(4);
    const refuting = await pass("p3");
    expect(refuting.counts).toMatchObject({
      guesses_refuted: 1,
      guesses_exhausted: 1,
      matched_by_llm: 1,
      refuted_guesses_rejected: 2,
    });
    // Both candidates rejected at once, with attempts left (X) and without (Omega); no recheck date.
    for (const id of ["acme-x-1", "omega-o-1"]) {
      const m = await t.repos.models.get({ provider: "groq", model_id: id });
      expect(m).toMatchObject({ status: "rejected", enabled: false, recheck_after: null });
      expect(m?.disabled_reason).toMatch(/refuted by a probe \(model_not_found\)/);
    }
    expect((await entry("acme/new-model-x"))?.match_guesses?.map((g) => [g.model_id, g.outcome])).toEqual([
      ["acme-x-1", "refuted"],
      ["basic", "pending"],
    ]);
    expect(await entry("omega/model-o")).toMatchObject({ matched_model_id: null, match_exhausted_at: at(4) });

    // The next pass adds X's second guess; the sweep, past the probe window, probes only it.
    now = at(5);
    expect((await pass("p4")).newCandidates.map((c) => c.model_id)).toEqual(["basic"]);
    now = at(7);
    expect((await sweep()).counts).toMatchObject({ due: 1 });
    expect([await probesOf("acme-x-1"), await probesOf("omega-o-1"), await probesOf("basic")]).toEqual([
      1, 1, 1,
    ]);
    now = at(8);
    await pass("p5");
    expect((await entry("acme/new-model-x"))?.match_guesses?.map((g) => g.outcome)).toEqual([
      "refuted",
      "verified",
    ]);
    expect(await status("acme-x-1")).toBe("rejected");
    // Later sweeps never probe the refuted ids again.
    now = at(10);
    await sweep();
    expect([await probesOf("acme-x-1"), await probesOf("omega-o-1")]).toEqual([1, 1]);
  }, 120_000);
});
