import type { Collection, Db, Filter } from "mongodb";
import type { PolicyAction } from "../policy/policy.js";
import { ChangeToken } from "./change-token.js";

export type DecisionStatus =
  "pending" | "approved" | "executed" | "failed" | "rejected" | "expired" | "superseded";

export interface Proposer {
  /** fast_pass, llm (with model), classifier, agent or human. */
  kind: "fast_pass" | "llm" | "classifier" | "agent" | "human";
  name: string;
  model?: string;
}

export interface DecisionTarget {
  provider: string;
  model_id: string;
}

export interface StatusChange {
  at: Date;
  status: DecisionStatus;
  by: string;
  note?: string;
}

/**
 * A decision (DESIGN section 7). Its content (action, targets, evidence, reasoning, proposer)
 * is written once and never changed; only its status moves forward, and every move is appended
 * to `history`. A newer decision about the same target supersedes an older pending one.
 */
export interface DecisionDoc {
  _id: string;
  action: PolicyAction;
  targets: DecisionTarget[];
  situation_id?: string | null;
  evidence: Record<string, unknown>;
  confidence: number;
  reasoning: string;
  proposed_by: Proposer;
  status: DecisionStatus;
  created_at: Date;
  updated_at: Date;
  expires_at: Date;
  policy_version: number;
  policy_verdict: { outcome: string; reasons: string[]; approver_roles?: string[] };
  approved_by?: string;
  approved_at?: Date;
  approval_channel?: string;
  /**
   * Whether the approver was a person, an agent or the policy itself. Absent on decisions stored
   * before it was recorded: read as a person's when a channel is named.
   */
  approved_by_kind?: "human" | "agent" | "system";
  rejected_by?: string;
  reject_reason?: string;
  /** Where a person rejected it (cli, mcp, console); absent for the policy's own refusals. */
  reject_channel?: string;
  /** As `approved_by_kind`, for the rejection: an agent's rejection is not a person's word. */
  rejected_by_kind?: "human" | "agent" | "system";
  batch_id?: string;
  run_id?: string;
  supersedes?: string[];
  superseded_by?: string;
  /** The provider-text digest of the evidence, so an unchanged situation is not proposed twice. */
  evidence_digest?: string;
  history: StatusChange[];
}

/** A rename's new id (its evidence's `rename_to`); null for any other action. */
export function renameTarget(d: Pick<DecisionDoc, "action" | "evidence">): string | null {
  const to = d.action === "rename" ? d.evidence["rename_to"] : undefined;
  return typeof to === "string" ? to : null;
}

/** A decision's change in a few words: "rename to <new id>" for a rename, else its action. */
export function changeWords(d: Pick<DecisionDoc, "action" | "evidence">): string {
  return changeText(d.action, renameTarget(d));
}

/** An action and a rename's new id (null for any other action) in the words changeWords uses. */
export function changeText(action: string, renameTo: string | null): string {
  return renameTo === null ? action : `rename to ${renameTo}`;
}

/**
 * Which decisions to read: every field given must match (a list matches any of its values). The
 * target fields are dotted paths, as FerretDB serves them; most decisions have one target.
 */
export interface DecisionQuery {
  status?: DecisionStatus | readonly DecisionStatus[];
  action?: PolicyAction | readonly PolicyAction[];
  situation_id?: string | readonly string[];
  provider?: string;
  model_id?: string;
  /** Decisions that ran out of time: `expires_at` before this. */
  expiresBefore?: Date;
  /** Decisions last changed at or after this (`updated_at`). */
  updatedSince?: Date;
  /** Either in one of these statuses or carrying one of these evidence digests. */
  statusOrDigest?: { status: readonly DecisionStatus[]; digests: readonly string[] };
}

function toFilter(q: DecisionQuery): Filter<DecisionDoc> {
  const f: Record<string, unknown> = {};
  const oneOf = (v: unknown): unknown => (Array.isArray(v) ? { $in: v } : v);
  if (q.status !== undefined) f["status"] = oneOf(q.status);
  if (q.action !== undefined) f["action"] = oneOf(q.action);
  if (q.situation_id !== undefined) f["situation_id"] = oneOf(q.situation_id);
  if (q.provider !== undefined) f["targets.provider"] = q.provider;
  if (q.model_id !== undefined) f["targets.model_id"] = q.model_id;
  if (q.expiresBefore !== undefined) f["expires_at"] = { $lt: q.expiresBefore };
  if (q.updatedSince !== undefined) f["updated_at"] = { $gte: q.updatedSince };
  if (q.statusOrDigest) {
    f["$or"] = [
      { status: { $in: q.statusOrDigest.status } },
      { evidence_digest: { $in: q.statusOrDigest.digests } },
    ];
  }
  return f;
}

/** An inclusion projection of these top-level fields (FerretDB decodes only those; see tools/ferretdb). */
function projection(fields: readonly (keyof DecisionDoc)[]): Record<string, 1> {
  return Object.fromEntries(fields.map((f) => [f, 1]));
}

export class DecisionsRepository {
  private readonly col: Collection<DecisionDoc>;
  /** Set after every write, so a reader's copy (DecisionRows) sees writes of any process. */
  private readonly token: ChangeToken;

  constructor(db: Db) {
    this.col = db.collection<DecisionDoc>("decisions");
    this.token = new ChangeToken(db, "decisions");
  }

  /** The decisions' change token (see ChangeToken); null before the first write. */
  changeToken(): Promise<string | null> {
    return this.token.read();
  }

  private touch(): Promise<void> {
    return this.token.touch();
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ status: 1, created_at: -1 }, { name: "status_created" });
    await this.col.createIndex(
      { "targets.provider": 1, "targets.model_id": 1, status: 1 },
      { name: "targets_status" },
    );
    await this.col.createIndex({ created_at: -1 }, { name: "created_at" });
    // What a person said lately (src/operator/person-word.ts): rejections and enables by when they settled.
    await this.col.createIndex({ status: 1, updated_at: -1 }, { name: "status_updated" });
    await this.col.createIndex({ situation_id: 1, created_at: -1 }, { name: "situation" });
  }

  get(id: string): Promise<DecisionDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /**
   * The decisions with these ids that exist, in one `_id` `$in` read (index-served on every
   * engine; tools/ferretdb pushes it down on FerretDB). `fields` narrows what is read.
   */
  getMany(
    ids: readonly string[],
    opts: { fields?: readonly (keyof DecisionDoc)[] } = {},
  ): Promise<DecisionDoc[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.col
      .find({ _id: { $in: [...new Set(ids)] } }, opts.fields ? { projection: projection(opts.fields) } : {})
      .toArray();
  }

  /** A page, newest first (50 unless `limit` says otherwise). */
  list(query: DecisionQuery, opts: { limit?: number; skip?: number } = {}): Promise<DecisionDoc[]> {
    return this.col
      .find(toFilter(query))
      .sort({ created_at: -1, _id: -1 })
      .skip(opts.skip ?? 0)
      .limit(opts.limit ?? 50)
      .toArray();
  }

  /**
   * Every match (or the `limit` oldest with `oldestFirst`). `fields` narrows what is read; the
   * rest is absent from the returned documents.
   */
  find(
    query: DecisionQuery,
    opts: { fields?: readonly (keyof DecisionDoc)[]; oldestFirst?: boolean; limit?: number } = {},
  ): Promise<DecisionDoc[]> {
    const cursor = this.col.find(toFilter(query), opts.fields ? { projection: projection(opts.fields) } : {});
    if (opts.oldestFirst) cursor.sort({ created_at: 1, _id: 1 });
    if (opts.limit !== undefined) cursor.limit(opts.limit);
    return cursor.toArray();
  }

  count(query: DecisionQuery = {}): Promise<number> {
    return this.col.countDocuments(toFilter(query));
  }

  async insertMany(docs: DecisionDoc[]): Promise<void> {
    if (docs.length === 0) return;
    // Also after a failure (some documents may be in), without hiding the failure.
    await this.col.insertMany(docs).catch(async (e: unknown) => {
      await this.touch().catch(() => {});
      throw e;
    });
    await this.touch();
  }

  /**
   * Moves a decision out of `from` (compare-and-swap on the status), appending `entry` to its
   * history; null if it had moved on. Not atomic on FerretDB: callers claim the move first.
   */
  async transition(
    id: string,
    from: DecisionStatus,
    set: Partial<DecisionDoc> & { status: DecisionStatus; updated_at: Date },
    entry: StatusChange,
  ): Promise<DecisionDoc | null> {
    const doc = await this.col
      .findOneAndUpdate(
        { _id: id, status: from },
        { $set: set, $push: { history: entry } },
        { returnDocument: "after" },
      )
      .catch(async (e: unknown) => {
        await this.touch().catch(() => {});
        throw e;
      });
    await this.touch();
    return doc;
  }
}

/** When the decision was rejected (its history's rejection entry), or null when it was not. */
export function rejectedAt(d: Pick<DecisionDoc, "history">): Date | null {
  return [...(d.history ?? [])].reverse().find((h) => h.status === "rejected")?.at ?? null;
}
