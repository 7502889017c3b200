import type { StreamAdapter } from "../../../src/providers/stream/types.js";

/**
 * A monotonic clock in the fake's terms (`process.hrtime`, milliseconds) and the run's start on
 * it, so tests can check causality exactly against the fake's send log (a token cannot be measured
 * before the fake wrote it). `runBenchmark` reads its clock first, just before the adapter starts;
 * the run's clock then starts where the adapter reports its request's dispatch (`ctx.sent`), which
 * `watch` sees. `t0()` is that dispatch when the watched adapter reported one, else the first
 * reading: the same t0 the core used.
 */
export function sharedClock(): {
  now: () => number;
  t0: () => number;
  watch: (adapter: StreamAdapter) => StreamAdapter;
} {
  let first: number | undefined;
  let sent: number | undefined;
  return {
    now: () => {
      const value = Number(process.hrtime.bigint()) / 1e6;
      first ??= value;
      return value;
    },
    t0: () => {
      if (first === undefined) throw new Error("the clock was never read");
      return sent !== undefined && sent >= first ? sent : first;
    },
    watch: (adapter) => ({
      provider: adapter.provider,
      requestMode: (metadata, model) => adapter.requestMode(metadata, model),
      ...(adapter.prepare ? { prepare: (signal: AbortSignal) => adapter.prepare!(signal) } : {}),
      stream: (request, ctx) =>
        adapter.stream(request, {
          ...ctx,
          sent: (at) => {
            sent ??= at;
            ctx.sent?.(at);
          },
        }),
    }),
  };
}
