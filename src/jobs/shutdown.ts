import type { Logger } from "../logger.js";
import type { DatabaseClient } from "../storage/mongo.js";
import { errorText } from "./run-job.js";
import type { SchedulerHandle } from "./scheduler.js";

export interface ShutdownParts {
  scheduler?: SchedulerHandle | null;
  /** Other things to close before the database, alongside the scheduler (the HTTP server, ...). */
  closers?: (() => Promise<void>)[];
  client?: DatabaseClient | null;
  logger: Logger;
  /** Time for runs in flight to finish before they are aborted. @default 10000 */
  graceMs?: number;
}

/**
 * Orderly shutdown: stop claiming ticks and let runs in flight finish within the grace (then abort
 * and record them) while the other parts close, then close the database. Each step runs even if an
 * earlier one failed; errors are logged, not thrown.
 */
export async function shutdown(parts: ShutdownParts): Promise<void> {
  const step = async (name: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (e) {
      parts.logger.error(`shutdown: ${name} failed`, { error: errorText(e) });
    }
  };
  // The scheduler's runs and the HTTP server's calls drain at the same time, each within the
  // grace: both need the database (their records, the calls' audit rows), which closes last.
  await Promise.all([
    step("scheduler", async () => parts.scheduler?.stop({ graceMs: parts.graceMs ?? 10_000 })),
    ...(parts.closers ?? []).map((c, i) => step(`closer ${i + 1}`, c)),
  ]);
  await step("database", async () => parts.client?.close());
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
