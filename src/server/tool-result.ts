import { randomBytes } from "node:crypto";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { asDatabaseUnavailable, escapeControl, isAppError, type ErrorCode } from "../errors.js";
import { redactSecrets, type Logger } from "../logger.js";
import type { ToolCallOutcome } from "../auth/tool-call-audit.js";

/**
 * The one place where anything a tool call produces becomes an MCP result. Success: the
 * structured output and the same JSON as text (some clients read only one of them). Failure:
 * `isError` with text an agent can act on; coded errors keep their message (redacted), with a
 * hint on what to do next; anything else is a bug, logged with a reference and reported without
 * internals (no stack, no driver text, no connection string).
 */

export function successResult(output: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: output };
}

const NEXT: Partial<Record<ErrorCode, string>> = {
  invalid_input: "Fix the arguments and call the tool again; tools/list has its input schema.",
  conflict: "Look at its state again (get_decision) before retrying.",
};

export interface ErrorOutcome {
  result: CallToolResult;
  outcome: ToolCallOutcome;
  code: string;
}

export function errorResult(thrown: unknown, tool: string, logger: Logger): ErrorOutcome {
  const error = asDatabaseUnavailable(thrown);
  if (isAppError(error)) {
    if (error.code === "database_unavailable") {
      logger.error(`tool ${tool}: database unavailable`, { error: error.message });
      return failure(
        "The fleet database cannot be reached right now; if the call was a change, check whether it happened (get_decision) before retrying. Try again in a minute; if it persists, a human should check the server and its log.",
        "error",
        error.code,
      );
    }
    if (error.code === "config_invalid") {
      logger.error(`tool ${tool}: configuration`, { error: error.message });
      return failure(
        `The server is misconfigured: ${redactSecrets(error.message)} A human must fix the server's settings.`,
        "error",
        error.code,
      );
    }
    const outcome: ToolCallOutcome =
      error.code === "invalid_input" ? "invalid" : error.code === "forbidden" ? "refused" : "error";
    // A not_found names where ids of its kind come from itself (no one list shows every kind).
    const next = error.nextStepGiven ? undefined : NEXT[error.code];
    return failure(`${redactSecrets(error.message)}${next ? ` ${next}` : ""}`, outcome, error.code);
  }
  const reference = `err_${randomBytes(4).toString("hex")}`;
  logger.error(`tool ${tool} failed (${reference})`, {
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return failure(
    `${tool} failed with an internal error (reference ${reference}; the details are in the server log). ` +
      "Reads can be retried. Before retrying a change, check whether it happened (get_decision, list_decisions).",
    "error",
    "internal",
  );
}

function failure(text: string, outcome: ToolCallOutcome, code: string): ErrorOutcome {
  return {
    result: { content: [{ type: "text", text: `Error (${code}): ${escapeControl(text)}` }], isError: true },
    outcome,
    code,
  };
}
