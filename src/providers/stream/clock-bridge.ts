/**
 * The arrival worker's times (`process.hrtime`, ms) on the core's clock (arrival.ts says why the
 * times come from a worker).
 */

/**
 * Converts worker times (hrtime ms) to `now`'s clock. Both read the OS monotonic clock, so the
 * difference is a constant; it is taken from the tightest of a few bracketing readings (a few
 * microseconds). `now` may be any clock that advances with the monotonic clock.
 */
export function clockBridge(now: () => number): (hrMs: number) => number {
  let best = { width: Infinity, offset: 0 };
  for (let i = 0; i < 5; i++) {
    const before = hrMs();
    const value = now();
    const after = hrMs();
    if (after - before < best.width) best = { width: after - before, offset: value - (before + after) / 2 };
  }
  const offset = best.offset;
  return (t) => t + offset;
}

export function hrMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
