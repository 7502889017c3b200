import { createHash } from "node:crypto";
import type { ProviderHealth } from "../policy/evaluate.js";
import type { ModelSignals } from "../signals/read.js";
import { classOf, type ErrorKind } from "../taxonomy/kinds.js";
import { hardEvidenceHolds, suggest } from "./classifier.js";
import type { Situation } from "./types.js";

/**
 * The fast pass and the grouping of everything else into situations (DESIGN sections 6 and 7).
 * Pure functions of signals and provider health: no I/O, so the same code serves the operator
 * run, the MCP tools and the CLI, and tests need no database.
 */

export type FastPassReason = "disabled" | "candidate" | "healthy" | "no_signals" | "deprecated_by_provider";

export interface FastPassEntry {
  provider: string;
  model_id: string;
  reason: FastPassReason;
}

export interface SituationSet {
  fastPass: FastPassEntry[];
  situations: Situation[];
}

const DAY_MS = 86_400_000;

export function situationId(provider: string, kind: ErrorKind, fingerprint: string): string {
  return `sit_${createHash("sha256").update(`${provider}|${kind}|${fingerprint}`).digest("hex").slice(0, 12)}`;
}

export function fastPassReason(s: ModelSignals): FastPassReason | null {
  if (s.catalog.status === "probing" || s.catalog.status === "rejected") return "candidate";
  if (!s.catalog.enabled) return "disabled";
  if (s.catalog.deprecated) return "deprecated_by_provider";
  if (!s.lastSuccessAt && !s.lastError) return "no_signals";
  if (s.streakStartedAt === null || !s.lastError) return "healthy";
  return null;
}

/**
 * A member's messages of this situation: its last error, then its recent errors of the same kind
 * and fingerprint seen since its failure streak began. A model's recent errors span every kind it
 * has failed with (and times before its last success); those belong to other situations, and
 * shown here (or in the operator's prompt) they would misstate what this situation is. Each is
 * the provider's words to show and the normalized text that says which are the same message.
 */
function sampleMessages(m: ModelSignals): { normalized: string; shown: string }[] {
  const e = m.lastError!;
  const since = m.streakStartedAt?.getTime() ?? e.at.getTime();
  const same = m.recentErrors.filter(
    (r) => r.kind === e.kind && r.fingerprint === e.fingerprint && r.last_ts.getTime() >= since,
  );
  return [
    { normalized: e.message, shown: e.displayMessage },
    ...same.map((r) => ({ normalized: r.message, shown: r.display_message })),
  ];
}

/**
 * Up to three samples, distinct by their normalized text: the members' messages differ in the
 * model id, request ids and counts, and three copies of one message saying so tell a reader nothing.
 */
function distinctSamples(members: ModelSignals[]): string[] {
  const byNormalized = new Map<string, string>();
  for (const sample of members.flatMap(sampleMessages))
    if (!byNormalized.has(sample.normalized)) byNormalized.set(sample.normalized, sample.shown);
  return [...byNormalized.values()].slice(0, 3);
}

export function buildSituations(
  signals: ModelSignals[],
  providers: Map<string, ProviderHealth>,
  now: Date,
): SituationSet {
  const fastPass: FastPassEntry[] = [];
  const groups = new Map<string, ModelSignals[]>();
  for (const s of signals) {
    const reason = fastPassReason(s);
    if (reason) {
      fastPass.push({ provider: s.provider, model_id: s.model_id, reason });
      continue;
    }
    const e = s.lastError!;
    const key = `${s.provider}|${e.kind}|${e.fingerprint}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }

  const situations = [...groups.values()].map((members) => {
    const first = members[0]!;
    const e = first.lastError!;
    const id = situationId(first.provider, e.kind, e.fingerprint);
    const health = providers.get(first.provider) ?? { state: "healthy", hasHealthyModels: false };
    const startedAt = new Date(Math.min(...members.map((m) => m.streakStartedAt!.getTime())));
    const lastSeenAt = new Date(Math.max(...members.map((m) => m.lastError!.at.getTime())));
    const samples = distinctSamples(members);
    const modelIds = members.map((m) => m.model_id).sort();
    const base: Omit<Situation, "suggestion" | "evidenceDigest"> = {
      id,
      provider: first.provider,
      kind: e.kind,
      fingerprint: e.fingerprint,
      classified: e.classified,
      modelIds,
      modelCount: modelIds.length,
      startedAt,
      lastSeenAt,
      sampleMessages: samples,
      providerHasHealthyModels: health.hasHealthyModels,
    };
    const suggestion = suggest(base, health, {
      now,
      eligibleModels: members.filter((m) => hardEvidenceHolds(m)).length,
    });
    // The digest changes when the evidence an LLM would weigh changes: the members, whole days of
    // failure, the provider's health. It does not change with every new error of the same kind.
    const digest = createHash("sha256")
      .update(
        JSON.stringify([
          id,
          modelIds,
          Math.floor((now.getTime() - startedAt.getTime()) / DAY_MS),
          health.state,
          health.hasHealthyModels,
          classOf(e.kind),
          // Only when present, so that digests (and the LLM verdicts cached under them) of
          // situations without a classification stay as they were.
          ...(e.classified ? [e.classified.kind] : []),
        ]),
      )
      .digest("hex")
      .slice(0, 16);
    return { ...base, suggestion, evidenceDigest: digest };
  });
  situations.sort((a, b) => b.modelCount - a.modelCount || a.id.localeCompare(b.id));
  return { fastPass, situations };
}
