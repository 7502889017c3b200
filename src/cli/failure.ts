import { CommanderError } from "commander";
import { asDatabaseUnavailable, asListenRefusal, escapeControl, isAppError } from "../errors.js";
import { redactSecrets } from "../logger.js";

/** Commander's codes for a command line it could not run: bad input, as an `AppError` is. */
const USAGE_ERRORS = new Set([
  "commander.unknownCommand",
  "commander.unknownOption",
  "commander.missingArgument",
  "commander.optionMissingArgument",
  "commander.missingMandatoryOptionValue",
  "commander.conflictingOption",
  "commander.excessArguments",
  "commander.invalidArgument",
]);

/**
 * The exit code of a command that threw, after saying why through `writeErr`: 2 for a usage
 * error commander caught (it printed its message already: an unknown command or option, a missing
 * argument or required option) and for an `AppError` (a refusal that says what to do, bad input
 * included), commander's own code otherwise (0 after --help), 1 for anything else (a bug: its stack). main.ts and the in-process CLI
 * of the tests (test/helpers/cli.ts) both answer a failure through this.
 */
export function failureExitCode(thrown: unknown, writeErr: (text: string) => void): number {
  // A database lost mid-command is an outage with its own one-line message, not a bug.
  const e = asListenRefusal(asDatabaseUnavailable(thrown));
  if (e instanceof CommanderError) return e.exitCode !== 0 && USAGE_ERRORS.has(e.code) ? 2 : e.exitCode;
  if (isAppError(e)) {
    writeErr(`error (${e.code}): ${escapeControl(redactSecrets(e.message))}\n`);
    return 2;
  }
  writeErr(`unexpected error: ${redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
  return 1;
}
