import { createHash, randomBytes } from "node:crypto";
import { runnerProvider } from "../config/providers.js";
import { AppError } from "../errors.js";
import { principalFor, type Principal } from "../policy/principal.js";
import type { ApiTokenDoc, ApiTokensRepository, TokenRole } from "../storage/api-tokens-repository.js";

export type { ApiTokenDoc, TokenRole } from "../storage/api-tokens-repository.js";

/*
 * A bearer token for the HTTP server. Only its sha256 is stored (the token is 32 random bytes,
 * so a plain hash is enough: there is nothing to brute-force), and it is shown once at
 * creation. Names are unique for ever, revoked ones included: the audit log refers to
 * principals by name, and a reused name would merge two principals' histories.
 *
 * A `runner` token never becomes a Principal, so no MCP tool, policy rule or decision can ever
 * see one.
 */

export type TokenInfo = Omit<ApiTokenDoc, "_id">;

/** What a bearer token stands for: a principal for MCP, or a runner for the ingest API. */
export type TokenIdentity =
  { kind: "principal"; principal: Principal } | { kind: "runner"; runner: RunnerIdentity };

export interface RunnerIdentity {
  name: string;
  providers: string[];
}

const NAME = /^[\w.@-]{1,64}$/;
const TOKEN_PREFIX = "bo_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token; returns it once. Humans with the operator or admin role only; admin tokens by admins. */
export async function createToken(
  store: ApiTokensRepository,
  name: string,
  role: TokenRole,
  by: Principal,
  now: Date,
  providers: readonly string[] = [],
): Promise<{ token: string; info: TokenInfo }> {
  if (!NAME.test(name))
    throw new AppError("invalid_input", "A token name is 1 to 64 letters, digits, '_', '.', '@' or '-'.");
  if (role === "runner" && providers.length === 0)
    throw new AppError("invalid_input", "A runner token needs the providers it serves: --provider bedrock.");
  if (role !== "runner" && providers.length > 0)
    throw new AppError("invalid_input", "Only runner tokens are scoped to providers; drop --provider.");
  for (const p of providers) runnerProvider(p);
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
  if (!(await store.insert(doc))) {
    throw new AppError(
      "conflict",
      `A token named ${name} exists or existed; names are never reused (the audit log refers to them). Choose another name.`,
    );
  }
  return { token, info: info(doc) };
}

export async function listTokens(store: ApiTokensRepository): Promise<TokenInfo[]> {
  return (await store.list()).map(info);
}

export async function revokeToken(
  store: ApiTokensRepository,
  name: string,
  by: Principal,
  now: Date,
): Promise<TokenInfo> {
  if (by.kind !== "human" || (by.role !== "operator" && by.role !== "admin")) {
    throw new AppError("forbidden", "Only a human operator or admin revokes tokens.");
  }
  const doc = await store.byName(name);
  if (!doc)
    throw new AppError("not_found", `No token named ${name}. List them with \`bench-operator tokens list\`.`);
  if (doc.revoked_at) return info(doc);
  await store.revoke(doc._id, by.name, now);
  return info({ ...doc, revoked_at: now, revoked_by: by.name });
}

/** The principal a bearer token stands for, or null when it is unknown, revoked or a runner's. */
export async function verifyToken(
  store: ApiTokensRepository,
  token: string,
  now: Date,
): Promise<Principal | null> {
  const identity = await authenticateToken(store, token, now);
  return identity?.kind === "principal" ? identity.principal : null;
}

/** What a bearer token stands for, or null when it is unknown or revoked. */
export async function authenticateToken(
  store: ApiTokensRepository,
  token: string,
  now: Date,
): Promise<TokenIdentity | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const id = hashToken(token);
  const doc = await store.byHash(id);
  if (!doc || doc.revoked_at) return null;
  await store.touch(id, now);
  if (doc.role === "runner") {
    return { kind: "runner", runner: { name: doc.name, providers: doc.providers ?? [] } };
  }
  return { kind: "principal", principal: principalFor(doc.name, doc.role) };
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
