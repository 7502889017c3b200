/**
 * One stream of the measurement bench compared with the fake's log, on one clock (bench/measurement.ts
 * says how the reference is made honest).
 */
import type { FakeProviders, LogEntry } from "../test/helpers/fake-providers/client.js";

export interface Sample {
  key?: string;
  wire: string;
  concurrency: number;
  ttftErrorMs: number;
  naiveTtftErrorMs: number;
  requestTransitMs: number;
  speedErrorPct: number;
  /** Against the write call (`at`) where the fake sent later (HTTP/2); else the same as ttftErrorMs. */
  ttftErrorVsWriteMs: number;
  /** The core's call of the adapter to the worker's dispatch: this thread's time, not in the TTFT. */
  dispatchLagMs: number;
  /** The fake's clock: its first token's send, and the run's t0 (for lining samples up with other logs). */
  firstSentAt: number;
  t0: number;
  /**
   * The fake's send of the last token, and how late the core timed it, as the measured speed
   * implies: TTFT error + (measured decode span − the fake's). A late last chunk is what turns
   * into a speed error.
   */
  lastSentAt: number;
  lastErrorMs: number;
}

const hrMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** hrtime − performance.now(), from the tightest of several bracketing readings. */
export function clockOffset(): number {
  let best = { width: Infinity, offset: 0 };
  for (let i = 0; i < 200; i++) {
    const before = hrMs();
    const pn = performance.now();
    const after = hrMs();
    if (after - before < best.width) best = { width: after - before, offset: (before + after) / 2 - pn };
  }
  return best.offset;
}

/** The fake's clock must read between two of ours: same monotonic clock, or the bench is void. */
export async function clockCheck(fake: FakeProviders): Promise<{ ok: boolean; worstMs: number }> {
  let worst = 0;
  for (let i = 0; i < 10; i++) {
    const before = hrMs();
    const server = await fake.clock();
    const after = hrMs();
    worst = Math.max(worst, before - server, server - after);
  }
  return { ok: worst <= 0.1, worstMs: worst };
}

/** When the fake's bytes left: the write call over HTTP/1.1, the tapped socket write over HTTP/2. */
const sentAt = (w: LogEntry["writes"][number]): number => w.sent ?? w.at;

export function compare(
  run: { t0: number; dispatchLagMs: number; ttftS: number; speed: number | null },
  entry: LogEntry,
): Omit<Sample, "wire" | "concurrency"> | null {
  const tokenWrites = entry.writes.filter((w) => w.kind === "answer" || w.kind === "reasoning");
  const first = tokenWrites[0];
  const last = tokenWrites.at(-1);
  if (!first || !last || run.speed === null) return null;
  const total = tokenWrites.reduce((sum, w) => sum + w.tokens, 0);
  const refSpeed = (total - first.tokens) / ((sentAt(last) - sentAt(first)) / 1000);
  const measuredFirst = run.t0 + run.ttftS * 1000;
  return {
    ttftErrorMs: measuredFirst - sentAt(first),
    naiveTtftErrorMs: run.ttftS * 1000 - (sentAt(first) - entry.receivedAt),
    requestTransitMs: entry.receivedAt - run.t0,
    speedErrorPct: ((run.speed - refSpeed) / refSpeed) * 100,
    ttftErrorVsWriteMs: measuredFirst - first.at,
    dispatchLagMs: run.dispatchLagMs,
    firstSentAt: sentAt(first),
    lastSentAt: sentAt(last),
    lastErrorMs:
      measuredFirst -
      sentAt(first) +
      ((total - first.tokens) / run.speed) * 1000 -
      (sentAt(last) - sentAt(first)),
    t0: run.t0,
  };
}
