/**
 * A monotonic clock in the fake's terms (`process.hrtime`, milliseconds) that remembers its first
 * reading. `runBenchmark` reads its clock first for t0, just before sending, so `t0()` is the
 * run's start on the same clock as the fake's send log: tests can then check causality exactly
 * (a token cannot be measured before the fake wrote it).
 */
export function sharedClock(): { now: () => number; t0: () => number } {
  let first: number | undefined;
  return {
    now: () => {
      const value = Number(process.hrtime.bigint()) / 1e6;
      first ??= value;
      return value;
    },
    t0: () => {
      if (first === undefined) throw new Error("the clock was never read");
      return first;
    },
  };
}
