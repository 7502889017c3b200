import type { Logger } from "../logger.js";
import { receiptCutoff } from "../runner/retention.js";
import type { RunnerReceiptsRepository } from "../storage/runner-receipts-repository.js";

export interface ReceiptPruner {
  /** Prunes when the last prune (in this process) is at least `everyMs` old; the count, or null when not due. */
  maybePrune(now: Date): Promise<number | null>;
}

/**
 * Runs where receipts are written: the ingest server, at most once per `everyMs` per process
 * (one collection scan each on FerretDB), so a server that takes results also sheds old ones
 * and one that takes none has nothing new to shed. Several servers each prune hourly: a delete
 * of what another already deleted is harmless.
 */
export function createReceiptPruner(
  receipts: RunnerReceiptsRepository,
  opts: { retentionDays: number; leaseMinutes: number; logger: Logger; everyMs?: number },
): ReceiptPruner {
  const everyMs = opts.everyMs ?? 3_600_000;
  let last = -Infinity;
  return {
    async maybePrune(now) {
      if (now.getTime() - last < everyMs) return null;
      last = now.getTime();
      const deleted = await receipts.prune(receiptCutoff(now, opts.retentionDays, opts.leaseMinutes));
      if (deleted > 0)
        opts.logger.info(
          `pruned ${deleted} runner receipts older than ${opts.retentionDays} days (RUNNER_RECEIPT_RETENTION_DAYS)`,
        );
      return deleted;
    },
  };
}
