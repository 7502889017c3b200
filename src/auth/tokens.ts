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
  role: TokenRole;
  /** Runner tokens only: the providers the runner may claim work and post results for. */
  providers?: string[];
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

export type TokenInfo = Omit<ApiTokenDoc, "_id">;

/**
 * `runner` is not a principal role: a remote runner (DESIGN section 9) holds provider
 * credentials and no database access, and may only call the ingest API for its providers. It
 * never becomes a Principal, so no MCP tool, policy rule or decision can ever see one.
 */
export type TokenRole = Role | "runner";

/** What a bearer token stands for: a principal for MCP, or a runner for the ingest API. */
export type TokenIdentity =
  { kind: "principal"; principal: Principal } | { kind: "runner"; runner: RunnerIdentity };

export interface RunnerIdentity {
  name: string;
  providers: string[];
}

const NAME = /^[\w.@-]{1,64}$/;
const PROVIDER_ID = /^[a-z][a-z0-9-]{0,31}$/;
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
    role: TokenRole,
    by: Principal,
    now: Date,
    providers: readonly string[] = [],
  ): Promise<{ token: string; info: TokenInfo }> {
    if (!NAME.test(name))
      throw new AppError("invalid_input", "A token name is 1 to 64 letters, digits, '_', '.', '@' or '-'.");
    if (role === "runner" && providers.length === 0)
      throw new AppError(
        "invalid_input",
        "A runner token needs the providers it serves: --provider bedrock.",
      );
    if (role !== "runner" && providers.length > 0)
      throw new AppError("invalid_input", "Only runner tokens are scoped to providers; drop --provider.");
    const bad = providers.find((p) => !PROVIDER_ID.test(p));
    if (bad !== undefined) throw new AppError("invalid_input", `Not a provider id: ${JSON.stringify(bad)}.`);
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
      ...(role === "runner" ? { providers: [...new Set(providers)].sort() } : {}),
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

  /** The principal a bearer token stands for, or null when it is unknown, revoked or a runner's. */
  async verify(token: string, now: Date): Promise<Principal | null> {
    const identity = await this.authenticate(token, now);
    return identity?.kind === "principal" ? identity.principal : null;
  }

  /** What a bearer token stands for, or null when it is unknown or revoked. */
  async authenticate(token: string, now: Date): Promise<TokenIdentity | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const id = hashToken(token);
    const doc = await this.col.findOne({ _id: id });
    if (!doc || doc.revoked_at) return null;
    const last = this.touched.get(id) ?? 0;
    if (now.getTime() - last >= TOUCH_EVERY_MS) {
      this.touched.set(id, now.getTime());
      await this.col.updateOne({ _id: id }, { $set: { last_used_at: now } });
    }
    if (doc.role === "runner") {
      return { kind: "runner", runner: { name: doc.name, providers: doc.providers ?? [] } };
    }
    return { kind: "principal", principal: principalFor(doc.name, doc.role) };
  }
}

function info(doc: ApiTokenDoc): TokenInfo {
  return {
    name: doc.name,
    role: doc.role,
    ...(doc.providers ? { providers: doc.providers } : {}),
    created_at: doc.created_at,
    created_by: doc.created_by,
    revoked_at: doc.revoked_at,
    revoked_by: doc.revoked_by,
    last_used_at: doc.last_used_at,
  };
}
