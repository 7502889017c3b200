import type { Logger } from "../logger.js";

/**
 * A value loaded from the database and kept for a short while, for reads that cost a scan of the
 * whole fleet (situations, provider health): on FerretDB a full read of 5,000 models takes about
 * a second, and an agent calls these tools many times a minute while the data changes at the
 * benchmark cadence (hours). Within `freshMs` the value is served as is; up to `maxStaleMs` it is
 * served while one reload runs in the background; older, or after `invalidate()` (a write
 * through this process), the caller waits for a reload. Every reader gets `asOf`, so an agent
 * can tell how old the picture is. Concurrent loads share one query.
 */
export class Cached<T> {
  private value: { data: T; asOf: Date } | null = null;
  private loading: Promise<{ data: T; asOf: Date }> | null = null;

  constructor(
    private readonly load: (now: Date) => Promise<T>,
    private readonly opts: {
      clock: () => Date;
      logger: Logger;
      freshMs: number;
      maxStaleMs: number;
      label: string;
    },
  ) {}

  async get(): Promise<{ data: T; asOf: Date }> {
    const current = this.value;
    const now = this.opts.clock();
    if (current) {
      const age = now.getTime() - current.asOf.getTime();
      if (age < this.opts.freshMs) return current;
      if (age < this.opts.maxStaleMs) {
        this.reload().catch((e: unknown) => {
          this.opts.logger.warn(`${this.opts.label}: background reload failed; serving the older value`, {
            error: e instanceof Error ? e.message : String(e),
          });
        });
        return current;
      }
    }
    return this.reload();
  }

  /** The next read waits for fresh data (called after a write through this process). */
  invalidate(): void {
    this.value = null;
  }

  private reload(): Promise<{ data: T; asOf: Date }> {
    this.loading ??= (async () => {
      const asOf = this.opts.clock();
      const data = await this.load(asOf);
      this.value = { data, asOf };
      return this.value;
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }
}
