import type { DecisionRows } from "./decision-rows.js";
import {
  changeText,
  renameTarget,
  type DecisionDoc,
  type DecisionsRepository,
} from "./decisions-repository.js";
import type { Repositories } from "./repositories.js";

/**
 * What already waits for a person about each model: its pending decision. A situation's models are
 * shown with theirs (the console's Situations page, `situations`, list_situations, the daily report),
 * so that a model whose pending decision is a rename is not read as one the operator would disable
 * because the classifier's suggestion for its group says so.
 */

/** A pending decision about one model. */
export interface PendingChange {
  decisionId: string;
  modelId: string;
  action: string;
  /** For a rename: the id it moves the model to. */
  renameTo: string | null;
}

/** Pending decisions read to name each model's pending change (the oldest first, as they expire). */
export const PENDING_READ = 500;

/**
 * Each model's pending decision, by `provider:model_id`. The decisions come oldest first, so the
 * newest wins: a newer decision about a model supersedes an older pending one.
 */
export function pendingByModel(
  decisions: readonly Pick<DecisionDoc, "_id" | "action" | "targets" | "evidence">[],
): Map<string, PendingChange> {
  const out = new Map<string, PendingChange>();
  for (const d of decisions) {
    const renameTo = renameTarget(d);
    for (const t of d.targets)
      out.set(`${t.provider}:${t.model_id}`, {
        decisionId: d._id,
        modelId: t.model_id,
        action: d.action,
        renameTo,
      });
  }
  return out;
}

/** What pendingByModel reads of a decision. */
const PENDING_FIELDS = [
  "_id",
  "action",
  "targets",
  "evidence",
] as const satisfies readonly (keyof DecisionDoc)[];

/**
 * The pending decisions (at most PENDING_READ, oldest first) and each model's. Only the fields a
 * model's pending change needs are read, and `more` besides (the report lists the decisions too).
 */
export async function readPending(
  repos: Pick<Repositories, "decisions">,
  more: readonly (keyof DecisionDoc)[] = [],
): Promise<{ docs: DecisionDoc[]; byModel: Map<string, PendingChange> }> {
  const docs = await repos.decisions.find(
    { status: "pending" },
    { oldestFirst: true, limit: PENDING_READ, fields: [...PENDING_FIELDS, ...more] },
  );
  return { docs, byModel: pendingByModel(docs) };
}

/**
 * Each model's pending decision from the decisions' cached rows (DecisionRows, as get_fleet_health
 * counts the pending ones): a server's surfaces read it on every call, and the store's query cost
 * a situations read five times its own time. The rows hold no evidence, so a rename's new id is
 * read for the pending renames alone, by `_id`.
 */
export async function cachedPending(
  rows: Pick<DecisionRows, "oldestFirst">,
  decisions: Pick<DecisionsRepository, "getMany">,
): Promise<Map<string, PendingChange>> {
  const pending = await rows.oldestFirst({ status: "pending" }, PENDING_READ);
  const renames = pending.filter((d) => d.action === "rename").map((d) => d._id);
  const evidence = new Map(
    (await decisions.getMany(renames, { fields: ["_id", "evidence"] })).map((d) => [d._id, d.evidence]),
  );
  return pendingByModel(pending.map((d) => ({ ...d, evidence: evidence.get(d._id) ?? {} })));
}

/** The pending decisions about a group's models, in the group's order. */
export function pendingOn(
  group: { provider: string; modelIds: readonly string[] },
  byModel: ReadonlyMap<string, PendingChange>,
): PendingChange[] {
  return group.modelIds.flatMap((id) => byModel.get(`${group.provider}:${id}`) ?? []);
}

/** "rename to x, waiting for a person (dec_…)": a pending change as every surface names it. */
export function pendingNote(p: PendingChange): string {
  return `${pendingWords(p)}, waiting for a person (${p.decisionId})`;
}

/** "rename to x", or the action: a pending change in a few words, as changeWords names a decision's. */
export function pendingWords(p: PendingChange): string {
  return changeText(p.action, p.renameTo);
}
