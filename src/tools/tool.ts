import type { z } from "zod";
import type { Deps } from "../deps.js";
import { AppError } from "../errors.js";
import type { Principal } from "../policy/principal.js";
import type { ToolServices } from "./services.js";

/**
 * One MCP tool = one `defineTool` call in its own file. The definition is data (name, texts,
 * schemas, operation type) plus a handler that calls the services; the server owns validation,
 * the policy gate, human confirmation, auditing and turning errors into results, so that none
 * of it is repeated (or forgotten) per tool.
 */

/**
 * What a tool does, from which its annotations and the gate's role rules are derived:
 * - read: reads the fleet; changes nothing.
 * - propose: records a pending decision; changes nothing in the fleet.
 * - review: closes a pending decision without changing the fleet (reject).
 * - execute: changes the fleet through the mutation path (approve, revert); a repeat returns
 *   the same batch.
 * - run: an operator run; may call the operator's LLM (an outside service) and execute what the
 *   policy allows; every run is a new record.
 */
export type OperationType = "read" | "propose" | "review" | "execute" | "run";

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** The one table annotations come from; clients treat them as hints, the gate enforces. */
export const ANNOTATIONS: Record<OperationType, ToolAnnotations> = {
  read: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  propose: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  review: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  execute: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
};

/** How the calling session reaches the server, and what that implies for approvals. */
export interface SessionInfo {
  transport: "stdio" | "http" | "memory";
  readOnly: boolean;
  /**
   * The calls come from an LLM acting under a human's identity (a stdio server configured as a
   * human operator): a change to the fleet needs that human's own confirmation (elicitation),
   * never just the LLM's call.
   */
  delegated: boolean;
  /** The client declared form elicitation: the server can ask its human to confirm. */
  canConfirm: boolean;
}

export interface ToolContext {
  deps: Deps;
  services: ToolServices;
  principal: Principal;
  session: SessionInfo;
  now: Date;
  signal: AbortSignal;
  /** Set by the gate when the human confirmed this call through elicitation. */
  confirmedByHuman: boolean;
  /**
   * Set when the client declared URL elicitation: shows the human a URL through the client (not
   * the model) and resolves true when they accepted to open it.
   */
  showUrl?: (message: string, url: string) => Promise<boolean>;
}

/** What the audit log links a call to. */
export interface AuditRefs {
  decisionId?: string | null;
  batchId?: string | null;
  runId?: string | null;
}

/** What to ask a human before a fleet change, and what a human does when they cannot be asked. */
export interface ConfirmationRequest {
  /** Shown in the client's confirmation dialog: names the exact targets and effect. */
  message: string;
  /** How a human does this outside this session (a CLI command, an operator token). */
  humanAlternative: string;
  /**
   * True when `humanAlternative` already put the change in front of the person (its console page
   * opened in their browser, or a one-time link for it to give them): when this client cannot ask,
   * the call then answers with the tool's `handedOff` output, not a refusal. Nothing changes either way.
   */
  personHasIt?: boolean;
  /**
   * Why it needs the human's own confirmation, when not because it changes the fleet: what it
   * does in their name, e.g. "spends the operator LLM budget (one charged call)".
   */
  effect?: string;
}

export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject> {
  name: string;
  title: string;
  /** When to use it, what it returns, which tool comes next. */
  description: string;
  operation: OperationType;
  input: I;
  output: O;
  /** Policy checks beyond the role table; throws AppError("forbidden") with the way forward. */
  authorize?: (args: z.output<I>, ctx: ToolContext) => Promise<void>;
  /** For execute/run tools: what a delegated session must confirm; null when nothing needs it. */
  confirmation?: (args: z.output<I>, ctx: ToolContext) => Promise<ConfirmationRequest | null>;
  handler: (args: z.output<I>, ctx: ToolContext) => Promise<z.input<O>>;
  /**
   * The output when the client could not ask the person and the confirmation handed the change to
   * them instead (`personHasIt`): nothing was done, and `text` says where the person decides.
   */
  handedOff?: (args: z.output<I>, ctx: ToolContext, text: string) => Promise<z.input<O>>;
  refs?: (output: z.output<O>) => AuditRefs;
}

/** A validated call, with the typed arguments closed over. */
export interface PreparedCall {
  authorize(ctx: ToolContext): Promise<void>;
  confirmation(ctx: ToolContext): Promise<ConfirmationRequest | null>;
  execute(ctx: ToolContext): Promise<{ output: Record<string, unknown>; refs: AuditRefs }>;
  /** The tool's output for a change handed to the person (`ToolSpec.handedOff`); null when it has none. */
  handOff(
    ctx: ToolContext,
    text: string,
  ): Promise<{ output: Record<string, unknown>; refs: AuditRefs } | null>;
}

/** A tool with its types erased, as the registry and the server hold it. */
export interface Tool {
  name: string;
  title: string;
  description: string;
  operation: OperationType;
  annotations: ToolAnnotations;
  inputSchema: z.ZodObject;
  outputSchema: z.ZodObject;
  /** Validates the arguments; throws AppError("invalid_input") naming every bad field. */
  prepare(rawArgs: unknown): PreparedCall;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(spec: ToolSpec<I, O>): Tool {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    operation: spec.operation,
    annotations: ANNOTATIONS[spec.operation],
    inputSchema: spec.input,
    outputSchema: spec.output,
    prepare(rawArgs) {
      const parsed = spec.input.safeParse(rawArgs ?? {});
      if (!parsed.success)
        throw new AppError("invalid_input", describeIssues(spec.name, parsed.error.issues));
      const args = parsed.data;
      return {
        authorize: async (ctx) => spec.authorize?.(args, ctx),
        confirmation: async (ctx) => (spec.confirmation ? spec.confirmation(args, ctx) : null),
        async execute(ctx) {
          const raw = await spec.handler(args, ctx);
          // Parsing the output both checks it against the declared schema and drops anything
          // undeclared, so structuredContent always validates on the client.
          const output = spec.output.parse(raw);
          return { output, refs: spec.refs?.(output) ?? {} };
        },
        async handOff(ctx, text) {
          if (!spec.handedOff) return null;
          const output = spec.output.parse(await spec.handedOff(args, ctx, text));
          return { output, refs: spec.refs?.(output) ?? {} };
        },
      };
    },
  };
}

function describeIssues(tool: string, issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues
    .slice(0, 8)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(arguments)"}: ${i.message}`);
  return `Invalid arguments for ${tool}: ${parts.join("; ")}.`;
}
