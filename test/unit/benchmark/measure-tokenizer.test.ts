import { expect, it } from "vitest";
import { tokenizerLoads } from "../../../src/providers/tokenizer.js";

/**
 * `serve` loads the measurement core with its jobs at start; the tokenizer (a few hundred ms of
 * CPU) must not load with it, or it slows the first calls the fresh server answers. Whatever
 * measures loads it before its first run's clock starts (`prepareMeasurement`).
 */
it("loading the measurement core loads no tokenizer; preparing a measurement loads it once", async () => {
  const { prepareMeasurement } = await import("../../../src/benchmark/measure.js");
  await import("../../../src/benchmark/sweep.js");
  expect(tokenizerLoads()).toBe(0);
  prepareMeasurement();
  prepareMeasurement();
  expect(tokenizerLoads()).toBe(1);
});
