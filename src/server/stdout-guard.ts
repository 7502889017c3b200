import { Writable } from "node:stream";

export interface StdoutGuard {
  /** The real stdout, for the protocol transport alone. */
  protocol: Writable;
  /** Puts process.stdout.write back. */
  restore(): void;
}

/**
 * Keeps stdout for protocol messages while `mcp` runs: any other write to process.stdout
 * (console.log included, from us or from a dependency such as mongodb-memory-server's download
 * progress) goes to stderr instead. A quiet flag covers one dependency; this covers them all,
 * including ones added later. Child processes never inherit stdout (their output is piped).
 */
export function guardStdout(): StdoutGuard {
  const stdout = process.stdout;
  const realWrite = stdout.write.bind(stdout);
  const protocol = new Writable({
    // The callback waits for the real stream, so the transport's backpressure stays real.
    write(chunk: Buffer, _encoding, callback) {
      realWrite(chunk, callback);
    },
  });
  // A write that fails means the client is gone; stdin's end then stops the session. Unheard,
  // the error would crash the process instead.
  protocol.on("error", () => {});
  stdout.write = process.stderr.write.bind(process.stderr);
  return {
    protocol,
    restore: () => {
      stdout.write = realWrite;
    },
  };
}
