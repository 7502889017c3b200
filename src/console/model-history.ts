import { actDirectly } from "../decisions/direct.js";
import {
  alreadyUndoneWords,
  undoableAlone,
  undoModelChange,
  type UndoableAlone,
} from "../decisions/revert-model.js";
import { AppError } from "../errors.js";
import { changeAction, changeOfModel, laterChangeOf, modelChain } from "../storage/in-force.js";
import type { DecisionRow } from "../storage/decision-rows.js";
import type { ModelDoc } from "../storage/documents.js";
import type { BatchChange, MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import { formReason, type PageContext } from "./context.js";

/**
 * The console's reading of one model's history, and the person's undo. Reads go through the
 * services the MCP tools share (the decisions' rows kept in memory, model rows by `_id`) and the
 * batches by `_id`. The undo of a disable is the decisions service's direct action, the one
 * `models enable` takes, so it is a decision and a batch of its own; the undo of a deprecate, a
 * rename or a settings change is the decisions service's revert of that one change
 * (`undoModelChange`), a revert batch of its own. Both have the person as actor and their reason.
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
   * Newest first: the batches of those decisions, the reverts of any of them, the batch whose
   * change the row holds last and the batches before it (which may be batches without a decision:
   * admission's bookkeeping, a person's undo of one model's change).
   */
  batches: MutationBatchDoc[];
  /**
   * The ids the model has had, its id now first: the id a rename moved it from, and the ones
   * before, from the renames among the batches it held (a change under any of them is its own).
   */
  ids: string[];
}

const HISTORY_DECISIONS = 50;

/** The decisions and batches that concern the model; `row` is its row as just read. */
export async function modelHistory(
  c: PageContext,
  key: ModelKey,
  row: ModelDoc | null,
): Promise<ModelHistory> {
  const { mutations } = c.shared.deps.repos;
  // The batch the row holds and the ones before it: batches no decision names, however old.
  const held = await modelChain((id) => mutations.get(id), key, row);
  const ids = pastIds(key, row, held);
  const decisions = (await decisionsAbout(c, key.provider, ids)).slice(0, HISTORY_DECISIONS);
  const batchIds = new Set(decisions.flatMap((d) => (d.batch_id ? [d.batch_id] : [])));
  const found = await mutations.getMany([...batchIds].filter((id) => !held.some((b) => b._id === id)));
  const batches = [...new Map([...found, ...held].map((b) => [b._id, b])).values()];
  const known = new Set(batches.map((b) => b._id));
  const reverts = await mutations.getMany(
    batches.flatMap((b) => (b.reverted_by && !known.has(b.reverted_by) ? [b.reverted_by] : [])),
  );
  const all = [...batches, ...reverts].sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
  return { row, decisions, batches: all, ids };
}

/** The model's ids, its id now first, then each id a rename among `held` (newest first) moved it from. */
function pastIds(key: ModelKey, row: ModelDoc | null, held: readonly MutationBatchDoc[]): string[] {
  const ids = [key.model_id, ...(row?.renamed_from ? [row.renamed_from] : [])];
  for (const b of held)
    for (const ch of b.changes)
      if (ch.provider === key.provider && ch.rename_to !== undefined && ids.includes(ch.rename_to))
        ids.push(ch.model_id);
  return [...new Set(ids)];
}

/**
 * The model's change in a batch of its history: under any id it has had, or a rename to or from
 * one (`changeOf` keys it by one id only).
 */
export function historyChange(
  h: Pick<ModelHistory, "ids">,
  b: MutationBatchDoc,
  key: ModelKey,
): BatchChange | undefined {
  return b.changes.find(
    (ch) =>
      ch.provider === key.provider &&
      (h.ids.includes(ch.model_id) || (ch.rename_to !== undefined && h.ids.includes(ch.rename_to))),
  );
}

/** The id a change left the model at, when the model has been renamed since (not to `key`'s id). */
export function movedFrom(ch: BatchChange, key: ModelKey): string | null {
  const left = ch.rename_to ?? ch.model_id;
  return left === key.model_id ? null : left;
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
export const changeOf = changeOfModel;

/**
 * Whether the change is in force, by the one rule the report and `decisions show` apply
 * (src/storage/in-force.ts): an applied change of a batch nobody reverted, neither undone alone
 * nor overruled by a later batch writing what it decided. A later write of another field (a
 * recovery probe's recheck date after a disable) leaves it in force.
 */
export function inForce(h: ModelHistory, b: MutationBatchDoc, ch: BatchChange): boolean {
  if (!h.row || b.kind !== "apply" || b.reverted_by || ch.status !== "applied") return false;
  return laterChangeOf(b, ch, h.batches) === null;
}

/**
 * Why the direct enable cannot give this model back, or null when it can: only a disabled model
 * that is neither deprecated (a deprecated model is never measured, enabled or not) nor an
 * admission candidate (admission promotes or rejects those).
 */
export function whyNotEnable(row: ModelDoc | null): string | null {
  if (!row) return "it is not in the fleet";
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
  | { kind: "model"; batch: MutationBatchDoc; change: BatchChange; action: UndoableAlone }
  | { kind: "batch"; batch: MutationBatchDoc; change: BatchChange; action: string; why: string };

const ONLY_THE_BATCH: Record<string, string> = {
  add: "The batch's revert removes the model from the catalog again, if nobody changed it since.",
};

/** Each change in force, newest first, with the way to undo it. */
export function undoOptions(h: ModelHistory, key: ModelKey): Undo[] {
  const out: Undo[] = [];
  for (const batch of h.batches) {
    const change = historyChange(h, batch, key);
    if (!change || !inForce(h, batch, change)) continue;
    const action = changeAction(change);
    if (action === "disable" && whyNotEnable(h.row) === null) {
      out.push({ kind: "enable", batch, change });
      continue;
    }
    const old = movedFrom(change, key);
    if (old !== null && change.rename_to !== undefined) {
      out.push({ kind: "batch", batch, change, action, why: renamedAgainWhy(key, old) });
      continue;
    }
    const alone = undoableAlone(change);
    if (alone) {
      out.push({ kind: "model", batch, change, action: alone });
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
 * Why a rename renamed again since is not undone alone: moving the model back to the id it had
 * before it would take it off the id the later rename gave it (src/mutations/revert-model.ts refuses).
 */
function renamedAgainWhy(key: ModelKey, old: string): string {
  return `It renamed the model to ${key.provider}:${old}, and a later rename moved it on to ${key.model_id}: undo that later rename first, on this page, then this one.`;
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
  if (!row) throw new AppError("not_found", `No model ${key.provider}:${key.model_id} in the fleet.`);
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

/**
 * What became of this person's newest enable of the model, as the decision stands now: one they
 * proposed, or the pending enable of someone else (an agent, the recovery probes) that their
 * enable approved as them (`actDirectly` approves the same change when it is already pending).
 */
export async function enableOutcome(c: PageContext, h: ModelHistory): Promise<string> {
  const me = c.principal.name;
  const mine = h.decisions.find(
    (d) =>
      d.action === "enable" &&
      ((d.proposed_by.kind === "human" && d.proposed_by.name === me) || d.approved_by === me),
  );
  if (!mine) return "Not enabled: no enable of yours is recorded for this model.";
  const now = h.row?.enabled ? "The model is enabled." : "The model is not enabled.";
  const proposedByMe = mine.proposed_by.kind === "human" && mine.proposed_by.name === me;
  if (!proposedByMe && mine.status === "executed")
    return `Enabled by approving decision ${mine._id} (proposed by ${mine.proposed_by.kind} ${mine.proposed_by.name}) as ${me}: batch ${mine.batch_id ?? "?"}. ${now}`;
  if (!proposedByMe)
    return `You approved decision ${mine._id} (proposed by ${mine.proposed_by.kind} ${mine.proposed_by.name}); it is ${mine.status}. ${now}`;
  if (mine.status === "executed")
    return `Enabled by ${mine.proposed_by.name}: decision ${mine._id}, batch ${mine.batch_id ?? "?"}. ${now}`;
  if (mine.status === "pending") {
    const full = await c.shared.deps.repos.decisions.get(mine._id);
    const reasons = full?.policy_verdict.reasons.join("; ") ?? "";
    return `Your enable is decision ${mine._id}, pending approval: ${reasons}. ${now}`;
  }
  return `Your enable, decision ${mine._id}, is ${mine.status}. ${now}`;
}

/**
 * A person's undo of what batch `batchId` did to this model alone (a deprecate, a rename, a
 * settings change), through the decisions service: the policy's revert check, then the mutation
 * path's revert of that one change, with the person as actor and their reason. Returns the key the
 * model has afterwards (a rename's undo moves it back to its old id).
 */
export async function undoFromConsole(
  c: PageContext,
  key: ModelKey,
  batchId: string,
  reason: string,
): Promise<ModelKey> {
  const text = formReason(reason, "undo a change");
  if (!/^mb_[0-9a-f]{1,32}$/.test(batchId))
    throw new AppError(
      "invalid_input",
      "The form names no batch to undo; reload the page. Nothing was changed.",
    );
  try {
    const { undo, alreadyUndone } = await undoModelChange(
      c.shared.deps.repos,
      c.principal,
      { batchId, ...key, reason: text },
      c.now,
    );
    // Shown on the model's page like a refusal: this form changed nothing.
    if (alreadyUndone)
      throw new AppError(
        "conflict",
        capitalized(alreadyUndoneWords(batchId, `${key.provider}:${key.model_id}`, undo)),
      );
    const change = undo.changes[0]!;
    return { provider: change.provider, model_id: change.rename_to ?? change.model_id };
  } finally {
    c.shared.services.invalidate();
  }
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** What became of this person's undo, from the batch the model holds now. */
export function undoOutcome(c: PageContext, h: ModelHistory): string {
  const last = h.batches.find((b) => b._id === h.row?.mutation_batch_id);
  if (!last || last.kind !== "revert" || !last.revert_only || last.actor !== c.principal.name)
    return "Not undone: the model's last change is not an undo of yours.";
  const ch = last.changes[0];
  const what = ch ? changeAction({ ...ch, after: ch.before }) : "change";
  const undone = h.batches.find((b) => b._id === last.revert_of);
  const rest = (undone?.changes.length ?? 0) > 1 ? " only; the rest of that batch stays as it is" : "";
  return `Undone by ${last.actor} in batch ${last._id}: the ${what} of batch ${last.revert_of ?? "?"} on this model${rest}. Reverting ${last._id} puts the ${what} back.`;
}
