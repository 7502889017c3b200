/**
 * The ways a human does what an agent session may not: the exact commands, so that a refusal
 * always ends with something a person can run.
 */
export function humanApprovalPath(decisionId: string, where?: ConsoleView): string {
  return (
    `A human approves it${consolePage(where, "decisions", decisionId)} with \`bench-operator decisions approve ${decisionId}\` ` +
    "(the CLI, run as an operator or admin: BENCH_OPERATOR_PRINCIPAL=name:operator), or by calling approve_decision over " +
    "HTTP with an operator token (`bench-operator tokens create --role operator --name NAME`)."
  );
}

export function humanRejectPath(decisionId: string): string {
  return `A human rejects it with \`bench-operator decisions reject ${decisionId} --reason "..."\`.`;
}

export function humanRevertPath(batchId: string, where?: ConsoleView): string {
  return (
    `A human operator or admin reverts it${consolePage(where, "batches", batchId)} with ` +
    `\`bench-operator batches revert ${batchId}\`, or by calling revert_batch over HTTP with an operator token.`
  );
}

/** What says whether the session's server serves the console, and where people reach it. */
interface ConsoleView {
  session: { transport: string };
  deps: { config: { email: { consoleUrl?: string } } };
}

/**
 * The console page of a decision or batch, as a clause ("on its console page, URL, ..."), for a
 * session over HTTP: `serve` serves the console on the same listener as /mcp, where a person sees
 * the evidence and the button. Its public address when CONSOLE_PUBLIC_URL is set, else its path on
 * the address the agent reaches /mcp at. Empty for other transports (a stdio server's console is
 * the delegated session's business: approvalInSession).
 */
function consolePage(where: ConsoleView | undefined, kind: "decisions" | "batches", id: string): string {
  if (where?.session.transport !== "http") return "";
  const path = `/console/${kind}/${id}`;
  const base = where.deps.config.email.consoleUrl?.replace(/\/+$/, "");
  const page = base ? `${base}${path}` : `${path} on this server (the address you reach /mcp at)`;
  return (
    ` on its console page, ${page}, signed in with their operator token (or a one-time link: ` +
    "`bench-operator console --link --url <the server's address>`); or"
  );
}

export function humanRunPath(provider: string | undefined): string {
  return (
    `A human operator runs it with \`bench-operator operator run${provider ? ` --provider ${provider}` : ""}\`, or calls ` +
    "run_operator with dry_run=false over HTTP with an operator token."
  );
}

/** The dry run that asks the LLM (`run_operator` with ask_llm): the same flags on the CLI. */
export function humanAskLlmPath(provider: string | undefined): string {
  return (
    `A human operator asks it with \`bench-operator operator run --dry-run --ask-llm${provider ? ` --provider ${provider}` : ""}\` ` +
    "(one charged call, nothing else written), or calls run_operator with ask_llm=true over HTTP with an operator token."
  );
}

/** How a fleet change from this session is confirmed (get_policy's `caller.human_confirmation`). */
export type HumanConfirmation = "not_needed" | "by_elicitation" | "by_console_link" | "unavailable";

/** The parts of a tool call's context these read (the ToolContext, seen structurally). */
interface SessionView {
  session: { delegated: boolean; canConfirm: boolean };
  services: { console?: unknown };
  principal: { name: string };
}

export function humanConfirmation(ctx: SessionView): HumanConfirmation {
  if (!ctx.session.delegated) return "not_needed";
  if (ctx.session.canConfirm) return "by_elicitation";
  return ctx.services.console ? "by_console_link" : "unavailable";
}

/**
 * How a principal the policy lets approve `decisionId` gets it approved from this session: null
 * when approve_decision simply does it (the session's own credential is the authority), else
 * what approve_decision will do here (ask the human, or open the console page) and the way
 * around it. The gate (src/server/gate.ts) and approve_decision's confirmation do what this says.
 */
export function approvalInSession(ctx: SessionView, decisionId: string): string | null {
  const who = ctx.principal.name;
  const call = `approve_decision {"decision_id": "${decisionId}"}`;
  switch (humanConfirmation(ctx)) {
    case "not_needed":
      return null;
    case "by_elicitation":
      return `${call} asks ${who} to confirm in this client; the approval is recorded as ${who}'s.`;
    case "by_console_link":
      return (
        `${who} approves it in the console, since this client cannot ask ${who} to confirm: ${call} changes nothing ` +
        `from this session and opens the decision's page in ${who}'s browser (a one-time link for that page), where ` +
        `${who} reviews the evidence and approves with the page's button. Or \`bench-operator decisions approve ${decisionId}\`.`
      );
    case "unavailable":
      return `This client cannot ask ${who} to confirm, so ${call} changes nothing from this session. ${humanApprovalPath(decisionId)}`;
  }
}

/**
 * What calling approve_decision on `decisionId` does from this session, in a clause for a next step:
 * it executes only where no person has to confirm (approvalInSession says the rest).
 */
export function approveCallEffect(ctx: SessionView, decisionId: string): string {
  const call = `approve_decision {"decision_id": "${decisionId}"}`;
  const who = ctx.principal.name;
  switch (humanConfirmation(ctx)) {
    case "not_needed":
      return `${call} executes it`;
    case "by_elicitation":
      return `${call} asks ${who} to confirm, then executes it`;
    case "by_console_link":
      return `${call} opens its console page in ${who}'s browser, where ${who} approves it (caller.how_a_human_approves)`;
    case "unavailable":
      return `${call} changes nothing from this session (caller.how_a_human_approves says how ${who} approves)`;
  }
}
