import type { DecisionDoc, DecisionQuery, DecisionsRepository } from "./decisions-repository.js";
import {
  chainReaches,
  laterChangeOf,
  modelChain,
  renamedSince,
  renamesAfter,
  standingUndo,
  type LaterChange,
  type Rename,
} from "./in-force.js";
import type { ModelsRepository } from "./models-repository.js";
import type {
  BatchChange,
  MutationBatchDoc,
  MutationBatchesRepository,
  RevertMark,
} from "./mutation-batches-repository.js";

/** The fields the read tools show of a decision; the rest (evidence, history) stays in the store. */
export const DECISION_ROW_FIELDS = [
  "_id",
  "action",
  "status",
  "targets",
  "situation_id",
  "proposed_by",
  "confidence",
  "reasoning",
  "created_at",
  "updated_at",
  "expires_at",
  "approved_by",
  "batch_id",
  "evidence_digest",
] as const satisfies readonly (keyof DecisionDoc)[];

export type DecisionRow = Pick<DecisionDoc, (typeof DECISION_ROW_FIELDS)[number]> & {
  /** Set when the batch that executed the decision was reverted since: its change is undone. */
  reverted?: RevertMark;
};

/** The rows with the revert of each one's batch, where it was reverted (see revertsOf). */
export async function withReverts<T extends Pick<DecisionDoc, "batch_id">>(
  batches: MutationBatchesRepository,
  rows: T[],
): Promise<(T & { reverted?: RevertMark })[]> {
  const reverts = await batches.revertsOf(rows.flatMap((d) => (d.batch_id ? [d.batch_id] : [])));
  return rows.map((d) => {
    const reverted = d.batch_id ? reverts.get(d.batch_id) : undefined;
    return reverted ? { ...d, reverted } : d;
  });
}

/** A revert of a decision's change, with the revert of that revert when one put the change back. */
export interface Undone extends RevertMark {
  /** Set when this revert was reverted in turn: the change is in force again. */
  put_back: RevertMark | null;
}

/** One model's change of the batch undone alone (a person's undo, src/mutations/revert-model.ts). */
export interface ModelUndone extends Undone {
  /** The model as the batch's change keys it (for a rename, the id it moved from). */
  provider: string;
  model_id: string;
}

/**
 * What became of the batch that executed a decision: the decision's status says "executed"
 * forever, while the batch may have been reverted since, or one of its models' changes undone
 * alone; and the batch may hold other decisions' changes, which its revert undoes too.
 */
export interface BatchFate {
  batch: MutationBatchDoc;
  /** The revert of the whole batch, or null. */
  reverted: Undone | null;
  /** The undos of one of this decision's models alone, oldest first (applied ones only). */
  model_undos: ModelUndone[];
  /** The batch's changes of other models than this decision's, by the action of the decision that made each. */
  others: { count: number; by_action: Record<string, number> };
  /**
   * The decision's changes the batch applied that are still in force (src/storage/in-force.ts):
   * no revert of the batch, no undo of the one model, no later batch writing what they decided.
   * What an undo can act on.
   */
  live: BatchChange[];
  /** The decision's changes a later batch overruled (the enable after a disable), oldest first. */
  overruled: { provider: string; model_id: string; by: LaterChange }[];
  /**
   * The decision's changes (in force or overruled) whose model has another id now: renamed since
   * (`now`, by the last of the renames, which a later `rename` decision made). A rename reverted
   * since leaves the model at its id, and then none is listed. An undo names the model by `now`.
   */
  renamed: { provider: string; model_id: string; now: string; by: Rename; renames: Rename[] }[];
}

type ModelKey = Pick<BatchChange, "provider" | "model_id">;

/**
 * The fate of the decision's batch (null without one): four `_id`-or-index reads, then, for each
 * change otherwise in force, its model's row and the chain of batches that wrote it since.
 */
export async function batchFate(
  stores: { decisions: DecisionsRepository; mutations: MutationBatchesRepository; models: ModelsRepository },
  d: Pick<DecisionDoc, "_id" | "batch_id" | "targets">,
): Promise<BatchFate | null> {
  if (!d.batch_id) return null;
  const [batch, reverts] = await Promise.all([
    stores.mutations.get(d.batch_id),
    stores.mutations.revertsNaming(d._id),
  ]);
  if (!batch) return null;
  const ours = (k: ModelKey): boolean =>
    d.targets.some((t) => t.provider === k.provider && t.model_id === k.model_id);
  const undos = reverts.filter(
    (r) => r.revert_of === batch._id && r.revert_only && r.status === "applied" && ours(r.revert_only),
  );
  const [marks, others] = await Promise.all([
    stores.mutations.revertsOf([
      batch._id,
      ...(batch.reverted_by ? [batch.reverted_by] : []),
      ...undos.map((u) => u._id),
    ]),
    otherChanges(stores.decisions, batch, d._id, ours),
  ]);
  const mark = marks.get(batch._id);
  const model_undos = undos.map((u) => ({
    provider: u.revert_only!.provider,
    model_id: u.revert_only!.model_id,
    revert_batch_id: u._id,
    by: u.actor,
    at: u.created_at,
    put_back: marks.get(u._id) ?? null,
  }));
  const standing = undos.map((u) => ({
    ...u,
    kind: "revert" as const,
    reverted_by: marks.get(u._id)?.revert_batch_id,
  }));
  const kept = mark
    ? []
    : batch.changes.filter((c) => c.status === "applied" && ours(c) && !standingUndo(batch, c, standing));
  const fates = await Promise.all(kept.map(async (c) => laterOf(stores, batch, c)));
  const later = fates.map((f) => f.later);
  return {
    batch,
    reverted: mark ? { ...mark, put_back: marks.get(mark.revert_batch_id) ?? null } : null,
    model_undos,
    others,
    live: kept.filter((_, i) => !later[i]),
    overruled: kept.flatMap((c, i) => {
      const by = later[i];
      return by ? [{ provider: c.provider, model_id: c.model_id, by }] : [];
    }),
    renamed: kept.flatMap((c, i) => {
      const renames = fates[i]!.renames;
      const by = renames.at(-1);
      return by && by.to !== (c.rename_to ?? c.model_id)
        ? [{ provider: c.provider, model_id: c.model_id, now: by.to, by, renames }]
        : [];
    }),
  };
}

/** The id a change's model has now (`BatchFate.renamed`): what an undo of it names. */
export function idNow(fate: Pick<BatchFate, "renamed">, c: BatchChange): string {
  return (
    fate.renamed.find((r) => r.provider === c.provider && r.model_id === c.model_id)?.now ??
    c.rename_to ??
    c.model_id
  );
}

/**
 * The later batch that overruled this change, read from its model's chain of batches since, and
 * the renames of the model since. The row under the id the change left is read first: when its
 * chain reaches back to the batch, it is the model, and its chain holds its renames (one moved
 * back included). Else the model moved away (or its chain is longer than modelChain follows):
 * its renames are read from the store and the row under the id they moved it to.
 */
async function laterOf(
  stores: { mutations: MutationBatchesRepository; models: ModelsRepository },
  batch: MutationBatchDoc,
  c: BatchChange,
): Promise<{ later: LaterChange | null; renames: Rename[] }> {
  const get = (id: string): Promise<MutationBatchDoc | null> => stores.mutations.get(id);
  const left = { provider: c.provider, model_id: c.rename_to ?? c.model_id };
  const here = await stores.models.rawGet(left);
  if (here?.mutation_batch_id === batch._id) return { later: null, renames: [] };
  if (here) {
    const chain = await modelChain(get, left, here, batch._id);
    if (chainReaches(chain, left, batch._id))
      return { later: laterChangeOf(batch, c, chain), renames: renamesAfter(batch, c, chain) };
  }
  const { moves, renames, id } = await renamedSince(
    (k, since) => stores.mutations.renamesOf(k, since),
    batch,
    c,
  );
  const key = { provider: c.provider, model_id: id };
  const row = await stores.models.rawGet(key);
  if (!row || row.mutation_batch_id === batch._id) return { later: null, renames };
  const chain = await modelChain(get, key, row, batch._id);
  const since = [...new Map([...chain, ...moves].map((b) => [b._id, b])).values()];
  return { later: laterChangeOf(batch, c, since), renames };
}

/** The batch's changes of models that are not the decision's, counted by their decisions' actions. */
async function otherChanges(
  decisions: DecisionsRepository,
  batch: MutationBatchDoc,
  decisionId: string,
  ours: (k: ModelKey) => boolean,
): Promise<BatchFate["others"]> {
  const theirs = batch.changes.filter((c) => !ours(c));
  if (theirs.length === 0) return { count: 0, by_action: {} };
  const rest = await decisions.getMany(
    batch.decision_ids.filter((id) => id !== decisionId),
    { fields: ["_id", "action", "targets"] },
  );
  const by_action: Record<string, number> = {};
  for (const c of theirs) {
    const made = rest.find((o) =>
      o.targets.some((t) => t.provider === c.provider && t.model_id === c.model_id),
    );
    const action = made?.action ?? "other";
    by_action[action] = (by_action[action] ?? 0) + 1;
  }
  return { count: theirs.length, by_action };
}

/**
 * The decisions' list fields, kept in memory by a long-lived reader (the MCP server) and re-read
 * only when the store's change token moved (see DecisionsRepository.changeToken). On FerretDB
 * every decision filter decodes the whole collection (about 0.3 ms a decision: 100 ms for 300),
 * while the token is one `_id` read; so a warm read costs a millisecond whatever the number of
 * decisions, and a read after a write (in any process) sees it. The token is read before the
 * documents, and writers set it after theirs, so a copy never hides a write older than its token.
 *
 * `maxAgeMs` bounds how long a copy is trusted without a token change, for a writer that died
 * between its write and its token. With `batches`, each row carries the revert of its batch; a
 * revert moves the batches' reverts token (it changes no decision), which is read beside the
 * decisions' token.
 */
export class DecisionRows {
  private copy: { token: string; at: number; rows: DecisionRow[] } | null = null;
  private loading: { token: string; rows: Promise<DecisionRow[]> } | null = null;

  constructor(
    private readonly decisions: DecisionsRepository,
    private readonly opts: {
      clock?: () => number;
      maxAgeMs?: number;
      batches?: MutationBatchesRepository;
    } = {},
  ) {}

  /**
   * Like DecisionsRepository.list: a page of the matches, newest first; `reverted` keeps only the
   * decisions whose batch was (true) or was not (false) reverted.
   */
  async list(
    query: DecisionQuery,
    opts: { limit?: number; skip?: number; reverted?: boolean } = {},
  ): Promise<DecisionRow[]> {
    const skip = opts.skip ?? 0;
    const rows = (await this.rows()).filter(
      (d) =>
        matchesQuery(d, query) &&
        (opts.reverted === undefined || (d.reverted !== undefined) === opts.reverted),
    );
    return rows.slice(skip, skip + (opts.limit ?? 50));
  }

  /** Like DecisionsRepository.find with `oldestFirst`: every match, oldest first. */
  async oldestFirst(query: DecisionQuery, limit?: number): Promise<DecisionRow[]> {
    const rows = (await this.rows()).filter((d) => matchesQuery(d, query)).reverse();
    return limit === undefined ? rows : rows.slice(0, limit);
  }

  /** Every decision's row, newest first (created_at, then _id, both descending). */
  private async rows(): Promise<DecisionRow[]> {
    const batches = this.opts.batches;
    const [decisionsToken, revertsToken] = await Promise.all([
      this.decisions.changeToken(),
      batches?.revertsToken(),
    ]);
    const token = `${decisionsToken ?? ""}|${revertsToken ?? ""}`;
    const now = (this.opts.clock ?? Date.now)();
    const copy = this.copy;
    if (copy && copy.token === token && now - copy.at < (this.opts.maxAgeMs ?? 300_000)) return copy.rows;
    // Concurrent misses under one token share one read, which starts after that token was read.
    if (this.loading?.token === token) return this.loading.rows;
    const loading = {
      token,
      rows: (async () => {
        const found: DecisionRow[] = await this.decisions.find({}, { fields: DECISION_ROW_FIELDS });
        const rows = (batches ? await withReverts(batches, found) : found).sort(newestFirst);
        this.copy = { token, at: now, rows };
        return rows;
      })().finally(() => {
        if (this.loading === loading) this.loading = null;
      }),
    };
    this.loading = loading;
    return loading.rows;
  }
}

function newestFirst(a: DecisionRow, b: DecisionRow): number {
  const t = b.created_at.getTime() - a.created_at.getTime();
  return t !== 0 ? t : a._id < b._id ? 1 : a._id > b._id ? -1 : 0;
}

function oneOf<T>(want: T | readonly T[] | undefined, have: T | null | undefined): boolean {
  if (want === undefined) return true;
  return Array.isArray(want) ? (want as readonly T[]).includes(have as T) : want === have;
}

/**
 * What the store's filter (`toFilter` in decisions-repository.ts) selects, in memory: the
 * target fields match like MongoDB's dotted paths into an array, each on any target.
 */
export function matchesQuery(d: DecisionRow, q: DecisionQuery): boolean {
  if (!oneOf(q.status, d.status) || !oneOf(q.action, d.action)) return false;
  if (q.situation_id !== undefined && !oneOf(q.situation_id, d.situation_id ?? null)) return false;
  if (q.provider !== undefined && !d.targets.some((t) => t.provider === q.provider)) return false;
  if (q.model_id !== undefined && !d.targets.some((t) => t.model_id === q.model_id)) return false;
  if (q.expiresBefore !== undefined && !((d.expires_at?.getTime() ?? Infinity) < q.expiresBefore.getTime()))
    return false;
  if (q.statusOrDigest) {
    const { status, digests } = q.statusOrDigest;
    return (
      status.includes(d.status) || (d.evidence_digest !== undefined && digests.includes(d.evidence_digest))
    );
  }
  return true;
}
