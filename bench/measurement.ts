/**
 * Measurement accuracy of the benchmark core against fake providers with known send times.
 *
 *   npm run bench:measurement [-- --json] [-- --streams 48] [-- --levels 1,8,32,64]
 *
 * Runs streams at concurrency 1, 8, 32 and 64 (at least N streams per level, and two rounds of
 * the level's concurrency) through the real adapters (OpenAI chat, Responses, Anthropic, Bedrock
 * over HTTP/2, an OpenAI-compatible host), against the fake provider process, and compares what
 * `runBenchmark` measured with what the fake logged.
 *
 * The sweep's storing work runs alongside in the same process, as in a real pass: every stream
 * is claimed (`claimAndCheck`: a claim insert and the model's re-read) before its call and stored
 * behind it (`storeMeasured`: the six writes of `recordRunResultDetailed`) while the slot moves
 * on, against the bench's own FerretDB (or MONGODB_URI), as `runSweep` does.
 *
 * How the reference is made honest. The fake logs `process.hrtime` just before each write (the
 * earliest the bytes can leave, so any error below is, if anything, overstated). Over HTTP/2
 * (Bedrock) a write only queues: Node sends it in the fake's check phase, after the rest of that
 * turn's work, so there the reference is the fake's `sent`, taken by a tap on its socket just
 * before the bytes are handed to the kernel (the same bound as `at` over HTTP/1.1); the error
 * against the write call, which counts the fake's own loop latency, is printed beside it. The
 * client's `performance.now()` is converted to the same clock: both read the OS monotonic clock, so the
 * conversion is a constant offset, measured below, and a self-check asks the fake for its clock
 * and requires it to fall between two client readings. The client's t0 is the core's: the
 * arrival worker's dispatch of the request, which the adapter reports (`ctx.sent`); the time from
 * the core's call of the adapter to it (serialising, signing, loop turns) is printed as "dispatch
 * lag" and is in no TTFT. The fake runs in a scheduling group of its own, raised where allowed
 * (startFakeProviders' `raised`), so a busy machine does not make it send a stream's chunks in one
 * late burst. With one clock on both sides:
 *   - TTFT error = (client t0 + measured TTFT) − (server time of the first text write): the lag
 *     between the bytes leaving the fake and the core recognizing them as the first token
 *     (loopback delivery, the HTTP client, parsing, the event loop). That is exactly the error of
 *     a TTFT measurement. It never goes negative unless a clock is wrong.
 *   - The naive reference, "measured TTFT − (first write − request receipt)", also counts the
 *     time our request took to reach the fake (client request setup, connection, body upload) as
 *     error. That time is real latency that a real TTFT rightly includes, so it is not a
 *     measurement error; it is printed separately as "request transit" for transparency.
 *   - Output-speed error = measured output speed vs the same formula over the fake's own write
 *     times and token counts: (tokens − first-chunk tokens) / (last write − first write).
 */
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { claimAndCheck, storeMeasured } from "../src/benchmark/claimed-run.js";
import { runBenchmark, type BenchmarkProfile, type RunResult } from "../src/benchmark/index.js";
import { arrivalWorkerPauses, arrivalWorkerPriority } from "../src/providers/stream/arrival.js";
import { createStreamAdapter } from "../src/providers/stream/index.js";
import type { StreamAdapter } from "../src/providers/stream/index.js";
import { FAKE_AWS_CREDENTIALS, startFakeProviders } from "../test/helpers/fake-providers/client.js";
import { printTable, summarize } from "./measurement-report.js";
import { clockCheck, clockOffset, compare, type Sample } from "./measurement-sample.js";
import { attributePauses, stealMs } from "./measurement-pauses.js";
import { measuredOf, openStoring } from "./measurement-storing.js";
import { benchArgs } from "./support.js";

const args = benchArgs({ quietWithJson: true });
const asJson = args.json;
/** With --json: also print every stream's sample (for looking into outliers). */
const withSamples = args.flag("samples");
const STREAMS = args.int("streams", 48);
const CONCURRENCY = args
  .arg("levels", "1,8,32,64")
  .split(",")
  .map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error("--levels takes positive integers, e.g. 1,8,32,64");
    return n;
  });
/** Per level: N streams, and at least two rounds of the level's concurrency. */
const streamsAt = (concurrency: number): number => Math.max(STREAMS, 2 * concurrency);
/**
 * The methodology's accuracy design (section 4.8): at least 100 chunks at least 5 ms apart, so
 * a decode span of about half a second (a real 1,000-token run spans seconds, which only shrinks
 * the relative error). Chunks carry 1, 3 or 8 tokens in turn. The first token comes after 20 to
 * 50 ms, varied per stream so that eight concurrent streams are not in lockstep: real providers
 * never are, and eight identical schedules would make every stream's last chunk arrive while the
 * others are busy finishing, which measures the bench's synchronization, not the core.
 */
const TTFT_MS = (i: number): number => 20 + ((i * 7) % 31);
const GAP_MS = 5;
const CHUNKS = 100;
const TOKENS_PER_CHUNK = [1, 3, 8];

/** No length band: the fake's scripts decide the length; validity is not what is measured here. */
const BENCH_PROFILE: BenchmarkProfile = {
  id: "bench-accuracy",
  description: "accuracy bench",
  prompt: "Write.",
  uniquePrefix: false,
  maxOutputTokens: 1000,
  temperature: 0,
  reasoning: null,
  lengthBand: null,
};

interface Wire {
  label: string;
  provider: string;
  metadata: Record<string, unknown>;
}

const WIRES: Wire[] = [
  { label: "openai-chat", provider: "openai", metadata: {} },
  { label: "openai-responses", provider: "openai", metadata: { api: "responses" } },
  { label: "anthropic", provider: "anthropic", metadata: {} },
  { label: "bedrock", provider: "bedrock", metadata: {} },
  { label: "groq", provider: "groq", metadata: {} },
];

async function runOne(
  adapters: Map<string, StreamAdapter>,
  wire: Wire,
  model: string,
  offset: number,
): Promise<{
  t0: number;
  dispatchLagMs: number;
  ttftS: number;
  speed: number | null;
  key: string;
  result: RunResult;
} | null> {
  let started: number | undefined;
  let sent: number | undefined;
  // The core reads the clock first, before it calls the adapter, and starts the run's clock where
  // the adapter reports the request's dispatch (`ctx.sent`); seeing both gives the bench the
  // core's t0 and the time before the dispatch without adding anything to the core's API.
  const now = (): number => {
    const value = performance.now();
    started ??= value;
    return value;
  };
  const real = adapters.get(wire.label)!;
  const adapter: StreamAdapter = {
    provider: real.provider,
    requestMode: (metadata, m) => real.requestMode(metadata, m),
    stream: (request, ctx) =>
      real.stream(request, { ...ctx, sent: (at) => void ((sent ??= at), ctx.sent?.(at)) }),
  };
  const result = await runBenchmark(
    adapter,
    { provider: wire.provider, model, metadata: wire.metadata },
    BENCH_PROFILE,
    { deadlineMs: 5_000, attempt: 1, sampleRole: "probe", now },
  );
  const t0 = sent ?? started;
  if (!result.ok || t0 === undefined || result.metric.time_to_first_token === null) {
    process.stderr.write(
      `run failed: ${wire.label} ${model}: ${result.ok ? "no first token" : result.error.message}\n`,
    );
    return null;
  }
  return {
    t0: t0 + offset,
    dispatchLagMs: sent !== undefined && started !== undefined ? sent - started : NaN,
    ttftS: result.metric.time_to_first_token,
    speed: result.metric.output_tokens_per_second ?? null,
    key: model.slice(model.indexOf("~") + 1),
    result,
  };
}

/** Stops handing out work after this time, so the bench ends within a minute whatever happens. */
let stopAt = Infinity;

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && performance.now() < stopAt) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function main(): Promise<void> {
  const started = performance.now();
  stopAt = started + 150_000;
  const loadBefore = loadavg()[0];
  const fake = await startFakeProviders({ raised: true });
  const storing = await openStoring(fake).catch(async (e: unknown) => {
    await fake.stop();
    throw e;
  });
  try {
    const adapters = new Map(
      WIRES.map((w) => [
        w.label,
        createStreamAdapter(w.provider, fake.config, { bedrockCredentials: FAKE_AWS_CREDENTIALS }),
      ]),
    );
    const clock = await clockCheck(fake);
    const offset = clockOffset();
    const results = [];
    for (const concurrency of CONCURRENCY) {
      // Warm-up, not counted, at each level: module loading, JIT of the concurrent paths, the
      // connection pools (eight streams need eight connections, and Bedrock one HTTP/2 session
      // each) and the fake's own first requests. Cold start-up is a real cost of a first run, but
      // it happens before the first token; measured here it only stalls the other streams.
      const warmUp = Array.from({ length: concurrency * 2 }, (_, i) => ({
        wire: WIRES[i % WIRES.length]!,
        model: `steady-${TTFT_MS(i)}-${GAP_MS}-40-3~warm-${concurrency}-${i}`,
      }));
      await pool(
        warmUp,
        concurrency,
        async (job) => void (await runOne(adapters, job.wire, job.model, offset)),
      );
      await fake.reset();
      const jobs = Array.from({ length: streamsAt(concurrency) }, (_, i) => {
        const wire = WIRES[i % WIRES.length]!;
        const k = TOKENS_PER_CHUNK[Math.floor(i / WIRES.length) % TOKENS_PER_CHUNK.length]!;
        return { wire, model: `steady-${TTFT_MS(i)}-${GAP_MS}-${CHUNKS}-${k}~c${concurrency}-${i}` };
      });
      const session = await storing.session(
        jobs.map((j) => ({ provider: j.wire.provider, model: j.model, metadata: j.wire.metadata })),
      );
      const candidates = new Map(session.plan.candidates.map((c) => [`${c.provider}/${c.model_id}`, c]));
      if (candidates.size < jobs.length) {
        const why = session.plan.skipped.slice(0, 3).map((s) => JSON.stringify(s));
        args.log(`only ${candidates.size} of ${jobs.length} streams are due work: ${why.join(", ")}`);
      }
      const runs = new Map<string, { wire: string; run: NonNullable<Awaited<ReturnType<typeof runOne>>> }>();
      // As in a sweep's slot: claim, measure, then store behind while the slot takes its next run,
      // with at most `concurrency` results waiting to be stored.
      const recording = new Set<Promise<void>>();
      const stored = { runs: 0, failed: 0, unclaimed: 0 };
      await arrivalWorkerPauses({ reset: true });
      const stealBefore = stealMs();
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      await pool(jobs, concurrency, async (job) => {
        const candidate = candidates.get(`${job.wire.provider}/${job.model}`);
        const claimed = candidate ? await claimAndCheck(storing.deps, session, candidate) : null;
        const run = await runOne(adapters, job.wire, job.model, offset);
        if (run) runs.set(run.key, { wire: job.wire.label, run });
        if (!claimed || claimed.kind !== "claimed" || !run) {
          stored.unclaimed++;
          return;
        }
        const store = storeMeasured(storing.deps, session, measuredOf(claimed, run.result))
          .then(() => void stored.runs++)
          .catch(() => void stored.failed++);
        recording.add(store);
        void store.finally(() => recording.delete(store));
        while (recording.size > concurrency) await Promise.race(recording);
      });
      loop.disable();
      const pauses = await arrivalWorkerPauses();
      const stealAfter = stealMs();
      await Promise.all(recording);
      const log = new Map((await fake.log()).map((e) => [e.key ?? "", e]));
      const samples: Sample[] = [];
      for (const [key, { wire, run }] of runs) {
        const entry = log.get(key);
        const cmp = entry && compare(run, entry);
        if (cmp) samples.push({ key, wire, concurrency, ...cmp });
      }
      results.push({
        ...summarize(
          samples,
          WIRES.map((w) => w.label),
          concurrency,
          loop.percentile(99) / 1e6,
        ),
        stored,
        worker_pauses: attributePauses(
          samples,
          pauses,
          stealBefore === null || stealAfter === null ? null : stealAfter - stealBefore,
        ),
        ...(withSamples ? { samples } : {}),
      });
      args.log(`concurrency ${concurrency}: ${samples.length} streams, ${stored.runs} stored`);
    }
    const report = {
      wires: WIRES.length,
      tokensPerChunk: TOKENS_PER_CHUNK,
      streams_per_level: Object.fromEntries(CONCURRENCY.map((c) => [c, streamsAt(c)])),
      scenario: { ttft_ms: "20-50", gap_ms: GAP_MS, chunks: CHUNKS, tokens_per_chunk: TOKENS_PER_CHUNK },
      storing: storing.engine,
      fake_scheduling_group: fake.schedulingGroup,
      clock_check: clock,
      // The machine is shared; its load says how much of any error is other work's doing.
      load_average_1m: { before: loadBefore, after: loadavg()[0], cores: cpus().length },
      // Whether the timestamping thread runs ahead of other work (arrival-worker.ts says why).
      arrival_worker_priority: await arrivalWorkerPriority(),
      targets: { ttft_error_p95_ms: 3, output_speed_error_p95_pct: 2 },
      results,
      runtime_s: (performance.now() - started) / 1000,
    };
    if (asJson) process.stdout.write(`${JSON.stringify(report)}\n`);
    else printTable(report);
  } finally {
    await fake.stop();
    await storing.close();
  }
}

await main();
