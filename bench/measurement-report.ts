/** The measurement bench's statistics and its table (bench/measurement.ts). */
import type { arrivalWorkerPriority } from "../src/providers/stream/arrival.js";
import { pauseLine, type PauseReport } from "./measurement-pauses.js";
import type { Sample } from "./measurement-sample.js";

/** Linear-interpolation percentile (numpy's default), as the methodology fixes. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

const p50p95 = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });

export function summarize(samples: Sample[], wires: string[], concurrency: number, loopP99Ms: number) {
  const ttft = samples.map((s) => s.ttftErrorMs);
  const speed = samples.map((s) => Math.abs(s.speedErrorPct));
  const byWire = wires.map((w) => {
    const mine = samples.filter((s) => s.wire === w);
    const stats = {
      streams: mine.length,
      ttft_p95_ms: percentile(
        mine.map((s) => s.ttftErrorMs),
        95,
      ),
      speed_p95_abs_pct: percentile(
        mine.map((s) => Math.abs(s.speedErrorPct)),
        95,
      ),
      ttft_p95_vs_write_call_ms: percentile(
        mine.map((s) => s.ttftErrorVsWriteMs),
        95,
      ),
    };
    return [w, stats] as const;
  });
  return {
    concurrency,
    streams: samples.length,
    ttft_error_ms: { ...p50p95(ttft), max: Math.max(...ttft), min: Math.min(...ttft) },
    naive_ttft_error_ms: p50p95(samples.map((s) => s.naiveTtftErrorMs)),
    /** The fake's receipt of the request − the core's t0 (the worker's dispatch): transit. */
    request_send_lag_ms: p50p95(samples.map((s) => s.requestTransitMs)),
    /** The core's call of the adapter − the worker's dispatch: before, counted in every TTFT. */
    dispatch_lag_ms: p50p95(samples.map((s) => s.dispatchLagMs)),
    output_speed_abs_error_pct: { ...p50p95(speed), max: Math.max(...speed) },
    event_loop_delay_p99_ms: loopP99Ms,
    by_wire: Object.fromEntries(byWire),
    targets_met: percentile(ttft, 95) <= 3 && percentile(speed, 95) <= 2,
  };
}

/** Where the fake sent after its write call (HTTP/2), the TTFT error against the call too. */
function vsWrite(v: { ttft_p95_ms: number; ttft_p95_vs_write_call_ms: number }): string {
  const differs = Math.abs(v.ttft_p95_vs_write_call_ms - v.ttft_p95_ms) > 0.005;
  return differs ? ` (vs the write call ${v.ttft_p95_vs_write_call_ms.toFixed(2)})` : "";
}

function priorityLine(p: Awaited<ReturnType<typeof arrivalWorkerPriority>>): string {
  const nice =
    p.nice === p.wanted ? `nice ${p.nice}` : `nice ${p.nice ?? "unchanged"} (${p.error ?? "refused"})`;
  return (
    `${p.channel}; ` +
    (p.realtime === p.wantedRealtime
      ? `SCHED_FIFO ${p.realtime}, ${nice} (runs ahead of every normal thread)`
      : `not real-time (${p.realtimeError ?? "refused"}), ${nice}: on a busy machine its timestamps wait for a core; grant CAP_SYS_NICE to the runner`)
  );
}

export function printTable(report: {
  wires: number;
  tokensPerChunk: number[];
  clock_check: { ok: boolean; worstMs: number };
  load_average_1m: { before: number | undefined; after: number | undefined; cores: number };
  arrival_worker_priority: Awaited<ReturnType<typeof arrivalWorkerPriority>>;
  fake_scheduling_group: string;
  results: (ReturnType<typeof summarize> & {
    stored: { runs: number; failed: number; unclaimed: number };
    worker_pauses: PauseReport;
  })[];
  runtime_s: number;
  storing: string;
}): void {
  const f = (x: number, d = 2, w = 7) => x.toFixed(d).padStart(w);
  const lines = [
    `Measurement accuracy vs the fake providers' send log (${report.wires} wire formats, chunks of ${report.tokensPerChunk.join("/")} tokens), storing alongside into ${report.storing}`,
    `Clock self-check (fake's hrtime between two client readings): ${report.clock_check.ok ? "ok" : "FAILED"} (worst ${report.clock_check.worstMs.toFixed(3)} ms)`,
    `Machine load average (1 min) before/after: ${report.load_average_1m.before?.toFixed(2)} / ${report.load_average_1m.after?.toFixed(2)} on ${report.load_average_1m.cores} cores`,
    `Arrival worker thread: ${priorityLine(report.arrival_worker_priority)}`,
    `Fake providers' scheduling group: ${report.fake_scheduling_group}`,
    "",
    "concurrency | streams | stored | TTFT error ms p50 |     p95 |     max | speed error % p50 |     p95 | send lag ms p50 |     p95 | dispatch lag p95 | loop p99 ms | targets",
    "------------|---------|--------|-------------------|---------|---------|-------------------|---------|-----------------|---------|------------------|-------------|--------",
    ...report.results.map((r) =>
      [
        String(r.concurrency).padStart(11),
        String(r.streams).padStart(7),
        String(r.stored.runs).padStart(6),
        f(r.ttft_error_ms.p50, 2, 17),
        f(r.ttft_error_ms.p95),
        f(r.ttft_error_ms.max),
        f(r.output_speed_abs_error_pct.p50, 3, 17),
        f(r.output_speed_abs_error_pct.p95, 3),
        f(r.request_send_lag_ms.p50, 2, 15),
        f(r.request_send_lag_ms.p95),
        f(r.dispatch_lag_ms.p95, 2, 16),
        f(r.event_loop_delay_p99_ms, 2, 11),
        r.targets_met ? "met" : "MISSED",
      ].join(" | "),
    ),
    "",
    "Targets: TTFT error p95 <= 3 ms; output-speed error p95 <= 2 %.",
    "TTFT error = client first-token time - fake's first-text write time, one monotonic clock.",
    "Send lag = fake's receipt of the request - the core's t0, the worker's dispatch (loopback transit, the fake's read).",
    "Dispatch lag = the worker's dispatch - the core's call of the adapter (serialising, signing, loop turns): not in the TTFT.",
    "Stored = runs claimed before their call and stored behind it through the sweep's storing path.",
    "",
    "Per wire format (p95 TTFT error ms / p95 |speed error| %; Bedrock's HTTP/2 fake sends after its write call):",
    ...report.results.map(
      (r) =>
        `  concurrency ${r.concurrency}: ${Object.entries(r.by_wire)
          .map(
            ([w, v]) => `${w} ${v.ttft_p95_ms.toFixed(2)} / ${v.speed_p95_abs_pct.toFixed(3)}${vsWrite(v)}`,
          )
          .join(", ")}`,
    ),
    "",
    "The arrival worker's own pauses (GC, postMessage calls, loop stalls) and the TTFT errors > 1 ms inside them:",
    ...report.results.map((r) => pauseLine(r.concurrency, r.worker_pauses)),
    "",
    `Runtime ${report.runtime_s.toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
