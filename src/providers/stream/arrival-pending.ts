import type { ArrivalResponse, ArrivedBytes } from "./arrival-messages.js";

/** Per-request state on this thread: a queue the body iterator drains. */
export class Pending {
  sentAt = 0;
  private head: { resolve: (r: ArrivalResponse) => void; reject: (e: Error) => void } | null;
  private readonly chunks: ArrivedBytes[] = [];
  private done = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    head: { resolve: (r: ArrivalResponse) => void; reject: (e: Error) => void },
    private readonly release: () => void,
    /** Stops the request in the worker when the reader leaves before the end. */
    private readonly cancel: () => void,
  ) {
    this.head = head;
  }

  onHead(status: number, statusText: string, headers: Headers): void {
    const head = this.head;
    this.head = null;
    head?.resolve({
      status,
      statusText,
      headers,
      sentAt: this.sentAt,
      body: { [Symbol.asyncIterator]: () => this.iterate() },
      text: async () => {
        const decoder = new TextDecoder();
        let text = "";
        for await (const c of this.iterate()) text += decoder.decode(c.bytes, { stream: true });
        return text + decoder.decode();
      },
    });
  }

  onData(chunk: ArrivedBytes): void {
    this.chunks.push(chunk);
    this.poke();
  }

  end(failure: Error | null = null): void {
    if (this.done) return;
    this.done = true;
    this.failure = failure;
    this.release();
    if (this.head) {
      const head = this.head;
      this.head = null;
      head.reject(failure ?? new Error("the response ended before its headers"));
    }
    this.poke();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async *iterate(): AsyncGenerator<ArrivedBytes> {
    try {
      for (;;) {
        const next = this.chunks.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.done) {
          if (this.failure) throw this.failure;
          return;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      if (!this.done) {
        this.cancel();
        this.end();
      }
    }
  }
}
