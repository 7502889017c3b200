import type { Collection, Db } from "mongodb";
import { AppError } from "../errors.js";
// The policy's schema and the shipped default are data with no dependencies of their own (zod and
// the taxonomy): the store answers "no version set yet" with that default, as every reader expects.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { defaultPolicy, type Policy } from "../policy/policy.js";
import type { Principal } from "../policy/principal.js";

export interface PolicyVersionDoc {
  _id: number;
  policy: Policy;
  set_by: string;
  set_at: Date;
  note?: string;
}

export interface CurrentPolicy {
  version: number;
  policy: Policy;
  set_by: string;
  set_at: Date | null;
}

/** Every version is kept; the newest is in force. Version 0 is the shipped default. */
export class PolicyRepository {
  private readonly col: Collection<PolicyVersionDoc>;

  constructor(db: Db) {
    this.col = db.collection<PolicyVersionDoc>("policies");
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ set_at: -1 }, { name: "set_at" });
  }

  async current(): Promise<CurrentPolicy> {
    const doc = await this.col.find().sort({ _id: -1 }).limit(1).next();
    if (!doc) return { version: 0, policy: defaultPolicy(), set_by: "default", set_at: null };
    return { version: doc._id, policy: doc.policy, set_by: doc.set_by, set_at: doc.set_at };
  }

  async history(): Promise<PolicyVersionDoc[]> {
    return this.col.find().sort({ _id: -1 }).toArray();
  }

  /** Humans only: an agent can never change the rules it is held to. */
  async set(policy: Policy, by: Principal, now: Date, note?: string): Promise<number> {
    if (by.kind !== "human" || (by.role !== "operator" && by.role !== "admin")) {
      throw new AppError("forbidden", "Only a human operator or admin may set the policy.");
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const version = (await this.current()).version + 1;
      try {
        await this.col.insertOne({
          _id: version,
          policy,
          set_by: by.name,
          set_at: now,
          ...(note ? { note } : {}),
        });
        return version;
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e; // another writer took this version number
      }
    }
    throw new AppError("conflict", "Could not store the policy: too many concurrent writers.");
  }
}
