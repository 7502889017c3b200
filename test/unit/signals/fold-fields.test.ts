import { describe, expect, it } from "vitest";
import { fleetRuns } from "../../../src/demo/documents.js";
import { planFleet } from "../../../src/demo/plan.js";
import {
  FOLD_FIELDS,
  foldRawDocument,
  metricSuccessEvent,
  newSignalsFold,
  type RawDocument,
} from "../../../src/signals/fold.js";
import { successEvent } from "../../../src/signals/record.js";
import type { MetricDoc } from "../../../src/storage/documents.js";
import { normalizeMetric } from "../../../src/storage/metrics-repository.js";

/**
 * The backfill reads only `FOLD_FIELDS` of each raw document. These fold the demo fleet's
 * documents (ours and the legacy shapes it writes on purpose) and hand-made legacy shapes twice,
 * whole and cut to those fields, and require the same signals: a field the fold reads that the
 * list lacks makes them differ.
 */

type Source = keyof typeof FOLD_FIELDS;

function cut(source: Source, doc: RawDocument): RawDocument {
  const keep = new Set<string>(["_id", ...FOLD_FIELDS[source]]);
  return Object.fromEntries(Object.entries(doc).filter(([k]) => keep.has(k)));
}

function foldAll(docs: { source: Source; doc: RawDocument }[], project: boolean) {
  const fold = newSignalsFold();
  for (const { source, doc } of docs) foldRawDocument(fold, source, project ? cut(source, doc) : doc);
  const { models, days, hours, streaks, pending } = fold;
  return { models, days, hours, streaks, pending };
}

const LEGACY: { source: Source; doc: RawDocument }[] = [
  {
    source: "metrics",
    doc: {
      provider: "groq",
      model_name: "llama-x",
      run_ts: "2026-11-02T10:00:00Z",
      gen_ts: 1_793_613_700,
      time_to_first_token: "0.41",
      tokens_per_second: "88.5",
      times_between_tokens: [0.01, 0.02],
      extra_field: "ignored",
    },
  },
  {
    source: "metrics",
    doc: { provider: "groq", model_name: "llama-x", run_ts: 1_793_617_300_000, time_to_first_token: 0 },
  },
  {
    source: "errors",
    doc: {
      provider: "groq",
      model_name: "llama-x",
      ts: "2026-11-02T11:00:00Z",
      message: "Error code: 503 - overloaded",
      error_kind: "transient_provider",
      http_status: "503",
      exc_type: "APIStatusError",
      stage: "generate",
    },
  },
  {
    source: "errors",
    doc: {
      provider: "groq",
      model_name: "llama-x",
      ts: 1_793_620_900,
      message: "invalid api key",
      http_status: 401,
    },
  },
  {
    source: "errors",
    doc: {
      provider: "openai",
      model_name: "gpt-x",
      ts: new Date("2026-11-02T12:00:00Z"),
      message: "Error code: 400 - context_length_exceeded",
      error_kind: "hard_capability",
    },
  },
  // The kind from the status alone, then from the exception type alone.
  {
    source: "errors",
    doc: { provider: "groq", model_name: "q", ts: 1_793_621_000, message: "Failed", http_status: 429 },
  },
  {
    source: "errors",
    doc: {
      provider: "groq",
      model_name: "q",
      ts: 1_793_621_100,
      message: "Failed",
      exc_type: "APITimeoutError",
    },
  },
  // Stored verdicts that differ from what the text would give: they are kept.
  {
    source: "errors",
    doc: {
      provider: "groq",
      model_name: "q",
      ts: 1_793_621_200,
      message: "Failed",
      error_kind: "timeout",
      fingerprint: "feedfacefeedface",
      normalized_message: "stored normalized text",
    },
  },
  // Already counted by our writers: skipped.
  {
    source: "metrics",
    doc: { provider: "openai", model_name: "gpt-x", gen_ts: new Date(0), signals_at: new Date() },
  },
  {
    source: "errors",
    doc: { provider: "openai", model_name: "gpt-x", ts: new Date(0), message: "x", signals_at: new Date() },
  },
];

describe("the fields the backfill reads (FOLD_FIELDS)", () => {
  it("fold hand-made legacy documents exactly as their whole documents do", () => {
    const whole = foldAll(LEGACY, false);
    expect(whole.models.size).toBe(3);
    expect(foldAll(LEGACY, true)).toEqual(whole);
  });

  it("fold the demo fleet's documents exactly as their whole documents do", () => {
    const plan = planFleet({
      seed: 7,
      now: new Date("2026-11-20T12:00:00Z"),
      models: 60,
      days: 5,
      cadenceHours: 3,
    });
    const docs = [...fleetRuns(plan)].map((r) => ({ source: r.collection, doc: r.doc }));
    expect(docs.some((d) => d.source === "errors" && d.doc["fingerprint"] === undefined)).toBe(true);
    const whole = foldAll(docs, false);
    expect(whole.days.size).toBeGreaterThan(40);
    expect(foldAll(docs, true)).toEqual(whole);
  });

  it("reads a metric's event as the live writers' successEvent(normalizeMetric(doc)) does", () => {
    const plan = planFleet({
      seed: 3,
      now: new Date("2026-11-20T12:00:00Z"),
      models: 50,
      days: 5,
      cadenceHours: 4,
    });
    const metrics = [
      ...LEGACY.filter((d) => d.source === "metrics").map((d) => d.doc),
      ...[...fleetRuns(plan)].filter((r) => r.collection === "metrics").map((r) => r.doc),
      // Other shapes: no times at all, text numbers, a non-finite speed, a negative first token.
      { provider: "p", model_name: "m" },
      {
        provider: "p",
        model_name: "m",
        run_ts: "not a date",
        gen_ts: "2026-11-02T10:00:00Z",
        tokens_per_second: "x",
      },
      {
        provider: "p",
        model_name: "m",
        gen_ts: 1_793_613_700_000,
        time_to_first_token: -1,
        tokens_per_second: Infinity,
      },
    ];
    expect(metrics.length).toBeGreaterThan(20);
    for (const doc of metrics) {
      expect(metricSuccessEvent(doc)).toEqual(successEvent(normalizeMetric(doc as MetricDoc)));
    }
  });
});
