import { isDeepStrictEqual } from "node:util";
import { actDirectly } from "../decisions/direct.js";
import { AppError } from "../errors.js";
import { changeAction } from "../report/gather.js";
import type { DecisionRow } from "../storage/decision-rows.js";
import type { ModelDoc } from "../storage/documents.js";
import type { BatchChange, MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import { formReason, type PageContext } from "./context.js";

/**
 * The console's reading of one model's history, and the person's undo. Reads go through the
 * services the MCP tools share (the decisions' rows kept in memory, model rows by `_id`) and the
 * batches by `_id`; the undo is the decisions service's direct action, the one `models enable`
 * takes, so it is a decision and a batch of its own with the person as actor and their reason.
 */

export interface ModelKey {
  provider: string;
  model_id: string;
}

export interface ModelHistory {
  /** The model's row now; null when only its signals are left (a rename moved it away). */
  row: ModelDoc | null;
  /** Decisions about this id (and the id a rename moved it from), newest first. */
  decisions: DecisionRow[];
  /**
   * Newest first: the batches of those decisions, the reverts of any of them, and the batch whose
   * change the row holds last (which may be a batch without a decision: admission's bookkeeping).
   */
  batches: MutationBatchDoc[];
}

const HISTORY_DECISIONS = 50;

/** The decisions and batches that concern the model; `row` is its row as just read. */
export async function modelHistory(
  c: PageContext,
  key: ModelKey,
  row: ModelDoc | null,
): Promise<ModelHistory> {
  const ids = [key.model_id, ...(row?.renamed_from ? [row.renamed_from] : [])];
  const decisions = (await decisionsAbout(c, key.provider, ids)).slice(0, HISTORY_DECISIONS);
  const { mutations } = c.shared.deps.repos;
  const batchIds = new Set(decisions.flatMap((d) => (d.batch_id ? [d.batch_id] : [])));
  if (row?.mutation_batch_id) batchIds.add(row.mutation_batch_id);
  const batches = await mutations.getMany([...batchIds]);
  const reverts = await mutations.getMany(batches.flatMap((b) => (b.reverted_by ? [b.reverted_by] : [])));
  const all = [...batches, ...reverts].sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
  return { row, decisions, batches: all };
}

/** Decisions with a target of exactly this provider and one of these ids, newest first. */
export async function decisionsAbout(
  c: PageContext,
  provider: string,
  modelIds: readonly string[],
): Promise<DecisionRow[]> {
  const rows = await Promise.all(
    modelIds.map((model_id) => c.shared.services.decisions.list({ provider, model_id }, { limit: 200 })),
  );
  const byId = new Map(rows.flat().map((d) => [d._id, d]));
  return [...byId.values()]
    .filter((d) => d.targets.some((t) => t.provider === provider && modelIds.includes(t.model_id)))
    .sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
}

/** The model's change in a batch: under its id, or the rename that moved it to or from this id. */
export function changeOf(b: MutationBatchDoc, key: ModelKey): BatchChange | undefined {
  return b.changes.find(
    (ch) => ch.provider === key.provider && (ch.model_id === key.model_id || ch.rename_to === key.model_id),
  );
}

/**
 * Whether the change is what the model holds now: an applied change of a batch nobody reverted
 * whose every field still has the value it wrote (the test a revert's compare-and-swap makes).
 * `mutation_batch_id` is left out: every later batch of the model rewrites it.
 */
export function inForce(b: MutationBatchDoc, ch: BatchChange, row: ModelDoc | null): boolean {
  if (!row || b.kind !== "apply" || b.reverted_by || ch.status !== "applied") return false;
  if (ch.rename_to !== undefined && row.model_id !== ch.rename_to) return false;
  return Object.entries(ch.after).every(
    ([field, value]) => field === "mutation_batch_id" || isDeepStrictEqual(row[field] ?? null, value ?? null),
  );
}

/**
 * Why the direct enable cannot give this model back, or null when it can: only a disabled model
 * that is neither deprecated (a deprecated model is never measured, enabled or not) nor an
 * admission candidate (admission promotes or rejects those).
 */
export function whyNotEnable(row: ModelDoc | null): string | null {
  if (!row) return "it is not in the catalog";
  if (row.enabled) return "it is enabled";
  if (row.deprecated === true)
    return "it is deprecated: an enable would leave it deprecated, and a deprecated model is never measured";
  if (row.status === "probing" || row.status === "rejected")
    return `it is an admission candidate (${row.status}): admission promotes or rejects it`;
  return null;
}

/** How one change in force can be undone for this model. */
export type Undo =
  | { kind: "enable"; batch: MutationBatchDoc; change: BatchChange }
  | { kind: "batch"; batch: MutationBatchDoc; change: BatchChange; action: string; why: string };

const ONLY_THE_BATCH: Record<string, string> = {
  deprecate:
    "An enable would leave it deprecated, and a deprecated model is never measured: only the batch's revert clears the flag.",
  settings:
    "A new settings change can only add or replace keys, not remove the ones this batch set: the batch's revert puts back exactly the settings it found.",
  rename:
    "The batch's revert moves the model back to its old id and restores every field it changed; nothing else does that for one model.",
  add: "The batch's revert removes the model from the catalog again, if nobody changed it since.",
};

/** Each change in force, newest first, with the way to undo it. */
export function undoOptions(h: ModelHistory, key: ModelKey): Undo[] {
  const out: Undo[] = [];
  for (const batch of h.batches) {
    const change = changeOf(batch, key);
    if (!change || !inForce(batch, change, h.row)) continue;
    const action = changeAction(change);
    if (action === "disable" && whyNotEnable(h.row) === null) {
      out.push({ kind: "enable", batch, change });
      continue;
    }
    const why =
      ONLY_THE_BATCH[action] ??
      (action === "disable"
        ? `The console cannot enable it: ${whyNotEnable(h.row) ?? "?"}. The batch's revert puts back the fields it changed.`
        : "The batch's revert puts back the fields it changed.");
    out.push({ kind: "batch", batch, change, action, why });
  }
  return out;
}

/**
 * A person's undo of a disable: an `enable` decision through `actDirectly`, exactly what
 * `bench-operator models enable` does, judged by the policy and executed at once if it allows this
 * person; the batch it writes has the person as actor and their reason. A model that is already
 * enabled, or that an enable cannot give back, is refused before anything is recorded.
 */
export async function enableFromConsole(c: PageContext, key: ModelKey, reason: string): Promise<void> {
  const text = formReason(reason, "enable a model");
  const row = await c.shared.services.modelRows.get(key);
  if (!row) throw new AppError("not_found", `No model ${key.provider}:${key.model_id} in the catalog.`);
  if (row.enabled)
    throw new AppError(
      "conflict",
      `${key.provider}:${key.model_id} is already enabled; nothing was changed.`,
    );
  const why = whyNotEnable(row);
  if (why) throw new AppError("conflict", `Not enabled: ${why}. Nothing was changed.`);
  const { decision } = await actDirectly(
    c.shared.deps.repos,
    c.principal,
    { action: "enable", targets: [key], reason: text },
    c.now,
    { config: c.shared.deps.config },
  );
  c.shared.services.invalidate();
  if (decision.status === "rejected")
    throw new AppError("forbidden", `Not enabled: ${decision.policy_verdict.reasons.join("; ")}.`);
}

/** What became of this person's newest enable of the model, as the decision stands now. */
export async function enableOutcome(c: PageContext, h: ModelHistory): Promise<string> {
  const mine = h.decisions.find(
    (d) => d.action === "enable" && d.proposed_by.kind === "human" && d.proposed_by.name === c.principal.name,
  );
  if (!mine) return "Not enabled: no enable of yours is recorded for this model.";
  const now = h.row?.enabled ? "The model is enabled." : "The model is not enabled.";
  if (mine.status === "executed")
    return `Enabled by ${mine.proposed_by.name}: decision ${mine._id}, batch ${mine.batch_id ?? "?"}. ${now}`;
  if (mine.status === "pending") {
    const full = await c.shared.deps.repos.decisions.get(mine._id);
    const reasons = full?.policy_verdict.reasons.join("; ") ?? "";
    return `Your enable is decision ${mine._id}, pending approval: ${reasons}. ${now}`;
  }
  return `Your enable, decision ${mine._id}, is ${mine.status}. ${now}`;
}
