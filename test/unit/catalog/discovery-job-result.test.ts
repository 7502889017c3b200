import { describe, expect, it } from "vitest";
import { discoveryWorkResult } from "../../../src/catalog/discovery/job-result.js";

// Unreachable through today's plan (OpenRouter is read unless REMOTE_ONLY_PROVIDERS names it), so
// tested here: nothing read and no runner to read it is a failure, not an empty `ok`.
describe("discoveryWorkResult", () => {
  it("fails when every provider was skipped and none is left to the runners", () => {
    const outcomes = [
      { provider: "openai", skipped: "no API key (OPENAI_API_KEY is unset)" },
      { provider: "groq", skipped: "no API key (GROQ_API_KEY is unset)" },
    ];
    expect(() => discoveryWorkResult(outcomes, () => false)).toThrow(
      "no provider could be read, so the catalog was not refreshed: skipped: openai, groq (no API key)",
    );
  });
});
