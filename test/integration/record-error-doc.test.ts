import { describe, expect, it } from "vitest";
import { getModelSignals } from "../../src/signals/read.js";
import { recordErrorDoc } from "../../src/signals/record.js";
import { failureDoc } from "../../src/taxonomy/failure-doc.js";
import { openTestDatabase } from "../helpers/database.js";

const NOW = new Date("2026-11-20T12:30:00Z");

describe("a run's error document is built once and stored as built", () => {
  it("stores the builder's document unchanged, with its own kind, and folds it into the signals", async () => {
    const { repos } = await openTestDatabase("record-error-doc");
    // A deadline we observed: the text alone would not classify as a timeout.
    const built = failureDoc({
      provider: "openai",
      model: "gpt-x",
      ts: new Date(NOW.getTime() - 60_000),
      stage: "generate",
      message: "no first token within 120000 ms (key sk-proj-abcdefghijklmnopqrstuv)",
      knownKind: "timeout",
      extra: { attempt: 1, claim_id: "c1" },
    });
    await recordErrorDoc(repos, { ...built, recovery_probe: true }, NOW);

    const found = await repos.errors.find({ provider: "openai", model_name: "gpt-x" });
    expect(found).toHaveLength(1);
    const stored = found[0]!;
    const { _id, signals_at, ...rest } = stored;
    expect(rest).toEqual({ ...built, recovery_probe: true });
    expect(signals_at).toEqual(NOW);
    expect(stored.message).not.toContain("sk-proj-abcdefghijklmnopqrstuv");
    expect(stored.error_kind).toBe("timeout");

    const signals = await getModelSignals(repos, "openai", "gpt-x", NOW);
    expect(signals?.consecutiveFailures).toBe(1);
  });
});
