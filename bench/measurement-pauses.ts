/**
 * Where the bench's largest TTFT errors fall among the arrival worker's own pauses
 * (`arrivalWorkerPauses`): a first token whose bytes left the fake while the worker was in a GC,
 * a postMessage call or a stall of its loop is stamped at the pause's end.
 */
import { readFileSync } from "node:fs";
import type { ArrivalPause, ArrivalPauses } from "../src/providers/stream/arrival.js";
import type { Sample } from "./measurement-sample.js";

/** Errors above this are looked into (the target is 3 ms at p95). */
const LARGE_MS = 1;

type Cause = "gc" | "post" | "stall";
const CAUSES: Cause[] = ["gc", "post", "stall"];

const overlaps = (p: ArrivalPause, from: number, to: number): boolean => p[0] < to && p[0] + p[1] > from;

/** The pauses that overlap the time from a chunk's send to its stamp. */
function causesOf(sentAt: number, errorMs: number, pauses: ArrivalPauses): Cause[] {
  return CAUSES.filter((c) => pauses[c].some((p) => overlaps(p, sentAt, sentAt + errorMs)));
}

/** Speed errors above this (%) are looked into: where was their last chunk stamped late? */
const LARGE_SPEED_PCT = 0.5;

const maxOf = (list: ArrivalPause[]): number => list.reduce((m, p) => Math.max(m, p[1]), 0);

/** A stall's time split: busy (ran), waiting for a core, blocked (the rest), over the timer's interval. */
function stallSplit(stalls: ArrivalPause[]) {
  const split = { ran_ms: 0, waited_ms: 0, blocked_ms: 0 };
  for (const [, ms, , ran, waited] of stalls) {
    if (ran === undefined || waited === undefined) continue;
    split.ran_ms += ran;
    split.waited_ms += waited;
    split.blocked_ms += Math.max(0, ms + 5 - ran - waited);
  }
  return split;
}

export function attributePauses(samples: Sample[], pauses: ArrivalPauses, stolenMs: number | null) {
  const large = samples
    .filter((s) => s.ttftErrorMs > LARGE_MS)
    .sort((a, b) => b.ttftErrorMs - a.ttftErrorMs)
    .map((s) => ({
      wire: s.wire,
      ttftErrorMs: s.ttftErrorMs,
      causes: causesOf(s.firstSentAt, s.ttftErrorMs, pauses),
    }));
  const slow = samples
    .filter((s) => Math.abs(s.speedErrorPct) > LARGE_SPEED_PCT)
    .sort((a, b) => Math.abs(b.speedErrorPct) - Math.abs(a.speedErrorPct))
    .map((s) => ({
      wire: s.wire,
      speedErrorPct: s.speedErrorPct,
      lastErrorMs: s.lastErrorMs,
      causes: causesOf(s.lastSentAt, s.lastErrorMs, pauses),
    }));
  const inside = (c: Cause): number => large.filter((s) => s.causes.includes(c)).length;
  return {
    vm_steal_ms: stolenMs,
    worker: {
      gc: {
        count: pauses.counts.gc,
        total_ms: pauses.counts.gcMs,
        over_1ms: pauses.gc.length,
        max_ms: maxOf(pauses.gc),
      },
      post: {
        count: pauses.counts.post,
        total_ms: pauses.counts.postMs,
        over_1ms: pauses.post.length,
        max_ms: maxOf(pauses.post),
      },
      stall: { over_1ms: pauses.stall.length, max_ms: maxOf(pauses.stall), ...stallSplit(pauses.stall) },
      gc_over_1ms: pauses.gc.map(([, ms, kind]) => ({ ms, kind })),
    },
    errors_over_1ms: {
      count: large.length,
      in_gc: inside("gc"),
      in_post: inside("post"),
      in_stall: inside("stall"),
      in_none: large.filter((s) => s.causes.length === 0).length,
      largest: large.slice(0, 5),
    },
    speed_errors_over_half_pct: {
      count: slow.length,
      last_chunk_late_over_1ms: slow.filter((s) => s.lastErrorMs > LARGE_MS).length,
      last_chunk_in_a_pause: slow.filter((s) => s.causes.length > 0).length,
      largest: slow.slice(0, 5),
    },
  };
}

export type PauseReport = ReturnType<typeof attributePauses>;

export function pauseLine(concurrency: number, r: PauseReport): string {
  const w = r.worker;
  const e = r.errors_over_1ms;
  const largest = e.largest.map(
    (s) => `${s.ttftErrorMs.toFixed(2)} ${s.wire} [${s.causes.join("+") || "-"}]`,
  );
  return (
    `  concurrency ${concurrency}: GC ${w.gc.count} (${w.gc.total_ms.toFixed(1)} ms, max ${w.gc.max_ms.toFixed(2)}), ` +
    `postMessage ${w.post.count} (${w.post.total_ms.toFixed(1)} ms, max ${w.post.max_ms.toFixed(2)}), ` +
    `stalls > 1 ms ${w.stall.over_1ms} (max ${w.stall.max_ms.toFixed(2)}; ran ${w.stall.ran_ms.toFixed(1)}, ` +
    `waited for a core ${w.stall.waited_ms.toFixed(1)}, blocked ${w.stall.blocked_ms.toFixed(1)} ms); ` +
    `GCs > 1 ms ${w.gc_over_1ms.map((g) => `${g.ms.toFixed(1)}${g.kind === 1 ? "s" : "m"}`).join(" ")}; ` +
    `VM steal ${r.vm_steal_ms ?? "?"} ms; TTFT errors > 1 ms: ${e.count} (in GC ${e.in_gc}, in postMessage ${e.in_post}, in a stall ${e.in_stall}, none ${e.in_none})` +
    (largest.length ? `; largest ${largest.join(", ")}` : "") +
    `; speed errors > 0.5 %: ${r.speed_errors_over_half_pct.count} (last chunk stamped > 1 ms late ` +
    `${r.speed_errors_over_half_pct.last_chunk_late_over_1ms}, in a worker pause ${r.speed_errors_over_half_pct.last_chunk_in_a_pause})` +
    r.speed_errors_over_half_pct.largest
      .map(
        (s) =>
          ` ${s.speedErrorPct.toFixed(2)} % ${s.wire} last +${s.lastErrorMs.toFixed(2)} ms [${s.causes.join("+") || "-"}]`,
      )
      .join(",")
  );
}

/** The machine's steal time so far (ms, all CPUs): time its VM's vCPUs wanted to run and the host ran something else. */
export function stealMs(): number | null {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    return (Number(cpu[8]) * 1000) / 100;
  } catch {
    return null;
  }
}
