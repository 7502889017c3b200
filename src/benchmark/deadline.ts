/**
 * One run's deadline and cancellation. The adapter gets `signal` and passes it to its transport;
 * `race` also bounds every wait on the adapter, so even an adapter that ignored the signal could
 * not hold a run past its deadline. `expired` and `cancelled` say which of the two ended the run:
 * the core decides the error from them, not from whatever error the transport threw on abort.
 */
export class RunDeadline {
  readonly signal: AbortSignal;
  expired = false;
  cancelled = false;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly aborted: Promise<never>;
  private readonly onOuterAbort = (): void => {
    this.cancelled = true;
    this.controller.abort(this.outer?.reason);
  };

  constructor(
    readonly deadlineMs: number,
    private readonly outer?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.aborted = new Promise<never>((_, reject) => {
      this.signal.addEventListener("abort", () => reject(new Error("run aborted")), { once: true });
    });
    // Observed through race(); this only keeps an abort after the run from being "unhandled".
    this.aborted.catch(() => {});
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new Error(`deadline of ${deadlineMs} ms exceeded`));
    }, deadlineMs);
    if (outer?.aborted) this.onOuterAbort();
    else outer?.addEventListener("abort", this.onOuterAbort, { once: true });
  }

  race<T>(step: Promise<T>): Promise<T> {
    return Promise.race([step, this.aborted]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener("abort", this.onOuterAbort);
  }
}
