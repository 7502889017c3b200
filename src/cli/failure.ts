import { CommanderError } from "commander";
import { asDatabaseUnavailable, escapeControl, isAppError } from "../errors.js";
import { redactSecrets } from "../logger.js";

/**
 * The exit code of a command that threw, after saying why through `writeErr`: commander's own
 * code (it printed its message already), 2 for an `AppError` (a refusal that says what to do,
 * bad input included), 1 for anything else (a bug: its stack). main.ts and the in-process CLI
 * of the tests (test/helpers/cli.ts) both answer a failure through this.
 */
export function failureExitCode(thrown: unknown, writeErr: (text: string) => void): number {
  // A database lost mid-command is an outage with its own one-line message, not a bug.
  const e = asDatabaseUnavailable(thrown);
  if (e instanceof CommanderError) return e.exitCode;
  if (isAppError(e)) {
    writeErr(`error (${e.code}): ${escapeControl(redactSecrets(e.message))}\n`);
    return 2;
  }
  writeErr(`unexpected error: ${redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
  return 1;
}
