import { AppError } from "../errors.js";
import { redactSecrets } from "../logger.js";

/** How one ingest call ended, as the runner acts on it. */
export type IngestReply =
  | { kind: "ok"; status: number; body: unknown }
  /** Unreachable, timed out, 5xx, 408 or 429: try again later; nothing was lost. */
  | { kind: "transient"; reason: string }
  /** 409 from the results route: the server refused the result for good (model disabled, claim gone). */
  | { kind: "refused"; body: unknown }
  /** Any other 4xx but 404 (and a 403 `not_holder`: the claim is another runner's): sending it again cannot help. */
  | { kind: "rejected"; status: number; reason: string };

/** A 401 or 403 stops the runner: its token is unknown, revoked or not for this provider (not `not_holder`). */
export class RunnerAuthError extends AppError {
  constructor(message: string) {
    super("forbidden", message);
  }
}

export interface IngestClientOptions {
  server: string;
  token: string;
  /** One call, request and body. @default 30000 */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** The runner's side of the ingest API: POST JSON with the bearer token, classify the answer. */
export class IngestClient {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: IngestClientOptions) {
    const base = URL.canParse(opts.server) ? new URL(opts.server) : null;
    // "host:8765" parses, as a URL of scheme "host:", and would fail on every call.
    if (!base || (base.protocol !== "http:" && base.protocol !== "https:")) {
      throw new AppError(
        "invalid_input",
        `--server must be an http(s) URL such as http://127.0.0.1:8765 or https://host/bench/, not ${opts.server}`,
      );
    }
    this.base = base;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /**
   * The server as the runner reaches it: origin and path prefix (a reverse proxy's /bench/, say),
   * without a query or the token.
   */
  get server(): string {
    return `${this.base.origin}${prefixOf(this.base)}`;
  }

  /** `timeoutMs` overrides the client's for one call (a release on the way out must not hold the exit). */
  async post(path: string, body: unknown, opts: { timeoutMs?: number } = {}): Promise<IngestReply> {
    // Joined to the server's path: `new URL(path, base)` would drop a proxy's prefix, since the
    // ingest paths are absolute.
    const url = new URL(`${prefixOf(this.base)}${path}`, this.base.origin);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.opts.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs),
      });
      text = await res.text();
    } catch (e) {
      return { kind: "transient", reason: this.safe(`${url.host} unreachable: ${describe(e)}`) };
    }
    const parsed = parseJson(text);
    const message = this.safe(messageOf(parsed) ?? text.slice(0, 300));
    if (res.status >= 200 && res.status < 300) return { kind: "ok", status: res.status, body: parsed };
    if (res.status === 401) {
      throw new RunnerAuthError(
        `the server at ${url.host} refused the runner token (401): it is unknown or revoked. ` +
          "Create one with `bench-operator tokens create --role runner --provider <id> --name <runner>` " +
          "and set BENCH_RUNNER_TOKEN.",
      );
    }
    if (res.status === 404) {
      // Not an outage: asking again will not find the route (a console alone, another service), and
      // a spooled result must not be set aside as malformed for it.
      throw new AppError(
        "invalid_input",
        `the server at ${url.host} answered 404 for ${url.pathname}: it serves no runner ingest API there. ` +
          "Give --server the address of a bench-operator serve (its start-up line names where runners post), " +
          "or upgrade this runner if that serve is newer.",
      );
    }
    if (res.status === 403 && errorOf(parsed) === "not_holder") {
      // One result's claim, not this runner's token: a result spooled under the runner's earlier
      // token (replaced since) is held by that name. Stopping would refuse every start on it.
      return { kind: "rejected", status: 403, reason: `403: ${message}` };
    }
    if (res.status === 403) {
      throw new RunnerAuthError(`the server at ${url.host} refused this runner (403): ${message}`);
    }
    if (res.status === 409) return { kind: "refused", body: parsed };
    if (res.status >= 500 || res.status === 408 || res.status === 429) {
      return { kind: "transient", reason: `${url.host} answered ${res.status}: ${message}` };
    }
    return { kind: "rejected", status: res.status, reason: `${res.status}: ${message}` };
  }

  /** Error text may echo a header; the token must never reach a log line. */
  private safe(text: string): string {
    return redactSecrets(text.split(this.opts.token).join("[redacted]"));
  }
}

/** The base URL's path without its trailing slashes: "" for the server's root. */
function prefixOf(base: URL): string {
  return base.pathname.replace(/\/+$/, "");
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.name === "TimeoutError") return "timed out";
  // fetch says only "fetch failed"; the cause has the reason (ECONNREFUSED, a DNS failure, ...).
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? code : cause.message;
  }
  return e.message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function errorOf(body: unknown): string | null {
  if (body && typeof body === "object" && "error" in body && typeof body.error === "string")
    return body.error;
  return null;
}

function messageOf(body: unknown): string | null {
  if (body && typeof body === "object" && "message" in body && typeof body.message === "string") {
    return body.message;
  }
  return null;
}
