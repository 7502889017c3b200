import { describe, expect, it } from "vitest";
import { expandVerdicts } from "../../src/operator/expand.js";
import { buildSituations } from "../../src/operator/situations.js";
import { getFleetSignals, getModelSignals } from "../../src/signals/read.js";
import type { FingerprintVerdictDoc } from "../../src/storage/fingerprint-verdicts-repository.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { openTestDatabase } from "../helpers/database.js";
import { addModels, DAY, failure, HOUR, success } from "../unit/jobs/fixtures.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

/**
 * What the fingerprint-classification job stores is read back with the signals: agents, the
 * tools and the operator's LLM see how an LLM classified an `unknown` error. The classification
 * was read out of provider text, so it must never become evidence for a disable.
 */
describe("stored fingerprint classifications", () => {
  it("are shown with the signals, the situation and the tools, and never make a disable stand", async () => {
    const t = await openTestDatabase("fingerprint-classifications");
    const { repos } = t;
    await addModels(repos, "x", ["m1", "m2", "ok"], ago(30 * DAY));
    await success(repos, "x", "ok", ago(HOUR));
    const message = "upstream said: wibble frobnicated";
    for (const m of ["m1", "m2"]) {
      await success(repos, "x", m, ago(4 * DAY));
      for (const h of [72, 60, 5]) await failure(repos, "x", m, ago(h * HOUR), message, null);
    }
    const before = (await getModelSignals(repos, "x", "m1", NOW))!;
    expect(before.lastError).toMatchObject({ kind: "unknown", classified: null });
    const fingerprint = before.lastError!.fingerprint;

    // As if an injected message had talked the classifier into "retired".
    const verdict: FingerprintVerdictDoc = {
      _id: fingerprint,
      provider: "x",
      kind: "model_retired",
      class: "hard",
      confidence: 0.95,
      reasoning: "the provider retired it",
      sample_message: message,
      occurrences: 6,
      model_ids: ["m1", "m2"],
      source: "llm",
      backend: "openai",
      model: "gpt-test",
      decided_at: ago(HOUR),
      run_id: "run_1",
    };
    await repos.fingerprintVerdicts.insertNew([verdict]);
    const classified = {
      kind: "model_retired",
      class: "hard",
      confidence: 0.95,
      by: "openai:gpt-test",
      decidedAt: ago(HOUR),
    };

    expect((await getModelSignals(repos, "x", "m1", NOW))!.lastError?.classified).toEqual(classified);
    const fleet = await getFleetSignals(repos, NOW);
    expect(fleet.find((s) => s.model_id === "m2")!.lastError?.classified).toEqual(classified);
    expect(fleet.find((s) => s.model_id === "ok")!.lastError).toBeNull();

    const providers = new Map([["x", { state: "healthy" as const, hasHealthyModels: true }]]);
    const { situations } = buildSituations(fleet, providers, NOW);
    expect(situations).toHaveLength(1);
    const situation = situations[0]!;
    expect(situation).toMatchObject({ kind: "unknown", classified, modelCount: 2 });
    expect(situation.suggestion.action).toBe("monitor");
    expect(situation.suggestion.reasoning).toMatch(/an LLM classified them as model_retired \(hard\)/);

    // An LLM verdict to disable, on the strength of that classification, is turned into monitor.
    const proposals = expandVerdicts(
      situations,
      new Map([
        [
          situation.id,
          {
            verdict: { situationId: situation.id, action: "disable", confidence: 0.9, reasoning: "retired" },
            source: "llm",
          },
        ],
      ]),
      new Map(fleet.map((s) => [`${s.provider}:${s.model_id}`, s])),
      providers,
      NOW,
    );
    expect(proposals.map((p) => [p.model_id, p.action, p.override])).toEqual([
      ["m1", "monitor", "unknown is not evidence about the model"],
      ["m2", "monitor", "unknown is not evidence about the model"],
    ]);

    const agent = await connect(await sharedFor(t, NOW));
    const listed = await call(agent, "list_situations", {});
    const rows = (listed.structured as { situations: Record<string, unknown>[] }).situations;
    expect(rows[0]).toMatchObject({
      kind: "unknown",
      error_class: "unknown",
      classified: { kind: "model_retired", class: "hard", by: "openai:gpt-test" },
    });
    const one = await call(agent, "get_model_signals", { provider: "x", model_id: "m1" });
    expect((one.structured as { last_error: Record<string, unknown> }).last_error).toMatchObject({
      kind: "unknown",
      classified: { kind: "model_retired", confidence: 0.95, decided_at: ago(HOUR).toISOString() },
    });
  });
});
