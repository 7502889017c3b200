import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBenchmark } from "../../src/benchmark/measure.js";
import type { BenchmarkProfile } from "../../src/benchmark/profiles.js";
import { arrivalWorkerPauses, arrivalWorkerPriority } from "../../src/providers/stream/arrival.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import type { StreamAdapter } from "../../src/providers/stream/types.js";
import {
  FAKE_AWS_CREDENTIALS,
  startFakeProviders,
  type FakeProviders,
} from "../helpers/fake-providers/client.js";
import { sharedClock } from "../helpers/fake-providers/timing.js";

/**
 * Timestamps come from arrival, not from when the main thread got round to the bytes: the main
 * thread is blocked by a busy loop for a deliberately long ~400 ms while the fake streams, and the
 * chunks that arrived during the block must still be timed during the block, close to the fake's
 * own write times (one monotonic clock on both sides). Before the arrival worker, every chunk of
 * the block was timed after it, so TTFT grew by up to the whole block.
 */
let fake: FakeProviders;
let seq = 0;

beforeAll(async () => {
  fake = await startFakeProviders();
  // Not measured: starts the arrival worker and opens the connections.
  for (const provider of ["openai", "anthropic", "bedrock"]) {
    const adapter = createStreamAdapter(provider, fake.config, { bedrockCredentials: FAKE_AWS_CREDENTIALS });
    await runBenchmark(adapter, { provider, model: "steady-5-5-4-2~warm" }, PROFILE, {
      deadlineMs: 10_000,
      attempt: 1,
      sampleRole: "probe",
    });
  }
});
afterAll(async () => {
  await fake?.stop();
});

const PROFILE: BenchmarkProfile = {
  id: "arrival-test",
  description: "arrival test",
  prompt: "Write.",
  uniquePrefix: false,
  maxOutputTokens: 1000,
  temperature: 0,
  reasoning: null,
  lengthBand: null,
};

/**
 * The first token 250 ms after the fake's receipt, then one chunk every 5 ms, 40 in all. The test starts
 * its block once it has seen the request in the fake's log, so the first token must come later than a
 * loaded machine takes to see it (at 120 ms, a run beside CPU-heavy work once saw it after the first write).
 */
const SCENARIO = "steady-250-5-40-2";
/**
 * The block ends this long after the fake received the request (its log's time, on our clock):
 * the first token and most chunks are written during it, even when a loaded machine makes the
 * fake's own timers late by tens of ms.
 */
const BLOCK_UNTIL_MS = 430;

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Deliberately blocks the event loop, as a long synchronous stretch of other work would.
  }
}

/** The adapter with this thread blocked for `ms` before it starts (serialising, signing, other work). */
function lateToSend(
  real: StreamAdapter,
  ms: number,
  blocked: { end: number },
  now: () => number,
): StreamAdapter {
  return {
    provider: real.provider,
    requestMode: (metadata) => real.requestMode(metadata),
    async *stream(request, ctx) {
      busyWait(ms);
      blocked.end = now();
      yield* real.stream(request, ctx);
    },
  };
}

/** The adapter as the core sees it, with the `at` of every text event the adapter yields. */
function recorded(real: StreamAdapter, ats: number[]): StreamAdapter {
  return {
    provider: real.provider,
    requestMode: (metadata) => real.requestMode(metadata),
    async *stream(request, ctx) {
      for await (const event of real.stream(request, ctx)) {
        if (event.type === "text") ats.push(event.at);
        yield event;
      }
    },
  };
}

/** The wire formats whose arrival stamps these tests follow: label, provider, model metadata. */
const FORMATS: [string, string, Record<string, string>][] = [
  ["OpenAI chat", "openai", {}],
  ["Anthropic", "anthropic", {}],
  ["OpenAI Responses", "openai", { api: "responses" }],
  ["Bedrock", "bedrock", {}],
];

describe("arrival timestamps survive a blocked main event loop", () => {
  it.each(FORMATS)("%s", async (_label, provider, metadata) => {
    const key = `arr${++seq}`;
    const clock = sharedClock();
    const ats: number[] = [];
    const adapter = clock.watch(
      recorded(createStreamAdapter(provider, fake.config, { bedrockCredentials: FAKE_AWS_CREDENTIALS }), ats),
    );
    const block = { start: NaN, end: NaN };
    const running = runBenchmark(adapter, { provider, model: `${SCENARIO}~${key}`, metadata }, PROFILE, {
      deadlineMs: 10_000,
      attempt: 1,
      sampleRole: "probe",
      now: clock.now,
    });
    // The block starts once the request has reached the fake, so it covers the first token.
    let entries = await fake.log(key);
    while (entries.length === 0) {
      await new Promise((r) => setTimeout(r, 2));
      entries = await fake.log(key);
    }
    block.start = clock.now();
    busyWait(entries[0]!.receivedAt + BLOCK_UNTIL_MS - block.start);
    block.end = clock.now();
    const result = await running;
    if (!result.ok) throw new Error(result.error.message);
    const [entry] = await fake.log(key);
    const writes = entry!.writes.filter((w) => w.kind === "answer");
    expect(ats).toHaveLength(writes.length);

    // The first token was written during the block, and it is measured during the block (on the
    // main thread alone it could not be measured before the block's end).
    const firstWrite = writes[0]!.at;
    expect(firstWrite).toBeGreaterThan(block.start);
    expect(firstWrite).toBeLessThan(block.end);
    const measuredFirst = clock.t0() + result.metric.time_to_first_token! * 1000;
    expect(measuredFirst).toBeGreaterThanOrEqual(firstWrite);
    expect(measuredFirst).toBeLessThan(block.end);

    // The chunks written during the block are timed during it, and no chunk is timed before the
    // fake wrote it. The worker thread, too, may wait for a core on a loaded machine, so this asks
    // for most of them, not all; a main-thread timestamp would put every one at the block's end.
    const during = writes
      .map((w, i) => ({ write: w.at, at: ats[i]! }))
      .filter((c) => c.write < block.end - 5);
    expect(during.length).toBeGreaterThan(4);
    const inBlock = during.filter((c) => c.at < block.end).length;
    expect(inBlock).toBeGreaterThan(during.length / 2);
    for (const [i, w] of writes.entries()) expect(ats[i]!).toBeGreaterThanOrEqual(w.at);
  });
});

/**
 * The run's clock starts when the request left (the arrival worker's dispatch stamp), not when the
 * core called the adapter: this thread's work before the send (here a 60 ms block; in a sweep the
 * AWS SDK's signing and middleware, serialising, a busy loop's turns) is not the provider's time
 * to first token. Before, every run's TTFT included it.
 */
describe("the run's clock starts at the request's dispatch", () => {
  it.each(FORMATS)("%s", async (_label, provider, metadata) => {
    const key = `sent${++seq}`;
    const clock = sharedClock();
    const blocked = { end: NaN };
    const real = createStreamAdapter(provider, fake.config, { bedrockCredentials: FAKE_AWS_CREDENTIALS });
    const ats: number[] = [];
    const adapter = clock.watch(lateToSend(recorded(real, ats), 60, blocked, clock.now));
    const result = await runBenchmark(adapter, { provider, model: `${SCENARIO}~${key}`, metadata }, PROFILE, {
      deadlineMs: 10_000,
      attempt: 1,
      sampleRole: "probe",
      now: clock.now,
    });
    if (!result.ok) throw new Error(result.error.message);
    const [entry] = await fake.log(key);
    const firstWrite = entry!.writes.find((w) => w.kind === "answer")!;

    // The core's t0 (the first token's arrival stamp less the TTFT it measured) is the dispatch the
    // adapter reported: after this thread's block, before the fake received the request.
    const firstArrival = ats[0]!;
    expect(firstArrival).toBeGreaterThanOrEqual(firstWrite.sent ?? firstWrite.at);
    const coreT0 = firstArrival - result.metric.time_to_first_token! * 1000;
    expect(coreT0).toBeCloseTo(clock.t0(), 2);
    expect(coreT0).toBeGreaterThanOrEqual(blocked.end);
    expect(coreT0).toBeLessThanOrEqual(entry!.receivedAt);
  });
});

/**
 * The worker hands a request's events to this thread through the shared ring, not postMessage
 * (arrival-ring.ts says why): a whole stream costs the worker no postMessage call, and it arrives
 * whole and in order (the text the fake wrote, chunk by chunk).
 */
describe("the worker's channel", () => {
  it("is the shared ring: a stream of 40 chunks costs no postMessage", async () => {
    expect((await arrivalWorkerPriority()).channel).toBe("shared ring");
    await arrivalWorkerPauses({ reset: true });
    const key = `ring${++seq}`;
    const ats: number[] = [];
    const adapter = recorded(createStreamAdapter("openai", fake.config), ats);
    const result = await runBenchmark(adapter, { provider: "openai", model: `${SCENARIO}~${key}` }, PROFILE, {
      deadlineMs: 10_000,
      attempt: 1,
      sampleRole: "probe",
    });
    if (!result.ok) throw new Error(result.error.message);
    const pauses = await arrivalWorkerPauses();
    // The one post is the worker's answer to the reset itself.
    expect(pauses.counts.post).toBeLessThanOrEqual(1);
    const [entry] = await fake.log(key);
    expect(ats).toHaveLength(entry!.writes.filter((w) => w.kind === "answer").length);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
  });
});
