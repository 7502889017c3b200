import { describe, expect, it } from "vitest";
import { PROBES, probeVariants } from "../../../src/taxonomy/probes.js";
import { scoreCorpus, type LabelledMessage } from "../../../src/taxonomy/score.js";
import { loadAllBatches, splitOfCorpus } from "./corpus.js";

/**
 * Paraphrase-robustness of the taxonomy on the train split (issue 17 item 11): the same real
 * messages cut, unwrapped from their envelope or stripped of their status must still be read for
 * what they say, and must never become a false hard verdict. The figures are what
 * `npm run taxonomy:score -- --probes` measured after the families of wording (before them: first
 * sentence 0.831, inner message 0.930, inner message without status 0.825, prefix dropped 0.967),
 * less a margin under one message, so a regression fails. Those figures are of batches 1-5's train
 * split; batch 6's train split (collected later, for thin providers) is held to its own, measured
 * after its rules (before them: no status 0.830, inner message without status 0.760, re-wrapped 0.903).
 */
const MEASURED_CLASS: Record<string, number> = {
  "no status": 0.99,
  "first sentence": 0.87,
  "inner message": 0.94,
  "inner message, no status": 0.92,
  "prefix dropped": 0.97,
  "re-wrapped": 0.99,
};

const MEASURED_CLASS_BATCH_6: Record<string, number> = {
  "no status": 0.87,
  "first sentence": 0.84,
  "inner message": 0.92,
  "inner message, no status": 0.8,
  "prefix dropped": 0.92,
  "re-wrapped": 0.91,
};

const allTrain = splitOfCorpus(loadAllBatches(), "train");
const train = allTrain.filter((c) => c.batch < 6);
const trainBatch6 = allTrain.filter((c) => c.batch === 6);

describe("paraphrase probes of the train split", () => {
  it.each(probeVariants(train))("%s: no false hard verdict, class accuracy held", (name, set) => {
    const s = scoreCorpus(set);
    expect(s.hardPrecision, name).toBeGreaterThanOrEqual(0.99);
    const held = MEASURED_CLASS[name];
    if (held !== undefined) expect(s.classAccuracy, name).toBeGreaterThanOrEqual(held);
  });

  it.each(probeVariants(trainBatch6).filter(([, set]) => set.length > 0))(
    "batch 6, %s: no false hard verdict, class accuracy held",
    (name, set) => {
      const s = scoreCorpus(set);
      expect(s.hardPrecision, name).toBeGreaterThanOrEqual(0.99);
      const held = MEASURED_CLASS_BATCH_6[name];
      if (held !== undefined) expect(s.classAccuracy, name).toBeGreaterThanOrEqual(held);
    },
  );

  it("each probe changes the message it varies and leaves the label alone", () => {
    const m: LabelledMessage = {
      provider: "openai",
      httpStatus: 404,
      message: 'Error code: 404 - {"error": {"message": "The model `x` does not exist. Ask for access."}}',
      kind: "model_not_found",
      class: "hard",
      source: "https://example.org/1",
      split: "train",
    };
    expect(PROBES["first sentence"]!(m)?.message).toBe(
      'Error code: 404 - {"error": {"message": "The model `x` does not exist.',
    );
    expect(PROBES["inner message, no status"]!(m)).toMatchObject({
      message: "The model `x` does not exist. Ask for access.",
      httpStatus: undefined,
      kind: "model_not_found",
    });
    expect(PROBES["no exception type"]!(m)).toBeNull();
  });
});
