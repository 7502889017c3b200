import type { Deps } from "../deps.js";
import { principalFor, type Principal } from "../policy/principal.js";
import type { ConsoleSessionDoc } from "../storage/console-sessions-repository.js";
import type { ToolServices } from "../tools/services.js";
import type { Tool, ToolContext } from "../tools/tool.js";
import { AppError } from "../errors.js";
import { untrusted } from "../tools/untrusted.js";
import { html, type SafeHtml } from "./escape.js";

/** What the console shares with the MCP server of the same process: dependencies and cached reads. */
export interface ConsoleShared {
  deps: Deps;
  services: ToolServices;
}

/** One request of a signed-in person. */
export interface PageContext {
  shared: ConsoleShared;
  session: ConsoleSessionDoc;
  principal: Principal;
  now: Date;
}

export function principalOf(session: ConsoleSessionDoc): Principal {
  const p = principalFor(session.principal.name, session.principal.role);
  return { ...p, kind: session.principal.kind };
}

/**
 * Read pages show what the read tools return, through the tools' own handlers: one definition of
 * each picture (fleet health, costs, job runs) for agents and people alike.
 */
export async function readThroughTool(
  tool: Tool,
  args: Record<string, unknown>,
  c: PageContext,
): Promise<Record<string, unknown>> {
  const ctx: ToolContext = {
    deps: c.shared.deps,
    services: c.shared.services,
    principal: c.principal,
    session: { transport: "http", readOnly: true, delegated: false, canConfirm: false },
    now: c.now,
    signal: new AbortController().signal,
    confirmedByHuman: false,
  };
  const { output } = await tool.prepare(args).execute(ctx);
  return JSON.parse(JSON.stringify(output)) as Record<string, unknown>;
}

/** Whether this person may act from the console (send, evaluate, change): an operator or admin, not a viewer. */
export function mayAct(c: PageContext): boolean {
  return c.principal.role === "operator" || c.principal.role === "admin";
}

/**
 * Why a form that changes the fleet is not offered to this person now, or null: a viewer only
 * reads, and under the kill switch every change is refused (an enable would be recorded as a
 * rejected decision). `doing` names the act: "reverting", "enabling", "undoing".
 */
export function changeBlocked(c: PageContext, killSwitch: boolean, doing: string): SafeHtml | null {
  if (c.principal.role === "viewer")
    return html`<p class="notice">Your role (viewer) can only read: ${doing} needs an operator or admin.</p>`;
  if (killSwitch)
    return html`<p class="notice bad">
      The kill switch is on: no change to the fleet runs until a human turns it off (<a href="/console/fleet"
        >Fleet</a
      >), so ${doing} is not offered here.
    </p>`;
  return null;
}

/** Provider-, LLM- or agent-written text: escaped, hidden characters blanked, marked as such. */
export function untrustedBlock(text: string | null | undefined, max = 1_000): SafeHtml {
  if (!text) return html`<span>none</span>`;
  return html`<div class="untrusted">${untrusted(text, max).untrusted_provider_text}</div>`;
}

export function when(d: Date | string | null | undefined): string {
  if (!d) return "never";
  const date = typeof d === "string" ? new Date(d) : d;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The hidden CSRF field every form carries. */
export function csrfField(c: PageContext): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${c.session.csrf}" />`;
}

/**
 * The reason a person typed into a form that needs one (reject, enable), trimmed; a missing or
 * overlong one is refused before anything is recorded. `toDo` completes "A reason is required to".
 */
export function formReason(reason: string, toDo: string): string {
  // A browser sends a textarea's line breaks as CRLF, while its maxlength counted each as one
  // character: counted as sent, a reason the form allowed was refused.
  const text = reason.replace(/\r\n?/g, "\n").trim();
  if (text === "")
    throw new AppError("invalid_input", `A reason is required to ${toDo}; nothing was changed.`);
  if (text.length > MAX_REASON_CHARS)
    throw new AppError(
      "invalid_input",
      `Keep the reason to ${MAX_REASON_CHARS} characters (this one has ${text.length}); nothing was changed.`,
    );
  return text;
}

/** The longest reason a form takes: the textareas' `maxlength`. */
export const MAX_REASON_CHARS = 500;
