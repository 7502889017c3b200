import { AppError } from "../errors.js";
import { operationAccess } from "../tools/access.js";
import type { PreparedCall, Tool, ToolContext } from "../tools/tool.js";

/** Asks the human at the client to confirm; "unanswered" covers decline, cancel, timeout and errors. */
export type Confirmer = (message: string, signal: AbortSignal) => Promise<"confirmed" | "unanswered">;

/**
 * The policy gate: every tool call passes here after its arguments are validated and before its
 * handler runs. In order:
 *  1. the role table and read-only mode (viewers and read-only servers: read tools only);
 *  2. the tool's own policy check (who may approve this decision, revert, run for real);
 *  3. for an execute or run tool in a delegated session (an LLM acting under a human's name over
 *     stdio) that changes the fleet or spends (its `confirmation` says what), the human's own
 *     confirmation through elicitation; if the client cannot ask, nothing is done: when the tool
 *     put the change in front of the person (`personHasIt`, its console page opened) the gate says so
 *     (`handedOff`, the text the tool's answer carries), else the call fails closed and says how a
 *     human does it instead.
 * A refusal is an AppError("forbidden") whose message ends with the way forward.
 */
export async function gate(
  tool: Tool,
  call: PreparedCall,
  ctx: ToolContext,
  confirm: Confirmer | null,
): Promise<{ confirmedByHuman: boolean; handedOff?: string }> {
  const access = operationAccess(ctx.principal.role, tool.operation, ctx.session.readOnly);
  if (!access.allowed)
    throw new AppError("forbidden", `${tool.name} is not available to you: ${access.reason}`);

  await call.authorize(ctx);

  const acts = tool.operation === "execute" || tool.operation === "run";
  if (!acts || !ctx.session.delegated) return { confirmedByHuman: false };
  const request = await call.confirmation(ctx);
  if (!request) return { confirmedByHuman: false };
  const who = ctx.principal.name;
  const effect = request.effect ?? "changes the fleet";
  const nothing = request.effect ? "Nothing was done" : "Nothing was changed";
  if (!confirm) {
    // The way forward first: a model relaying this to the person should lead with where they decide,
    // not with "forbidden" (the person may decide; only this client cannot ask them).
    const text =
      `${who} decides this in person. ${request.humanAlternative} ` +
      `(${tool.name} ${effect} in the name of ${who}, so ${who} must confirm it personally, and this client cannot ask: ` +
      `it does not support elicitation; Claude Desktop does not. ${nothing} by this call. This is how a person ` +
      `decides from this client, not a refusal of ${who}'s right to.)`;
    if (request.personHasIt) return { confirmedByHuman: false, handedOff: text };
    throw new AppError("forbidden", text);
  }
  const answer = await confirm(request.message, ctx.signal);
  if (answer !== "confirmed") {
    throw new AppError(
      "forbidden",
      `${who} did not confirm ${tool.name} (declined, cancelled or no answer); ${nothing.toLowerCase()}. ${request.humanAlternative}`,
    );
  }
  return { confirmedByHuman: true };
}
