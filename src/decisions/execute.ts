import { applyBatch, newBatchId, type ChangeRequest } from "../mutations/mutate.js";
import { AppError } from "../errors.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";
import { disableClass } from "./evidence.js";
import { isSafe } from "./safe-actions.js";
import { currentSettings, settingsChanges } from "./settings.js";
import { recoverTransition, transition } from "./transition.js";

export { isSafe } from "./safe-actions.js";

/**
 * Execution of approved decisions, exactly once. A decision is claimed for one batch id
 * (`decision:<id>:execute`, an insert of a unique key, atomic on FerretDB too) before that
 * batch is recorded; a decision another batch holds is left to it. So no decision is ever in
 * two forward batches, whatever runs at once and whatever crashes where; src/decisions/recover.ts
 * finishes what a crash interrupted.
 */

export function executeKey(decisionId: string): string {
  return `decision:${decisionId}:execute`;
}

export interface ExecuteCaps {
  total: number;
  perProvider: number;
}

export interface Executed {
  executed: DecisionDoc[];
  deferred: DecisionDoc[];
  batches: MutationBatchDoc[];
}

/**
 * Executes approved decisions in one mutation batch (per call), at most `caps.total` of them in
 * total and `caps.perProvider` per provider; the rest stay approved for the next pass. Safe
 * actions (monitor, ignore) are never executed through a batch.
 */
export async function executeApproved(
  repos: Repositories,
  decisions: DecisionDoc[],
  actor: string,
  now: Date,
  caps: ExecuteCaps = { total: Infinity, perProvider: Infinity },
): Promise<Executed> {
  const { take, deferred } = underCaps(decisions, caps);
  const id = newBatchId();
  const mine: DecisionDoc[] = [];
  for (const d of take) if (await repos.claims.claimOnce(executeKey(d._id), now, id)) mine.push(d);
  if (mine.length === 0) return { executed: [], deferred, batches: [] };

  const settings = await currentSettings(repos, mine);
  const requests: ChangeRequest[] = mine.flatMap((d) =>
    d.action === "set_settings" ? settingsChanges(d, settings, now) : changesOf(d, actor, now),
  );
  const batch = await applyBatch(
    repos,
    {
      id,
      actor,
      reason: batchReason(mine),
      decisionIds: mine.map((d) => d._id),
      changes: requests,
    },
    now,
  );
  const executed = await settleDecisions(repos, mine, batch, actor, now);
  return { executed, deferred, batches: [batch] };
}

/**
 * What a batch says it does: one decision's action and reasoning, or, for many, how many of each
 * action on which providers (each decision keeps its own reasoning). Joining every reasoning and
 * cutting at 1,000 characters gave a sentence that ended mid-word and named one provider of five.
 */
export function batchReason(decisions: readonly DecisionDoc[]): string {
  if (decisions.length === 1) {
    const [d] = decisions;
    const approval = approverWords(d!);
    return `${clip(`${d!.action}: ${d!.reasoning}`, 1_000 - approval.length)}${approval}`;
  }
  const actions = new Map<string, number>();
  for (const d of decisions) actions.set(d.action, (actions.get(d.action) ?? 0) + 1);
  const providers = [...new Set(decisions.flatMap((d) => d.targets.map((t) => t.provider)))].sort();
  const what = [...actions].map(([action, n]) => `${n} ${action}`).join(", ");
  return `${decisions.length} decisions (${what}) on ${providers.join(", ")}; each decision holds its reasoning`;
}

/**
 * The words a person gave when they approved (their note, or their reason for acting on the change
 * an agent proposed), kept in the batch's reason beside the proposer's: the audit of a change then
 * says why the person let it happen, not only why it was asked for.
 */
function approverWords(d: DecisionDoc): string {
  const approval = [...(d.history ?? [])].reverse().find((h) => h.status === "approved" && h.note);
  // The proposer's own approval (a person acting directly, the policy on a proposal) adds only
  // the system's words: the reasoning already says why.
  if (!approval || approval.by === d.proposed_by?.name) return "";
  return ` (approved by ${approval.by}: ${clip(approval.note!, 300)})`;
}

/** `text` cut to `max` characters at a word, marked with an ellipsis when cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function underCaps(
  decisions: DecisionDoc[],
  caps: ExecuteCaps,
): { take: DecisionDoc[]; deferred: DecisionDoc[] } {
  const take: DecisionDoc[] = [];
  const deferred: DecisionDoc[] = [];
  const perProvider = new Map<string, number>();
  let changes = 0;
  for (const d of decisions) {
    if (isSafe(d.action)) continue;
    const providers = [...new Set(d.targets.map((t) => t.provider))];
    const fits =
      changes + d.targets.length <= caps.total &&
      providers.every(
        (p) =>
          (perProvider.get(p) ?? 0) + d.targets.filter((t) => t.provider === p).length <= caps.perProvider,
      );
    if (!fits) {
      deferred.push(d);
      continue;
    }
    take.push(d);
    changes += d.targets.length;
    for (const t of d.targets) perProvider.set(t.provider, (perProvider.get(t.provider) ?? 0) + 1);
  }
  return { take, deferred };
}

/**
 * Moves the decisions a finished batch executed out of `approved`: executed when every change
 * for its targets applied, failed otherwise. `recovering` also finishes a move whose claim a
 * crash left taken.
 */
export async function settleDecisions(
  repos: Repositories,
  decisions: DecisionDoc[],
  batch: MutationBatchDoc,
  actor: string,
  now: Date,
  recovering = false,
): Promise<DecisionDoc[]> {
  const executed: DecisionDoc[] = [];
  for (const d of decisions) {
    const results = batch.changes.filter((c) =>
      d.targets.some((t) => t.provider === c.provider && t.model_id === c.model_id),
    );
    const ok = results.length > 0 && results.every((c) => c.status === "applied");
    const to = ok ? "executed" : "failed";
    const note = ok ? `batch ${batch._id}` : results.map((c) => c.error).join("; ");
    const fields = { batch_id: batch._id };
    const moved =
      (await transition(repos, d._id, "approved", to, actor, now, fields, note)) ??
      (recovering ? await recoverTransition(repos, d._id, "approved", to, actor, now, fields, note) : null);
    if (moved) executed.push(moved);
    if (moved && ok && (d.action === "disable" || d.action === "deprecate"))
      await snapshot(repos, d, batch._id, now);
  }
  return executed;
}

/** What an `enable` decision of `models add` creates (its evidence's `add`). */
export interface ModelAddition {
  enabled: boolean;
  display_name?: string;
}

/** The model changes of one decision, one per target. */
function changesOf(d: DecisionDoc, actor: string, now: Date): ChangeRequest[] {
  const add = d.action === "enable" ? additionOf(d.evidence["add"]) : null;
  if (add) {
    const create = { created_at: now, ...(add.display_name ? { display_name: add.display_name } : {}) };
    return d.targets.map((t) => ({ ...t, set: { enabled: add.enabled }, create }));
  }
  if (d.action === "rename") return renameChanges(d, now);
  return d.targets.map((t) => ({ ...t, set: changesFor(d, actor, now) }));
}

/**
 * A rename moves its one target to `evidence.rename_to` (src/decisions/rename.ts checks both
 * before proposing) and measures it there: the row keeps its `_id`, settings and history link
 * (`renamed_from`), and loses a disable, since the id that failed is gone. Reverting the batch
 * moves it back and restores every field by compare-and-swap.
 */
function renameChanges(d: DecisionDoc, now: Date): ChangeRequest[] {
  const to = d.evidence["rename_to"];
  if (typeof to !== "string" || to === "" || d.targets.length !== 1)
    throw new AppError("invalid_input", `rename decision ${d._id} needs one target and evidence.rename_to`);
  const t = d.targets[0]!;
  return [
    {
      ...t,
      renameTo: to,
      set: {
        renamed_from: t.model_id,
        renamed_at: now,
        enabled: true,
        disabled_reason: null,
        disabled_at: null,
        disabled_by: null,
        disabled_class: null,
        recheck_after: null,
      },
    },
  ];
}

function additionOf(value: unknown): ModelAddition | null {
  if (typeof value !== "object" || value === null) return null;
  const { enabled, display_name } = value as Record<string, unknown>;
  if (typeof enabled !== "boolean") return null;
  return { enabled, ...(typeof display_name === "string" ? { display_name } : {}) };
}

function changesFor(d: DecisionDoc, actor: string, now: Date): ChangeRequest["set"] {
  const kind = typeof d.evidence["kind"] === "string" ? d.evidence["kind"] : null;
  const cls = typeof d.evidence["class"] === "string" ? d.evidence["class"] : null;
  switch (d.action) {
    case "disable":
    case "deprecate":
      return {
        enabled: false,
        ...(d.action === "deprecate" ? { deprecated: true } : {}),
        disabled_reason: d.reasoning.slice(0, 300),
        disabled_at: now,
        disabled_by: actor,
        ...(d.action === "deprecate"
          ? { disabled_class: "deprecated", recheck_after: null }
          : disableClass(kind, cls, now)),
      };
    case "enable":
      return {
        enabled: true,
        disabled_reason: null,
        disabled_at: null,
        disabled_by: null,
        disabled_class: null,
        recheck_after: null,
      };
    case "promote":
      // A candidate that passed its probes: measured from now on, on probation (DESIGN section 10).
      // Reverting the batch puts back `enabled:false, status:"probing"` by compare-and-swap.
      return {
        enabled: true,
        status: "probation",
        promoted_at: now,
        disabled_reason: null,
        disabled_at: null,
        disabled_by: null,
        disabled_class: null,
        recheck_after: null,
      };
    case "monitor":
    case "ignore":
    case "revert":
    case "rename":
    case "set_settings":
      throw new AppError("invalid_input", `${d.action} does not change a model through a decision`);
  }
}

/**
 * Keeps the final statistics of a disabled model for the dashboard's historical baseline. They
 * come from the model's status document (one _id read), not from its history.
 */
async function snapshot(repos: Repositories, d: DecisionDoc, batchId: string, now: Date): Promise<void> {
  for (const t of d.targets) {
    const s = await repos.signals.getStatus(modelKey(t.provider, t.model_id));
    await repos.operatorState.recordSnapshot({
      provider: t.provider,
      model_id: t.model_id,
      at: now,
      batch_id: batchId,
      reason: d.reasoning.slice(0, 300),
      stats: s
        ? {
            last_success_at: s.last_success_at ?? null,
            last_ttft: s.last_ttft ?? null,
            last_tokens_per_second: s.last_tokens_per_second ?? null,
            successes_total: s.successes_total ?? 0,
            errors_total: s.errors_total ?? 0,
            last_error_kind: s.last_error_kind ?? null,
          }
        : {},
    });
  }
}
