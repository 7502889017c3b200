import type { Principal } from "../policy/principal.js";
import type { ConsoleLinkDoc } from "../storage/console-links-repository.js";
import type { ConsoleScope } from "../storage/console-sessions-repository.js";

/**
 * Approval from an MCP client that cannot ask its human (Claude Desktop does not offer elicitation
 * to local servers): the tool changes nothing and a one-time link to the decision's (or batch's)
 * console page is opened in the person's own browser by the server, which runs on their desktop.
 * The link never has to pass through the model; it appears in the tool result only when no browser
 * could be opened. It is single use, bound to that page and that principal, expires in minutes, and
 * opening it approves nothing: approval is a POST with the session's CSRF token from the page.
 */
export interface ConsoleLinker {
  offer(
    req: { principal: Principal; scope: ConsoleScope; purpose: ConsoleLinkDoc["purpose"] },
    now: Date,
    /** Instead of the server's own browser opener (URL elicitation through the client). */
    open?: (url: string) => Promise<boolean>,
  ): Promise<{
    url: string;
    opened: boolean;
    expiresAt: Date;
    /** The page is served by this process (no `serve` answered): it stops answering when this process stops. */
    servedHere: boolean;
  }>;
}

/**
 * The page to open, and what the tool's caller learns from it: `outcome` is the call that shows what
 * the person decided there; `droppedReason` is true when the call carried a reason the page cannot
 * take from it (the person types their own there).
 */
type Target = ({ kind: "decision"; id: string } | { kind: "batch"; id: string }) & {
  outcome: string;
  droppedReason?: boolean;
};

/** The parts of a tool call's context this needs (the ToolContext, seen structurally). */
export interface LinkContext {
  services: { console?: ConsoleLinker };
  session: { canConfirm: boolean };
  principal: Principal;
  now: Date;
  showUrl?: (message: string, url: string) => Promise<boolean>;
}

/**
 * What a refused approve_decision / revert_batch tells its caller when the session cannot confirm:
 * the console link, or null when there is no console here (or the client can ask after all), in
 * which case the tool's usual CLI path stands. A client with URL elicitation is handed the link to
 * show its human; otherwise the server opens the person's browser itself.
 */
export async function offerConsoleLink(ctx: LinkContext, target: Target): Promise<string | null> {
  const { principal, showUrl } = ctx;
  const linker = ctx.services.console;
  if (!linker || ctx.session.canConfirm || principal.kind !== "human") return null;
  const what = target.kind === "decision" ? `decision ${target.id}` : `batch ${target.id}`;
  const open = showUrl
    ? (url: string) => showUrl(`Open the console page of ${what} to review it and decide there.`, url)
    : undefined;
  let offered: Awaited<ReturnType<ConsoleLinker["offer"]>>;
  try {
    offered = await linker.offer(
      {
        principal,
        scope: { kind: target.kind, id: target.id },
        purpose: target.kind === "decision" ? "approve" : "revert",
      },
      ctx.now,
      open,
    );
  } catch {
    return null; // no console could be started: the CLI path is still there
  }
  const who = principal.name;
  const until = `${offered.expiresAt.toISOString().slice(11, 16)} UTC`;
  const act = target.kind === "decision" ? "approve or reject it" : "revert it";
  const reason = target.droppedReason
    ? ` The reason you passed is not recorded from here: ${who} types the reason into the page's reason field.`
    : "";
  const after = `Once ${who} has decided there, ${target.outcome} shows the outcome.`;
  const stops = offered.servedHere
    ? " This MCP server serves that page itself: while the client has the server stopped, the page does not answer; once the client starts it again, the page answers again at the same address (if it does not, this tool gives a new link)."
    : "";
  if (offered.opened)
    return (
      `${showUrl ? "Your client showed" : "The server opened"} the page of ${what} ${showUrl ? `to ${who}` : `in ${who}'s browser on this computer`} (a one-time link, valid until ${until}, for that page only). ` +
      `${who} reviews the evidence there and can ${act} with the page's button; nothing in this conversation can. ` +
      `Tell ${who} the page is open${showUrl ? "" : " in their browser"}.${reason} ${after} If no page appeared, call this tool again for a new link.${stops}`
    );
  return (
    `The page could not be opened for ${who} from here: give ${who} this one-time link to open in their browser, where ${who} can ${act} ` +
    `(single use, valid until ${until}, for ${what} only; opening it changes nothing): ` +
    `${offered.url}${reason} ${after}${stops}`
  );
}
