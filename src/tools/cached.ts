import type { Logger } from "../logger.js";

/**
 * A value loaded from the database and kept for a short while, for reads that cost a scan of the
 * whole fleet (situations, provider health): on FerretDB a full read of 5,000 models takes about
 * a second, and an agent calls these tools many times a minute while the data changes at the
 * benchmark cadence (hours). Within `freshMs` the value is served as is; up to `maxStaleMs` it is
 * served while one reload runs in the background; older, after `invalidate()` (a write
 * through this process), or when the source's change token moved (a write of another process), the
 * caller waits for a reload. Every reader gets `asOf`, so an agent
 * can tell how old the picture is. Concurrent loads share one query.
 */
export class Cached<T> {
  private value: { data: T; asOf: Date; token: string | null } | null = null;
  private loading: { token: string | null; done: Promise<{ data: T; asOf: Date }> } | null = null;

  constructor(
    private readonly load: (now: Date) => Promise<T>,
    private readonly opts: {
      clock: () => Date;
      logger: Logger;
      freshMs: number;
      maxStaleMs: number;
      label: string;
      /**
       * The source's change token (storage's ChangeToken), read at every `get`: a value loaded
       * under another token is reloaded before it is served, so a write of any process (a model
       * disabled by `serve`'s console, the CLI) shows at the next read. Without one, or when it
       * cannot be read, age alone decides.
       */
      changeToken?: () => Promise<string | null>;
    },
  ) {}

  async get(): Promise<{ data: T; asOf: Date }> {
    const token = await this.currentToken();
    const current = this.value;
    const now = this.opts.clock();
    if (current && (token === undefined || current.token === token)) {
      const age = now.getTime() - current.asOf.getTime();
      if (age < this.opts.freshMs) return current;
      if (age < this.opts.maxStaleMs) {
        this.reload(token).catch((e: unknown) => {
          this.opts.logger.warn(`${this.opts.label}: background reload failed; serving the older value`, {
            error: e instanceof Error ? e.message : String(e),
          });
        });
        return current;
      }
    }
    return this.reload(token);
  }

  /** The next read waits for fresh data (called after a write through this process). */
  invalidate(): void {
    this.value = null;
  }

  /** The token now; undefined when there is none to read or it cannot be read. */
  private async currentToken(): Promise<string | null | undefined> {
    if (!this.opts.changeToken) return undefined;
    try {
      return await this.opts.changeToken();
    } catch {
      return undefined;
    }
  }

  /** Loads under `token` (read before the load), sharing a load already running under it. */
  private reload(token: string | null | undefined): Promise<{ data: T; asOf: Date }> {
    const under = token ?? null;
    if (this.loading && this.loading.token === under) return this.loading.done;
    const loading = {
      token: under,
      done: (async () => {
        const asOf = this.opts.clock();
        const data = await this.load(asOf);
        this.value = { data, asOf, token: under };
        return this.value;
      })().finally(() => {
        if (this.loading === loading) this.loading = null;
      }),
    };
    this.loading = loading;
    return loading.done;
  }
}
