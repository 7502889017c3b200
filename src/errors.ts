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
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
