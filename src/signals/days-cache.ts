import type { ModelSignalDoc, SignalDayDoc } from "../storage/signals-repository.js";

/**
 * A model's day buckets, kept by a long-lived reader (the MCP server) and re-read only when the
 * model's status document shows a new event: the status is one `_id` read, the buckets thirty
 * (an `$in` of their keys), and most calls then need only the first.
 *
 * Why a status change is a safe signal: every writer writes the day bucket first and the status
 * document after (`applySuccess`, `applyError`, the backfill), and every event changes the
 * status's totals. So once a reader has seen a status version, the buckets read after it
 * include every event that version counts. Readers therefore read the status first and the
 * buckets after it, never in parallel. Without a status document nothing is kept.
 *
 * Bounded: the least recently used models are dropped beyond `maxModels`.
 */
export class SignalDaysCache {
  private readonly entries = new Map<string, { version: string; days: SignalDayDoc[] }>();

  constructor(private readonly maxModels = 200) {}

  async read(
    key: string,
    status: ModelSignalDoc | null,
    load: () => Promise<SignalDayDoc[]>,
  ): Promise<SignalDayDoc[]> {
    if (!status) return load();
    const version = statusVersion(status);
    const hit = this.entries.get(key);
    if (hit?.version === version) {
      // Re-inserting keeps the Map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.days;
    }
    const days = await load();
    this.entries.delete(key);
    this.entries.set(key, { version, days });
    if (this.entries.size > this.maxModels) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return days;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What changes with every event a writer folds into the status document. */
function statusVersion(s: ModelSignalDoc): string {
  return [
    s.successes_total ?? 0,
    s.errors_total ?? 0,
    s.updated_at?.getTime() ?? 0,
    s.last_success_at?.getTime() ?? 0,
    s.last_error_at?.getTime() ?? 0,
  ].join("|");
}
