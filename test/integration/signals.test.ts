import { describe, expect, it } from "vitest";
import { backfillSignals } from "../../src/signals/backfill.js";
import { getModelSignals } from "../../src/signals/read.js";
import { buildErrorDoc, recordError, recordSuccess } from "../../src/signals/record.js";
import type { MetricDoc } from "../../src/storage/documents.js";
import { openTestDatabase } from "../helpers/database.js";

const H = 3_600_000;
const NOW = new Date("2026-11-20T12:30:00Z");
const at = (hoursAgo: number): Date => new Date(NOW.getTime() - hoursAgo * H);

function metric(provider: string, model: string, ts: Date, ttft = 0.4, tps = 80): MetricDoc {
  return {
    provider,
    model_name: model,
    run_ts: ts,
    gen_ts: ts,
    requested_tokens: 64,
    output_tokens: 64,
    generate_time: 64 / tps,
    tokens_per_second: tps,
    time_to_first_token: ttft,
    times_between_tokens: [0.01, 0.012],
  };
}

const notFound = (model: string): string =>
  `Error code: 404 - {'error': {'message': 'The model \`${model}\` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'code': 'model_not_found'}}`;

describe("signals kept current on write", () => {
  it("measures the failure streak from the first error after the last success", async () => {
    const { repos } = await openTestDatabase("signals-live");
    // Success 60 h ago, then an error every 30 minutes: the streak is 59.5 h long, not 30 minutes.
    await recordSuccess(repos, metric("openai", "gpt-x", at(60)), NOW);
    for (let h = 59.5; h >= 0.5; h -= 0.5) {
      await recordError(
        repos,
        {
          provider: "openai",
          model_name: "gpt-x",
          ts: at(h),
          stage: "generate",
          message: notFound("gpt-x"),
          http_status: 404,
        },
        NOW,
      );
    }
    const s = await getModelSignals(repos, "openai", "gpt-x", NOW);
    expect(s?.streakStartedAt).toEqual(at(59.5));
    expect(s?.failingForHours).toBe(59.5);
    expect(s?.consecutiveFailures).toBe(119);
    expect(s?.lastError?.kind).toBe("model_not_found");
    expect(s?.lastSuccessAt).toEqual(at(60));
    // The 24-hour window has hour granularity: it starts at 13:00 yesterday, so the error at
    // 12:30 yesterday (exactly 24 h ago) is outside it and 47 of the 48 are inside.
    expect(s?.windows.h24.errors).toBe(47);
    expect(s?.windows.h24.errorsByKind.model_not_found).toBe(47);
    expect(s?.windows.d7.successes).toBe(1);
    // One distinct message, although the model id differs per run: it is masked.
    expect(s?.recentErrors).toHaveLength(1);
    expect(s?.recentErrors[0]?.count).toBe(119);

    // A success ends the streak.
    await recordSuccess(repos, metric("openai", "gpt-x", at(0.1)), NOW);
    const after = await getModelSignals(repos, "openai", "gpt-x", NOW);
    expect(after?.streakStartedAt).toBeNull();
    expect(after?.consecutiveFailures).toBe(0);
    expect(after?.windows.h24.successes).toBe(1);
  });

  it("a late success never ends a newer streak or replaces the newest speed figures", async () => {
    const { repos } = await openTestDatabase("signals-order");
    const newest = metric("openai", "gpt-y", at(10), 0.2, 100);
    await recordSuccess(repos, newest, NOW);
    for (const h of [5, 4])
      await recordError(
        repos,
        { provider: "openai", model_name: "gpt-y", ts: at(h), stage: "generate", message: notFound("gpt-y") },
        NOW,
      );
    // A remote runner's spooled result from before the errors arrives now.
    await recordSuccess(repos, metric("openai", "gpt-y", at(6), 0.9, 40), NOW);
    let s = await getModelSignals(repos, "openai", "gpt-y", NOW);
    expect(s?.streakStartedAt).toEqual(at(5));
    expect(s?.consecutiveFailures).toBe(2);
    expect(s?.lastSuccessAt).toEqual(at(6));
    expect(s?.windows.d7.successes).toBe(2);
    // A success older than the newest success keeps the newest's speed figures.
    await recordSuccess(repos, metric("openai", "gpt-y", at(1), 0.3, 90), NOW);
    await recordSuccess(repos, metric("openai", "gpt-y", at(2), 0.8, 30), NOW);
    s = await getModelSignals(repos, "openai", "gpt-y", NOW);
    expect(s?.streakStartedAt).toBeNull();
    expect(s?.consecutiveFailures).toBe(0);
    expect(s?.lastSuccessAt).toEqual(at(1));
    const status = await repos.signals.getStatus("openai:gpt-y");
    expect(status).toMatchObject({ last_ttft: 0.3, last_tokens_per_second: 90, successes_total: 4 });
  });

  it("stores the raw documents the existing readers expect, with secrets redacted", async () => {
    const { repos } = await openTestDatabase("signals-raw");
    await recordError(
      repos,
      {
        provider: "groq",
        model_name: "llama-x",
        ts: at(1),
        stage: "generate",
        message: "Error code: 401 - Invalid API Key gsk_abcdefghijklmnop1234",
        http_status: 401,
      },
      NOW,
    );
    const [doc] = await repos.errors.find({ provider: "groq" });
    expect(doc?.message).not.toContain("gsk_abcdefghijklmnop1234");
    expect(doc?.error_kind).toBe("auth");
    expect(doc?.error_class).toBe("provider_wide");
    expect(doc?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("signals backfill from raw documents", () => {
  it("builds the same signals as live writes, resumes from its watermark and handles legacy shapes", async () => {
    const { repos } = await openTestDatabase("signals-backfill");
    // Documents written by another runner: raw inserts, no signals. Errors are inserted before
    // the successes they interleave with, to show that read order does not matter.
    const model = "claude-x";
    await repos.errors.insertMany([
      buildErrorDoc({
        provider: "anthropic",
        model_name: model,
        ts: at(50),
        stage: "generate",
        message: "overloaded",
        http_status: 529,
      }),
      buildErrorDoc({
        provider: "anthropic",
        model_name: model,
        ts: at(30),
        stage: "generate",
        message: notFound(model),
        http_status: 404,
      }),
      buildErrorDoc({
        provider: "anthropic",
        model_name: model,
        ts: at(20),
        stage: "generate",
        message: notFound(model),
        http_status: 404,
      }),
    ]);
    // A legacy document: the earlier taxonomy's kind, no fingerprint, timestamp as a string.
    await repos.errors.insert({
      provider: "anthropic",
      model_name: model,
      ts: at(10).toISOString() as unknown as Date,
      stage: "generate",
      message: `{"type":"error","error":{"type":"not_found_error","message":"model: ${model}"}}`,
      error_kind: "hard_model",
    });
    await repos.metrics.insertMany([metric("anthropic", model, at(70)), metric("anthropic", model, at(40))]);

    const first = await backfillSignals(repos, { now: NOW, flushEvery: 2 });
    expect(first).toMatchObject({ metricsRead: 2, errorsRead: 4 });
    const s = await getModelSignals(repos, "anthropic", model, NOW);
    expect(s?.lastSuccessAt).toEqual(at(40));
    expect(s?.streakStartedAt).toEqual(at(30)); // the 529 at 50 h is before the last success
    expect(s?.consecutiveFailures).toBe(3);
    expect(s?.lastError?.kind).toBe("model_not_found"); // legacy hard_model re-classified with evidence
    expect(s?.windows.d7.errors).toBe(4);

    const second = await backfillSignals(repos, { now: NOW });
    expect(second).toMatchObject({ metricsRead: 0, errorsRead: 0 });
    expect((await getModelSignals(repos, "anthropic", model, NOW))?.windows.d7.errors).toBe(4);

    // Documents our own writers stored are already counted and are skipped.
    await recordSuccess(repos, metric("anthropic", model, at(1)), NOW);
    const third = await backfillSignals(repos, { now: NOW });
    expect(third).toMatchObject({ metricsRead: 0, alreadyCounted: 1 });
    const final = await getModelSignals(repos, "anthropic", model, NOW);
    expect(final?.windows.d7.successes).toBe(3);
    expect(final?.streakStartedAt).toBeNull();

    // An operator run looks for other runners' documents at most once per interval.
    await repos.metrics.insertMany([metric("anthropic", model, at(0.5))]);
    const hour = 3_600_000;
    const soon = await backfillSignals(repos, {
      now: new Date(NOW.getTime() + 60_000),
      recheckAfterMs: hour,
    });
    expect(soon).toMatchObject({ sourcesChecked: 0, metricsRead: 0 });
    const later = await backfillSignals(repos, { now: new Date(NOW.getTime() + hour), recheckAfterMs: hour });
    expect(later).toMatchObject({ sourcesChecked: 2, metricsRead: 1 });
    expect((await getModelSignals(repos, "anthropic", model, NOW))?.windows.d7.successes).toBe(4);
  });
});
