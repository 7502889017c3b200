import type { Logger } from "../logger.js";
import type { DatabaseClient } from "../storage/mongo.js";
import { errorText } from "./run-job.js";
import type { SchedulerHandle } from "./scheduler.js";

export interface ShutdownParts {
  scheduler?: SchedulerHandle | null;
  /** Other things to close before the database, in order (the HTTP server, ...). */
  closers?: (() => Promise<void>)[];
  client?: DatabaseClient | null;
  logger: Logger;
  /** Time for runs in flight to finish before they are aborted. @default 10000 */
  graceMs?: number;
}

/**
 * Orderly shutdown: stop claiming ticks and let runs in flight finish within the grace (then abort
 * and record them), close the other parts, close the database last. Each step runs even if an
 * earlier one failed; errors are logged, not thrown.
 */
export async function shutdown(parts: ShutdownParts): Promise<void> {
  const steps: [string, () => Promise<void>][] = [
    ["scheduler", async () => parts.scheduler?.stop({ graceMs: parts.graceMs ?? 10_000 })],
    ...(parts.closers ?? []).map((c, i): [string, () => Promise<void>] => [`closer ${i + 1}`, c]),
    ["database", async () => parts.client?.close()],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (e) {
      parts.logger.error(`shutdown: ${name} failed`, { error: errorText(e) });
    }
  }
}

/**
 * Calls `onSignal` once on the first SIGTERM or SIGINT (a second signal exits at once), and
 * returns a function that removes the handlers. The composition root wires `shutdown` into it.
 */
export function onShutdownSignal(onSignal: (signal: NodeJS.Signals) => Promise<void>): () => void {
  let started = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (started) process.exit(1);
    started = true;
    void onSignal(signal).finally(() => process.exit(process.exitCode ?? 0));
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
  return () => {
    process.off("SIGTERM", handler);
    process.off("SIGINT", handler);
  };
}
