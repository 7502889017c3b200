import type { Collection, Db, Filter } from "mongodb";
import type { PolicyAction } from "../policy/policy.js";

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
  rejected_by?: string;
  reject_reason?: string;
  batch_id?: string;
  run_id?: string;
  supersedes?: string[];
  superseded_by?: string;
  /** The provider-text digest of the evidence, so an unchanged situation is not proposed twice. */
  evidence_digest?: string;
  history: StatusChange[];
}

export class DecisionsRepository {
  readonly col: Collection<DecisionDoc>;

  constructor(db: Db) {
    this.col = db.collection<DecisionDoc>("decisions");
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ status: 1, created_at: -1 }, { name: "status_created" });
    await this.col.createIndex(
      { "targets.provider": 1, "targets.model_id": 1, status: 1 },
      { name: "targets_status" },
    );
    await this.col.createIndex({ created_at: -1 }, { name: "created_at" });
    await this.col.createIndex({ situation_id: 1, created_at: -1 }, { name: "situation" });
  }

  get(id: string): Promise<DecisionDoc | null> {
    return this.col.findOne({ _id: id });
  }

  list(filter: Filter<DecisionDoc>, opts: { limit?: number; skip?: number } = {}): Promise<DecisionDoc[]> {
    return this.col
      .find(filter)
      .sort({ created_at: -1, _id: -1 })
      .skip(opts.skip ?? 0)
      .limit(opts.limit ?? 50)
      .toArray();
  }

  count(filter: Filter<DecisionDoc>): Promise<number> {
    return this.col.countDocuments(filter);
  }
}
