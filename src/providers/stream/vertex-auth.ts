import { createSign } from "node:crypto";
import { readFile } from "node:fs/promises";
import { ProviderStreamError, transportMessage } from "./errors.js";

/**
 * OAuth2 access tokens for Vertex AI over plain HTTP, without the Google SDK: a static token
 * (`VERTEX_ACCESS_TOKEN`, e.g. from `gcloud auth print-access-token`), or a credentials file
 * (`GOOGLE_APPLICATION_CREDENTIALS`, or gcloud's application-default file) of type
 * `service_account` (a JWT signed with its key, exchanged at its `token_uri`) or
 * `authorized_user` (a refresh token). A fetched token is cached until a minute before it
 * expires, and concurrent callers share one refresh.
 */
export interface VertexCredentials {
  accessToken?: string;
  credentialsFile?: string;
}

const SCOPE = "https://www.googleapis.com/auth/cloud-platform";
const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
const JWT_LIFETIME_S = 3600;
const REFRESH_MARGIN_MS = 60_000;
const TOKEN_TIMEOUT_MS = 15_000;

export interface TokenSource {
  /** A valid access token; throws a `setup` ProviderStreamError (kind `auth`) when there is none. */
  token(signal?: AbortSignal): Promise<string>;
  /** The values to scrub from error text: the static token, the last fetched one. */
  secrets(): string[];
}

/** `https://{location}-aiplatform.googleapis.com`, or the global host for location `global`. */
export function vertexHost(location: string): string {
  return location === "global"
    ? "https://aiplatform.googleapis.com"
    : `https://${location}-aiplatform.googleapis.com`;
}

export function vertexTokenSource(credentials: VertexCredentials, now: () => number = Date.now): TokenSource {
  if (credentials.accessToken) {
    const token = credentials.accessToken;
    return { token: () => Promise.resolve(token), secrets: () => [token] };
  }
  const file = credentials.credentialsFile;
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;
  return {
    token(signal) {
      if (!file)
        return Promise.reject(
          authError("no Vertex credentials: set VERTEX_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS"),
        );
      if (cached && cached.expiresAt - REFRESH_MARGIN_MS > now()) return Promise.resolve(cached.token);
      // One refresh serves every waiting run; a run's own deadline ends only its wait.
      inflight ??= fetchToken(file, now)
        .then((fresh) => {
          cached = fresh;
          return fresh.token;
        })
        .finally(() => {
          inflight = null;
        });
      return untilAborted(inflight, signal);
    },
    secrets: () => (cached ? [cached.token] : []),
  };
}

interface CredentialsJson {
  type?: unknown;
  client_email?: unknown;
  private_key?: unknown;
  token_uri?: unknown;
  client_id?: unknown;
  client_secret?: unknown;
  refresh_token?: unknown;
}

async function fetchToken(file: string, now: () => number): Promise<{ token: string; expiresAt: number }> {
  const json = await readCredentials(file);
  const form = grant(json, file, now);
  const uri = typeof json.token_uri === "string" && json.token_uri !== "" ? json.token_uri : GOOGLE_TOKEN_URI;
  const timeout = AbortSignal.timeout(TOKEN_TIMEOUT_MS);
  let res: Response;
  let text: string;
  try {
    res = await fetch(uri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form).toString(),
      signal: timeout,
    });
    text = await res.text();
  } catch (error) {
    throw new ProviderStreamError(`Google token request failed: ${transportMessage(error)}`, {
      point: "setup",
      kind: "auth",
      cause: error,
    });
  }
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Reported below with the status.
  }
  const token = body["access_token"];
  if (!res.ok || typeof token !== "string" || token === "") {
    const why = [body["error"], body["error_description"]].filter((v) => typeof v === "string").join(": ");
    throw authError(`Google token request refused (HTTP ${res.status}): ${why || text.slice(0, 200)}`);
  }
  const expiresIn = typeof body["expires_in"] === "number" ? body["expires_in"] : JWT_LIFETIME_S;
  return { token, expiresAt: now() + expiresIn * 1000 };
}

async function readCredentials(file: string): Promise<CredentialsJson> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw authError(`cannot read the Google credentials file ${file}: ${transportMessage(error)}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch {
    // Reported below; the file's text may hold a key, so it is never quoted.
  }
  throw authError(`the Google credentials file ${file} is not a JSON object`);
}

/** The token request's form for the file's credential type. */
function grant(json: CredentialsJson, file: string, now: () => number): Record<string, string> {
  if (json.type === "service_account") {
    if (typeof json.client_email !== "string" || typeof json.private_key !== "string") {
      throw authError(`the service-account file ${file} lacks client_email or private_key`);
    }
    const uri =
      typeof json.token_uri === "string" && json.token_uri !== "" ? json.token_uri : GOOGLE_TOKEN_URI;
    return {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: signedJwt(json.client_email, json.private_key, uri, now),
    };
  }
  if (json.type === "authorized_user") {
    const { client_id: id, client_secret: secret, refresh_token: refresh } = json;
    if (typeof id !== "string" || typeof secret !== "string" || typeof refresh !== "string") {
      throw authError(`the authorized-user file ${file} lacks client_id, client_secret or refresh_token`);
    }
    return { grant_type: "refresh_token", client_id: id, client_secret: secret, refresh_token: refresh };
  }
  throw authError(
    `the Google credentials file ${file} has type ${JSON.stringify(json.type ?? null)}; expected service_account or authorized_user`,
  );
}

/** RFC 7523 assertion: RS256 over `header.claims`, as Google's token endpoint expects. */
function signedJwt(email: string, privateKey: string, audience: string, now: () => number): string {
  const iat = Math.floor(now() / 1000);
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "RS256", typ: "JWT" })}.${encode({
    iss: email,
    scope: SCOPE,
    aud: audience,
    iat,
    exp: iat + JWT_LIFETIME_S,
  })}`;
  try {
    const signature = createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url");
    return `${unsigned}.${signature}`;
  } catch {
    // The key's text must never reach a message.
    throw authError(`the service account ${email} has a private_key that cannot sign (not a PEM RSA key)`);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function authError(message: string): ProviderStreamError {
  return new ProviderStreamError(message, { point: "setup", kind: "auth" });
}
