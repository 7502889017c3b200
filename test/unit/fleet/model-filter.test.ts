import { describe, expect, it } from "vitest";
import { comesAfter, filterModels } from "../../../src/fleet/model-filter.js";
import type { ModelSignals } from "../../../src/signals/read.js";
import { signals } from "../operator/fixtures.js";

/** The one filter of list_models and the console's models page. */
const deprecated = (s: ModelSignals, enabled: boolean): ModelSignals => ({
  ...s,
  catalog: { ...s.catalog, enabled, deprecated: true },
});

const fleet = [
  signals("openai", "gpt-b", { failingHours: 30 }),
  deprecated(signals("openai", "gpt-old"), false),
  signals("groq", "Llama-3.1-8B", { enabled: false }),
  deprecated(signals("openai", "gpt-A"), true),
  signals("anthropic", "claude-x"),
];
const ids = (rows: ModelSignals[]): string[] => rows.map((s) => `${s.provider}:${s.model_id}`);

describe("filterModels", () => {
  it("sorts by provider, then id in JavaScript string order (upper case first), the order comesAfter pages by", () => {
    const all = ids(filterModels(fleet, {}));
    expect(all).toEqual([
      "anthropic:claude-x",
      "groq:Llama-3.1-8B",
      "openai:gpt-A",
      "openai:gpt-b",
      "openai:gpt-old",
    ]);
    expect(
      filterModels(fleet, {})
        .filter((s) => comesAfter(s, ["openai", "gpt-A"]))
        .map((s) => s.model_id),
    ).toEqual(["gpt-b", "gpt-old"]);
  });

  it("keeps what every given field says: provider, enabled, deprecated, failing, id text in any case", () => {
    expect(ids(filterModels(fleet, { enabled: false, deprecated: false }))).toEqual(["groq:Llama-3.1-8B"]);
    expect(ids(filterModels(fleet, { deprecated: true }))).toEqual(["openai:gpt-A", "openai:gpt-old"]);
    expect(ids(filterModels(fleet, { provider: "openai", failing: true }))).toEqual(["openai:gpt-b"]);
    expect(ids(filterModels(fleet, { query: "llama-3.1" }))).toEqual(["groq:Llama-3.1-8B"]);
    expect(ids(filterModels(fleet, { provider: "groq", enabled: true }))).toEqual([]);
  });
});
