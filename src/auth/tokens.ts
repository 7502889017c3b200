import { createHash, randomBytes } from "node:crypto";
import type { Collection, Db } from "mongodb";
import { AppError } from "../errors.js";
import { principalFor, type Principal, type Role } from "../policy/principal.js";

export const API_TOKENS_COLLECTION = "api_tokens";

/**
 * A bearer token for the HTTP server. Only its sha256 is stored (the token is 32 random bytes,
 * so a plain hash is enough: there is nothing to brute-force), and it is shown once at
 * creation. The hash is the `_id`, so checking a request is a lookup by primary key. Names
 * are unique for ever, revoked ones included: the audit log refers to principals by name, and
 * a reused name would merge two principals' histories.
 */
export interface ApiTokenDoc {
  _id: string; // sha256 hex of the token
  name: string;
  role: Role;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

export type TokenInfo = Omit<ApiTokenDoc, "_id">;

const NAME = /^[\w.@-]{1,64}$/;
const TOKEN_PREFIX = "bo_";
/** last_used_at is written at most this often per token, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export class ApiTokensRepository {
  readonly col: Collection<ApiTokenDoc>;
  private readonly touched = new Map<string, number>();

  constructor(db: Db) {
    this.col = db.collection<ApiTokenDoc>(API_TOKENS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ name: 1 }, { unique: true, name: "uniq_name" });
  }

  /** Creates a token; returns it once. Humans with the operator or admin role only; admin tokens by admins. */
  async create(
    name: string,
    role: Role,
    by: Principal,
    now: Date,
  ): Promise<{ token: string; info: TokenInfo }> {
    if (!NAME.test(name))
      throw new AppError("invalid_input", "A token name is 1 to 64 letters, digits, '_', '.', '@' or '-'.");
    if (by.kind !== "human" || (by.role !== "operator" && by.role !== "admin")) {
      throw new AppError(
        "forbidden",
        "Only a human operator or admin creates tokens (BENCH_OPERATOR_PRINCIPAL=name:operator).",
      );
    }
    if (role === "admin" && by.role !== "admin") {
      throw new AppError("forbidden", "Only an admin creates admin tokens.");
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const doc: ApiTokenDoc = {
      _id: hashToken(token),
      name,
      role,
      created_at: now,
      created_by: by.name,
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
    };
    try {
      await this.col.insertOne(doc);
    } catch (e) {
      if ((e as { code?: number }).code === 11000) {
        throw new AppError(
          "conflict",
          `A token named ${name} exists or existed; names are never reused (the audit log refers to them). Choose another name.`,
        );
      }
      throw e;
    }
    return { token, info: info(doc) };
  }

  async list(): Promise<TokenInfo[]> {
    return (await this.col.find().sort({ created_at: 1 }).toArray()).map(info);
  }

  async revoke(name: string, by: Principal, now: Date): Promise<TokenInfo> {
    if (by.kind !== "human" || (by.role !== "operator" && by.role !== "admin")) {
      throw new AppError("forbidden", "Only a human operator or admin revokes tokens.");
    }
    const doc = await this.col.findOne({ name });
    if (!doc)
      throw new AppError(
        "not_found",
        `No token named ${name}. List them with \`bench-operator tokens list\`.`,
      );
    if (doc.revoked_at) return info(doc);
    await this.col.updateOne({ _id: doc._id }, { $set: { revoked_at: now, revoked_by: by.name } });
    return info({ ...doc, revoked_at: now, revoked_by: by.name });
  }

  /** The principal a bearer token stands for, or null when it is unknown or revoked. */
  async verify(token: string, now: Date): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const id = hashToken(token);
    const doc = await this.col.findOne({ _id: id });
    if (!doc || doc.revoked_at) return null;
    const last = this.touched.get(id) ?? 0;
    if (now.getTime() - last >= TOUCH_EVERY_MS) {
      this.touched.set(id, now.getTime());
      await this.col.updateOne({ _id: id }, { $set: { last_used_at: now } });
    }
    return principalFor(doc.name, doc.role);
  }
}

function info(doc: ApiTokenDoc): TokenInfo {
  return {
    name: doc.name,
    role: doc.role,
    created_at: doc.created_at,
    created_by: doc.created_by,
    revoked_at: doc.revoked_at,
    revoked_by: doc.revoked_by,
    last_used_at: doc.last_used_at,
  };
}
