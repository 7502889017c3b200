import type { SpendEntry } from "../../src/storage/spend-repository.js";

/**
 * A paid call as the ledger holds it at its start (`SpendLedger.open`): charged at its estimate, no
 * output yet, not ok. Tests of what is shown while a call is in flight override what they check.
 */
export function callInFlight(
  overrides: Partial<SpendEntry> & Pick<SpendEntry, "at" | "category">,
): SpendEntry {
  return {
    purpose: overrides.category === "benchmark" ? "benchmark_run" : "operator_decision",
    runId: "run_in_flight",
    backend: "openai",
    model: "gpt-5.2",
    inputTokens: 1000,
    outputTokens: 0,
    costUsd: 0.05,
    usageSource: "counted",
    latencyMs: 0,
    ok: false,
    ...overrides,
  };
}
