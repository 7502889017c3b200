/**
 * Coded errors. Everything a user can cause or fix is an AppError with a stable code and a
 * message that says what to do; the CLI and (later) the MCP tool layer turn them into output in
 * one place each. Anything else is a bug and is reported as such, without internals.
 */
export type ErrorCode =
  | "config_invalid"
  | "database_unavailable"
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "forbidden"
  | "unavailable";

export class AppError extends Error {
  /** The message already says what to do next: a surface adds no generic hint for its code. */
  readonly nextStepGiven: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; nextStepGiven?: boolean },
  ) {
    super(message, options);
    this.name = "AppError";
    this.nextStepGiven = options?.nextStepGiven ?? false;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The MongoDB driver's errors that mean the database went away (matched by name: no driver import here). */
const LOST_DATABASE = new Set([
  "MongoServerSelectionError",
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoTopologyClosedError",
  "MongoPoolClearedError",
  "MongoNotConnectedError",
  "MongoClientClosedError",
  "MongoPoolClosedError",
]);

/**
 * The driver's errors that mean this process closed its own client (at shutdown, or a session
 * ending): no retry can get through. Which one a read gets depends on how far it had gone when the
 * client closed: queued, checking out a connection, on the wire, or holding its implicit session.
 */
const CLOSED_CLIENT = new Set([
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
  "MongoClientClosedError",
  "MongoPoolClosedError",
  "MongoExpiredSessionError",
]);

/** True when `e` (or its cause) says the database could not be reached or was lost mid-command. */
export function isDatabaseLost(e: unknown): boolean {
  return isNamed(e, LOST_DATABASE);
}

/** True when `e` (or its cause) says the client was closed by this process, not that the database went away. */
export function isClientClosed(e: unknown): boolean {
  return isNamed(e, CLOSED_CLIENT);
}

function isNamed(e: unknown, names: Set<string>): boolean {
  for (let cur = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    if (names.has(cur.name) || names.has(cur.constructor.name)) return true;
  }
  return false;
}

/** A database outage, whether it was found at the start (AppError) or mid-command (driver error). */
export function isDatabaseUnavailable(e: unknown): boolean {
  return (isAppError(e) && e.code === "database_unavailable") || isDatabaseLost(e);
}

/**
 * The one-line error for a database lost in the middle of a command: the same code (and so the
 * same exit code) as a database that was down at the start, saying what was and was not done.
 * Anything else is returned as it is.
 */
export function asDatabaseUnavailable(e: unknown, what = "the command"): unknown {
  if (isAppError(e) || !isDatabaseLost(e)) return e;
  return new AppError(
    "database_unavailable",
    `The database connection was lost in the middle of ${what}: what it finished before that is stored, the rest was not done. ` +
      "Changes it had begun are finished or given up by the next `operator run`, `serve` or approval before anything new. " +
      "Check that the database is running, then run the command again.",
    { cause: e },
  );
}

const LISTEN_REFUSALS: Record<string, string> = {
  EADDRINUSE: "something already listens there (another `serve` or `console`?)",
  EACCES: "this user may not listen on that port",
  EADDRNOTAVAIL: "no interface of this machine has that address",
};

/**
 * The one-line error for a listener that could not open its port (`serve`, `console`): where,
 * why, and what to do. Anything else is returned as it is. Its stack was printed as a bug's.
 */
export function asListenRefusal(e: unknown): unknown {
  const err = e as { code?: unknown; syscall?: unknown; address?: unknown; port?: unknown };
  if (isAppError(e) || err?.syscall !== "listen" || typeof err.code !== "string") return e;
  const why = LISTEN_REFUSALS[err.code];
  if (!why) return e;
  return new AppError(
    "unavailable",
    `Could not listen on ${String(err.address)}:${String(err.port)}: ${why}. Nothing was started. ` +
      "Choose another port with --port (0: any free port), or stop what holds it.",
    { cause: e },
  );
}

/**
 * Control characters and bidirectional overrides from callers, made visible (`\u202e`) so that
 * echoing a caller's text in an error or a listing can neither rewrite a terminal line nor
 * reorder what a reader sees. Tab and newline are kept.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControl(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
