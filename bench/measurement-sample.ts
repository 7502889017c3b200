/** One stream of the measurement bench compared with the fake's log (bench/measurement.ts). */
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
}
