import { describe, expect, it } from "vitest";
import { SignalDaysCache } from "../../../src/signals/days-cache.js";
import type { ModelSignalDoc, SignalDayDoc } from "../../../src/storage/signals-repository.js";

const status = (errors: number): ModelSignalDoc => ({
  _id: "openai:m",
  provider: "openai",
  model_id: "m",
  errors_total: errors,
  successes_total: 3,
  updated_at: new Date("2026-11-20T12:00:00Z"),
});
const bucket = (errors: number): SignalDayDoc[] => [
  { _id: "openai:m:2026-11-20", provider: "openai", model_id: "m", day: new Date("2026-11-20"), errors },
];

describe("SignalDaysCache", () => {
  it("serves kept buckets while the status is unchanged and re-reads when it changes", async () => {
    const cache = new SignalDaysCache();
    let loads = 0;
    const load = (errors: number) => (): Promise<SignalDayDoc[]> => (
      loads++,
      Promise.resolve(bucket(errors))
    );
    expect(await cache.read("openai:m", status(1), load(1))).toEqual(bucket(1));
    expect(await cache.read("openai:m", status(1), load(99))).toEqual(bucket(1));
    expect(loads).toBe(1);
    expect(await cache.read("openai:m", status(2), load(2))).toEqual(bucket(2));
    expect(loads).toBe(2);
  });

  it("keeps nothing without a status document", async () => {
    const cache = new SignalDaysCache();
    await cache.read("openai:m", null, () => Promise.resolve(bucket(1)));
    expect(await cache.read("openai:m", null, () => Promise.resolve(bucket(2)))).toEqual(bucket(2));
    expect(cache.size).toBe(0);
  });

  it("drops the least recently used model beyond its bound", async () => {
    const cache = new SignalDaysCache(2);
    let loads = 0;
    const load = (): Promise<SignalDayDoc[]> => (loads++, Promise.resolve(bucket(1)));
    await cache.read("a", status(1), load);
    await cache.read("b", status(1), load);
    await cache.read("a", status(1), load); // a is now the most recent
    await cache.read("c", status(1), load); // evicts b
    expect(cache.size).toBe(2);
    await cache.read("a", status(1), load);
    expect(loads).toBe(3);
    await cache.read("b", status(1), load);
    expect(loads).toBe(4);
  });
});
