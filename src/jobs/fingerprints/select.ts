import type { Repositories } from "../../storage/repositories.js";

/** One `unknown` fingerprint with what the classifier needs to see. */
export interface UnknownFingerprint {
  fingerprint: string;
  provider: string;
  occurrences: number;
  modelIds: string[];
  /** Provider text: untrusted, delimited wherever it reaches a prompt. */
  sample: string;
  lastSeenAt: Date;
}

/**
 * The `unknown` fingerprints seen since `since`, most frequent first, from the per-model signal
 * documents (their recent distinct errors): O(models), not O(error history).
 */
export async function selectUnknownFingerprints(
  repos: Repositories,
  since: Date,
): Promise<UnknownFingerprint[]> {
  const docs = await repos.signals.statuses({ fields: ["provider", "model_id", "recent_errors"] });
  const groups = new Map<string, UnknownFingerprint>();
  for (const d of docs) {
    for (const e of Object.values(d.recent_errors ?? {})) {
      if (e.kind !== "unknown" || !e.fingerprint || e.last_ts < since) continue;
      const g = groups.get(e.fingerprint) ?? {
        fingerprint: e.fingerprint,
        provider: d.provider,
        occurrences: 0,
        modelIds: [],
        sample: e.message,
        lastSeenAt: e.last_ts,
      };
      g.occurrences += e.count;
      if (!g.modelIds.includes(d.model_id)) g.modelIds.push(d.model_id);
      if (e.last_ts > g.lastSeenAt) g.lastSeenAt = e.last_ts;
      groups.set(e.fingerprint, g);
    }
  }
  return [...groups.values()].sort(
    (a, b) => b.occurrences - a.occurrences || a.fingerprint.localeCompare(b.fingerprint),
  );
}
