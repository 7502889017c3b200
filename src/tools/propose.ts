import { z } from "zod";
import { evaluateApproval } from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import { changeWords } from "../storage/decisions-repository.js";
import { approvalInSession, humanApprovalPath } from "./human-paths.js";
import { targetInput, targetOutput } from "./schemas.js";
import type { ToolContext } from "./tool.js";

/** What propose_disable and propose_enable share: the output, most inputs and the service call. */

/** The most evidence entries a proposal stores. */
const MAX_EVIDENCE = 20;

const targets = z
  .array(targetInput)
  .min(1)
  .max(50)
  .refine(
    (ts) => new Set(ts.map((t) => `${t.provider}:${t.model_id}`)).size === ts.length,
    "each model may be listed once",
  )
  .describe("The models to act on (1 to 50), each {provider, model_id} exactly as list_models shows them.");

const reason = (why: string) => z.string().trim().min(10).max(1_000).describe(why);

const evidence = (example: string, own = "") =>
  z
    .record(
      z
        .string()
        .max(64)
        .regex(/^[^$.][^.]*$|^$/, "an evidence key may not start with $ or contain a dot"),
      z.union([z.string().max(500), z.number(), z.boolean()]),
    )
    .refine((e) => Object.keys(e).length <= MAX_EVIDENCE, `at most ${MAX_EVIDENCE} evidence entries`)
    // The refinement does not reach the JSON schema clients read; this states the same bound there.
    .meta({ maxProperties: MAX_EVIDENCE })
    .optional()
    .describe(`Extra facts to store with the decision (at most ${MAX_EVIDENCE}), e.g. ${example}.${own}`);

const confidence = z.number().min(0).max(1).optional().describe("Your confidence from 0 to 1 (default 1).");

export const proposeDisableInput = z.strictObject({
  targets,
  reason: reason(
    "Why, in one or two sentences a human reviewer can check: the evidence, how long, what else you ruled out.",
  ),
  situation_id: z
    .string()
    .regex(/^sit_[0-9a-f]{12}$/, "a situation id such as sit_0123456789ab (from list_situations)")
    .optional()
    .describe(
      "The current situation (from list_situations) this rests on; every target must be one of its models. Strongly recommended.",
    ),
  evidence: evidence(
    '{"catalog_checked": "not in the provider\'s listing of 2026-12-05", "successor": "gpt-4.1-mini"}',
    " The server records the failure the disable rests on itself, from the models' signals: kind, class and " +
      "failing_for_hours are its keys, and a value you give under them is replaced.",
  ),
  confidence,
  override: z
    .string()
    .trim()
    .min(10)
    .max(1_000)
    .optional()
    .describe(
      "Only when the server refuses the disable because the models fail with provider-wide, transient, unclassified or our own errors (not evidence about the model): why it should happen anyway. Stored with the decision; the model gets a recheck date.",
    ),
});

export const proposeEnableInput = z.strictObject({
  targets,
  reason: reason(
    "Why they should be measured again, in one or two sentences a human reviewer can check: what changed (the provider restored or relisted the model, access or terms were granted) and how you know.",
  ),
  evidence: evidence('{"listed_in_catalog": true, "probe_succeeded_at": "2026-11-20T12:00:00Z"}'),
  confidence,
});

/** Either tool's arguments; only a disable has a situation and an override. */
type ProposeArgs = z.output<typeof proposeEnableInput> & { situation_id?: string; override?: string };

export const proposeOutput = z.object({
  decision_id: z.string(),
  action: z.string(),
  status: z
    .string()
    .describe("pending (waits for a human), or rejected when the policy refuses it outright."),
  targets: z.array(targetOutput),
  policy_verdict: z.object({
    outcome: z.string(),
    reasons: z.array(z.string()),
    approver_roles: z.array(z.string()).describe("Roles that may approve it."),
  }),
  supersedes: z
    .array(z.string())
    .describe("Older open decisions about the same models that this one replaces."),
  already_pending: z
    .boolean()
    .describe("True when the same action on the same models was already pending: this is that decision."),
  you_may_approve: z.boolean(),
  next_step: z.string(),
});

/**
 * A proposal from an MCP session never executes by itself: whoever the principal is, the policy
 * is evaluated as for an agent (so the decision waits for approval), and the proposer is recorded
 * as an agent acting under the principal's name. Execution needs approve_decision, which is where
 * human approval is checked.
 */
function asProposer(p: Principal): Principal {
  return { name: p.name, role: p.role, kind: "agent" };
}

export async function proposeAction(
  action: "disable" | "enable",
  args: ProposeArgs,
  ctx: ToolContext,
): Promise<z.input<typeof proposeOutput>> {
  const { repos } = ctx.deps;
  const targets = [...new Map(args.targets.map((t) => [`${t.provider}:${t.model_id}`, t])).values()];
  // Loaded on the first call: the decisions service reaches the mutation path.
  const { actDirectly, checkEachChanges } = await import("../decisions/direct.js");
  await checkEachChanges(
    repos,
    action,
    targets,
    "Find exact ids with list_models (provider and query filters).",
  );
  const evidence: Record<string, unknown> = {
    ...(args.evidence ?? {}),
    proposed_via: `mcp-${ctx.session.transport}`,
  };
  const { decision, duplicate } = await actDirectly(
    repos,
    asProposer(ctx.principal),
    {
      action,
      targets,
      reason: args.reason,
      situationId: args.situation_id ?? null,
      evidence,
      ...(args.confidence !== undefined ? { confidence: args.confidence } : {}),
      ...(args.override !== undefined ? { override: args.override } : {}),
    },
    ctx.now,
    {
      execute: false,
      config: ctx.deps.config,
      // The situations list_situations shows: the same fleet picture.
      ...(args.situation_id ? { situations: (await ctx.services.fleet.get()).data.situations } : {}),
    },
  );
  const { policy } = await repos.policies.current();
  const mayApprove =
    evaluateApproval(policy, ctx.principal, action, decision.proposed_by).outcome === "allowed";
  const next =
    (duplicate
      ? `Already pending since ${decision.created_at.toISOString()}; no new decision was made. `
      : await replacedText(repos, decision.supersedes ?? [])) +
    (decision.status === "pending"
      ? mayApprove
        ? `Pending. ${approvalInSession(ctx, decision._id) ?? `You may approve it: approve_decision {"decision_id": "${decision._id}"}.`}`
        : `Pending: it needs approval by ${(decision.policy_verdict.approver_roles ?? []).join(" or ")}. Tell the human its id. ${humanApprovalPath(decision._id, ctx)}`
      : `Not proposed: ${decision.policy_verdict.reasons.join("; ")}.`);
  return {
    decision_id: decision._id,
    action: decision.action,
    status: decision.status,
    targets: decision.targets.map((t) => ({ provider: t.provider, model_id: t.model_id })),
    policy_verdict: {
      outcome: decision.policy_verdict.outcome,
      reasons: decision.policy_verdict.reasons,
      approver_roles: decision.policy_verdict.approver_roles ?? [],
    },
    supersedes: decision.supersedes ?? [],
    already_pending: duplicate,
    you_may_approve: mayApprove && decision.status === "pending",
    next_step: next,
  };
}

/**
 * "It replaces dec_… (rename to x, proposed by classifier …), which no longer waits for a person. ":
 * a proposal takes the place of the open decisions about its models, and the approver should know
 * what was set aside (a pending rename is lost to a disable otherwise unseen).
 */
async function replacedText(repos: ToolContext["deps"]["repos"], ids: readonly string[]): Promise<string> {
  if (ids.length === 0) return "";
  const older = await repos.decisions.getMany(ids, { fields: ["action", "evidence", "proposed_by"] });
  const named = older.map(
    (d) => `${d._id} (${changeWords(d)}, proposed by ${d.proposed_by.kind} ${d.proposed_by.name})`,
  );
  const which = named.length === 1 ? "which no longer waits" : "which no longer wait";
  return `It replaces the open decision${named.length === 1 ? "" : "s"} ${named.join(", ")}, ${which} for a person. `;
}
