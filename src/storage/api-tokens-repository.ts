import type { Collection, Db } from "mongodb";
import type { Role } from "../config/config.js";

export const API_TOKENS_COLLECTION = "api_tokens";

/**
 * `runner` is not a principal role: a remote runner (DESIGN section 9) holds provider
 * credentials and no database access, and may only call the ingest API for its providers.
 */
export type TokenRole = Role | "runner";

/**
 * A bearer token for the HTTP server (the rules are in auth/tokens.ts). Only its sha256 is
 * stored, as the `_id`, so checking a request is a lookup by primary key.
 */
export interface ApiTokenDoc {
  _id: string; // sha256 hex of the token
  name: string;
  role: TokenRole;
  /** Runner tokens only: the providers the runner may claim work and post results for. */
  providers?: string[];
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

/** last_used_at is written at most this often per token, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export class ApiTokensRepository {
  private readonly col: Collection<ApiTokenDoc>;
  private readonly touched = new Map<string, number>();

  constructor(db: Db) {
    this.col = db.collection<ApiTokenDoc>(API_TOKENS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    // Names are unique for ever, revoked ones included: the audit log refers to principals by name.
    await this.col.createIndex({ name: 1 }, { unique: true, name: "uniq_name" });
  }

  /** Inserts a new token; false when its name (or hash) is already taken. */
  async insert(doc: ApiTokenDoc): Promise<boolean> {
    try {
      await this.col.insertOne(doc);
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }

  /** Every token, oldest first. */
  list(): Promise<ApiTokenDoc[]> {
    return this.col.find().sort({ created_at: 1 }).toArray();
  }

  byName(name: string): Promise<ApiTokenDoc | null> {
    return this.col.findOne({ name });
  }

  byHash(hash: string): Promise<ApiTokenDoc | null> {
    return this.col.findOne({ _id: hash });
  }

  async revoke(hash: string, by: string, now: Date): Promise<void> {
    await this.col.updateOne({ _id: hash }, { $set: { revoked_at: now, revoked_by: by } });
  }

  /** Records a use of the token, at most once a minute per token and process. */
  async touch(hash: string, now: Date): Promise<void> {
    const last = this.touched.get(hash) ?? 0;
    if (now.getTime() - last < TOUCH_EVERY_MS) return;
    this.touched.set(hash, now.getTime());
    await this.col.updateOne({ _id: hash }, { $set: { last_used_at: now } });
  }

  /** Provider -> names of the unrevoked runner tokens that may measure it (a small collection). */
  async runnersByProvider(): Promise<Map<string, string[]>> {
    const docs = await this.col.find({ role: "runner" }).toArray();
    const out = new Map<string, string[]>();
    for (const d of docs) {
      if (d.revoked_at) continue;
      for (const p of d.providers ?? []) out.set(p, [...(out.get(p) ?? []), d.name]);
    }
    return out;
  }
}
