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
 * split; batch 6's and batch 7's train splits (collected later) are held to their own, measured
 * after their rules (batch 6 before them: no status 0.830, inner message without status 0.760,
 * re-wrapped 0.903; batch 7 before them: no status 0.947, re-wrapped 0.970).
 */
const MEASURED_CLASS: Record<string, number> = {
  "no status": 0.99,
  "first sentence": 0.87,
  "inner message": 0.94,
  "inner message, no status": 0.92,
  "prefix dropped": 0.97,
  "re-wrapped": 0.99,
};

const MEASURED_CLASS_LATER: Record<number, Record<string, number>> = {
  6: {
    "no status": 0.87,
    "first sentence": 0.84,
    "inner message": 0.92,
    "inner message, no status": 0.8,
    "prefix dropped": 0.92,
    "re-wrapped": 0.91,
  },
  7: {
    "no status": 0.964,
    "first sentence": 0.9,
    "inner message": 0.954,
    "inner message, no status": 0.863,
    "prefix dropped": 0.946,
    "re-wrapped": 0.985,
  },
};

const allTrain = splitOfCorpus(loadAllBatches(), "train");
const train = allTrain.filter((c) => c.batch < 6);
const laterProbes = Object.keys(MEASURED_CLASS_LATER).flatMap((b) =>
  probeVariants(allTrain.filter((c) => c.batch === Number(b)))
    .filter(([, set]) => set.length > 0)
    .map(([name, set]): [string, string, LabelledMessage[]] => [`batch ${b}`, name, set]),
);

describe("paraphrase probes of the train split", () => {
  it.each(probeVariants(train))("%s: no false hard verdict, class accuracy held", (name, set) => {
    const s = scoreCorpus(set);
    expect(s.hardPrecision, name).toBeGreaterThanOrEqual(0.99);
    const held = MEASURED_CLASS[name];
    if (held !== undefined) expect(s.classAccuracy, name).toBeGreaterThanOrEqual(held);
  });

  it.each(laterProbes)("%s, %s: no false hard verdict, class accuracy held", (batch, name, set) => {
    const s = scoreCorpus(set);
    expect(s.hardPrecision, name).toBeGreaterThanOrEqual(0.99);
    const held = MEASURED_CLASS_LATER[Number(batch.slice(6))]?.[name];
    if (held !== undefined) expect(s.classAccuracy, `${batch} ${name}`).toBeGreaterThanOrEqual(held);
  });

  // Every batch's train split together, each probe: a cut or unwrapped message that loses its evidence
  // must lose its hard verdict with it (a bare "Model not available" heading, a client's registry).
  it.each(probeVariants(allTrain))(
    "%s of every batch's train split: hard precision at least 0.99",
    (name, set) => {
      expect(scoreCorpus(set).hardPrecision, name).toBeGreaterThanOrEqual(0.99);
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
