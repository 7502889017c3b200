import { z } from "zod";
import { BUDGET_SOURCES, budgetsInForce, type BudgetsInForce } from "../policy/budgets.js";
import { ACTION_CLASS, evaluateApproval, evaluatePolicy, type PolicyAction } from "../policy/evaluate.js";
import { policySchema } from "../policy/policy.js";
import { operationAccess } from "./access.js";
import { humanConfirmation } from "./human-paths.js";
import { isoDateOrNull } from "./schemas.js";
import { defineTool, type ToolContext } from "./tool.js";

const input = z.strictObject({});

const output = z.object({
  version: z.number().describe("Policy version in force (0 is the shipped default)."),
  set_by: z.string(),
  set_at: isoDateOrNull,
  policy: policySchema.describe(
    "The policy humans set: auto-execution rules, approvers, caps, protected models, budgets, kill switch.",
  ),
  budgets_in_force: z
    .object({
      operator_usd_per_day: z.number(),
      benchmark_usd_per_day: z.number(),
      alert_fraction: z.number(),
      source: z
        .object({ operator: z.enum(BUDGET_SOURCES), benchmark: z.enum(BUDGET_SOURCES) })
        .describe(
          "policy: the policy in force states it; environment: OPERATOR_DAILY_BUDGET_USD or BENCH_DAILY_BUDGET_USD is set; default: neither, the setting's built-in default.",
        ),
    })
    .describe(
      "The daily budgets every paid call is checked against: the policy's where it states one, else OPERATOR_DAILY_BUDGET_USD / BENCH_DAILY_BUDGET_USD or their defaults (source says which).",
    ),
  caller: z.object({
    name: z.string(),
    role: z.string(),
    kind: z.string().describe("human, agent or system."),
    transport: z.string(),
    read_only: z.boolean(),
    human_confirmation: z
      .enum(["not_needed", "by_elicitation", "by_console_link", "unavailable"])
      .describe(
        "How fleet changes from this session are confirmed: not_needed (your token is the authority), by_elicitation (the server asks your human), by_console_link (the server opens the decision's console page in your human's browser, where they approve), unavailable (a human must act outside this session).",
      ),
    operations: z.array(
      z.object({ operation: z.string(), allowed: z.boolean(), reason: z.string().nullable() }),
    ),
    may_approve: z.array(
      z.object({
        action: z.string(),
        action_class: z.string(),
        allowed: z
          .boolean()
          .describe(
            "For a proposal by someone else; nobody but a human approves their own agent's proposals unless the policy says so.",
          ),
        reasons: z.array(z.string()),
      }),
    ),
    may_revert: z
      .object({ allowed: z.boolean(), reasons: z.array(z.string()) })
      .describe(
        "Whether revert_batch undoes a batch for you: reverting is authority-gated (a human operator or admin), and the kill switch stops it.",
      ),
  }),
});

const ACTIONS: PolicyAction[] = [
  "disable",
  "deprecate",
  "enable",
  "promote",
  "monitor",
  "ignore",
  "rename",
  "set_settings",
];

export type PolicyView = z.input<typeof output>;

/** The policy and what the caller may do; also served as the fleet://policy resource. */
export async function policyView(ctx: ToolContext): Promise<PolicyView> {
  const current = await ctx.deps.repos.policies.current();
  const { principal, session } = ctx;
  const other = { name: "(another principal)", kind: "agent" };
  return {
    version: current.version,
    set_by: current.set_by,
    set_at: current.set_at ? current.set_at.toISOString() : null,
    policy: current.policy,
    budgets_in_force: budgetsView(budgetsInForce(current.policy, ctx.deps.config)),
    caller: {
      name: principal.name,
      role: principal.role,
      kind: principal.kind,
      transport: session.transport,
      read_only: session.readOnly,
      human_confirmation: humanConfirmation(ctx),
      operations: (["read", "propose", "review", "execute", "run"] as const).map((op) => {
        const access = operationAccess(principal.role, op, session.readOnly);
        return { operation: op, allowed: access.allowed, reason: access.allowed ? null : access.reason };
      }),
      may_approve: ACTIONS.map((action) => {
        const v = evaluateApproval(current.policy, principal, action, other);
        return {
          action,
          action_class: ACTION_CLASS[action],
          allowed: v.outcome === "allowed",
          reasons: v.reasons,
        };
      }),
      may_revert: (() => {
        const v = evaluatePolicy(current.policy, principal, "revert", [{ provider: "*", model_id: "*" }], {
          now: ctx.now,
        });
        return { allowed: v.outcome === "allowed", reasons: v.reasons };
      })(),
    },
  };
}

function budgetsView(b: BudgetsInForce): PolicyView["budgets_in_force"] {
  return {
    operator_usd_per_day: b.operator.usd_per_day,
    benchmark_usd_per_day: b.benchmark.usd_per_day,
    alert_fraction: b.alert_fraction,
    source: { operator: b.operator.source, benchmark: b.benchmark.source },
  };
}

export const getPolicy = defineTool({
  name: "get_policy",
  title: "Policy and your permissions",
  description:
    "Returns the policy in force (version, what runs automatically and under which evidence, who approves which action " +
    "class, caps per pass and per provider, protected models, budgets, the kill switch) and what you, the calling " +
    "principal, may do: which kinds of tools, which actions you may approve, whether you may revert a batch, and " +
    "how your changes get a human's confirmation. Call it before proposing or approving. Next: propose_disable, propose_enable or approve_decision.",
  operation: "read",
  input,
  output,
  handler: (_args, ctx) => policyView(ctx),
});
