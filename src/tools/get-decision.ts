import { z } from "zod";
import { evaluateApproval } from "../policy/evaluate.js";
import { isSafe, nothingChanges } from "../decisions/safe-actions.js";
import { batchFate, type BatchFate } from "../storage/decision-rows.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import {
  batchNextStep,
  executedBy,
  batchRevertField,
  batchRevertView,
  modelUndosField,
  modelUndosView,
} from "./batch-fate.js";
import {
  batchSummary,
  decisionIdField,
  decisionSummary,
  iso,
  isoDate,
  isoDateOrNull,
  noDecision,
  toBatchSummary,
  toDecisionSummary,
} from "./schemas.js";
import { approvalInSession, approveCallEffect, humanApprovalPath } from "./human-paths.js";
import { defineTool } from "./tool.js";
import { untrusted, untrustedOrNull, untrustedText } from "./untrusted.js";
import { ALL_ERROR_KINDS, ERROR_KINDS } from "../taxonomy/kinds.js";

const input = z.strictObject({ decision_id: decisionIdField });

const evidenceValue = z.union([
  z.number(),
  z.boolean(),
  z.null(),
  z
    .string()
    .describe("A time (ISO 8601) or a word of a closed vocabulary (an error kind or class, proposed_via)."),
  untrustedText,
]);

const output = z.object({
  decision: decisionSummary.extend({
    reasoning: untrustedText.describe("The full reasoning (written by the proposer: untrusted)."),
    evidence: z
      .record(z.string(), evidenceValue)
      .describe(
        "What the decision rests on; free text (a proposer's words, error fingerprints) is wrapped as untrusted.",
      ),
    policy_version: z.number(),
    policy_verdict: z.object({
      outcome: z.string().describe("allowed, needs_approval or denied, when it was proposed."),
      reasons: z.array(z.string()),
      approver_roles: z.array(z.string()),
    }),
    approved_at: isoDateOrNull,
    approval_channel: z.string().nullable().describe("cli, mcp-http, mcp-elicitation, policy, direct…"),
    rejected_by: z.string().nullable(),
    reject_reason: untrustedText.nullable(),
    supersedes: z.array(z.string()),
    superseded_by: z.string().nullable(),
    run_id: z.string().nullable(),
    history: z.array(
      z.object({ at: isoDate, status: z.string(), by: z.string(), note: z.string().nullable() }),
    ),
  }),
  batch: batchSummary.nullable().describe("The mutation batch that executed it, with per-model results."),
  batch_revert: batchRevertField,
  model_undos: modelUndosField,
  next_step: z
    .string()
    .describe(
      "What can be done about it now: approve or reject when pending; when executed, what undid it since (the batch's revert, a model's undo) or how to undo what is still in force.",
    ),
  caller: z.object({
    may_approve: z.boolean().describe("Whether the calling principal may approve it (when pending)."),
    reasons: z.array(z.string()),
    how_a_human_approves: z
      .string()
      .nullable()
      .describe(
        "When pending: how it gets approved from this session (asking your human, the console link) or by a human outside it; null when approve_decision simply does it.",
      ),
  }),
});

/** Evidence words from a closed vocabulary: a taxonomy kind or class, or the surface that proposed it. */
const CLOSED_WORDS = new Set<string>([
  ...ALL_ERROR_KINDS,
  ...Object.values(ERROR_KINDS),
  "mcp-stdio",
  "mcp-http",
  "mcp-memory",
]);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * A decision's evidence mixes what the system recorded (streaks, dates, the error kind) with what
 * a proposer wrote. A value that cannot carry words (a number, a date, a word of a closed
 * vocabulary) is shown as itself, whoever wrote it; any other text is wrapped as untrusted.
 */
function evidenceView(evidence: Record<string, unknown>): Record<string, z.input<typeof evidenceValue>> {
  const out: Record<string, z.input<typeof evidenceValue>> = {};
  for (const [key, value] of Object.entries(evidence).slice(0, 40)) {
    if (typeof value === "number" || typeof value === "boolean" || value === null) out[key] = value;
    else if (value instanceof Date) out[key] = value.toISOString();
    else if (typeof value === "string") {
      out[key] = CLOSED_WORDS.has(value) || ISO_TIME.test(value) ? value : untrusted(value, 500);
    } else if (value !== undefined) out[key] = untrusted(JSON.stringify(value), 500);
  }
  return out;
}

export const getDecision = defineTool({
  name: "get_decision",
  title: "Get a decision",
  description:
    "Returns one decision in full: action, targets, the evidence and situation it rests on, the proposer's reasoning " +
    "(untrusted), the policy verdict when it was proposed (and which roles may approve), its status history, the " +
    "mutation batch that executed it with per-model results, and whether you may approve it. Next: approve_decision or " +
    "reject_decision when pending; revert_batch with the batch id to undo an executed one.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const { repos } = ctx.deps;
    const d = await repos.decisions.get(args.decision_id);
    if (!d) throw noDecision(args.decision_id);
    const [fate, { policy }] = await Promise.all([batchFate(repos, d), repos.policies.current()]);
    const verdict =
      d.status === "pending"
        ? evaluateApproval(policy, ctx.principal, d.action, d.proposed_by)
        : {
            outcome: "denied",
            reasons: [`the decision is ${d.status}; only a pending decision can be approved`],
          };
    const mayApprove = verdict.outcome === "allowed";
    return {
      decision: {
        ...toDecisionSummary(fate?.reverted ? { ...d, reverted: fate.reverted } : d),
        reasoning: untrusted(d.reasoning, 2_000),
        evidence: evidenceView(d.evidence ?? {}),
        policy_version: d.policy_version,
        policy_verdict: {
          outcome: d.policy_verdict.outcome,
          reasons: d.policy_verdict.reasons,
          approver_roles: d.policy_verdict.approver_roles ?? [],
        },
        approved_at: iso(d.approved_at),
        approval_channel: d.approval_channel ?? null,
        rejected_by: d.rejected_by ?? null,
        reject_reason: untrustedOrNull(d.reject_reason),
        supersedes: d.supersedes ?? [],
        superseded_by: d.superseded_by ?? null,
        run_id: d.run_id ?? null,
        history: d.history.map((h) => ({
          at: iso(h.at) ?? "",
          status: h.status,
          by: h.by,
          note: h.note ?? null,
        })),
      },
      batch: fate ? toBatchSummary(fate.batch) : null,
      batch_revert: batchRevertView(fate),
      model_undos: modelUndosView(fate),
      next_step: await nextStep(d, fate, mayApprove && approveCallEffect(ctx, d._id)),
      caller: {
        may_approve: mayApprove,
        reasons: verdict.reasons,
        how_a_human_approves:
          d.status !== "pending"
            ? null
            : mayApprove
              ? approvalInSession(ctx, d._id)
              : humanApprovalPath(d._id, ctx),
      },
    };
  },
});

/**
 * What can be done about the decision now, after what became of its batch; `approve` is what
 * approve_decision does from this session, false when the caller may not approve it.
 */
async function nextStep(d: DecisionDoc, fate: BatchFate | null, approve: string | false): Promise<string> {
  const id = `{"decision_id": "${d._id}"}`;
  if (d.status === "pending")
    return approve
      ? `Pending: ${approve}; reject_decision ${id} refuses it.`
      : `Pending, and you may not approve it: see caller.how_a_human_approves; reject_decision ${id} refuses it.`;
  if (fate) return batchNextStep(fate);
  if (d.status === "executed" && isSafe(d.action))
    return `Nothing to undo: ${executedBy(d)}; ${nothingChanges(d.action)}.`;
  if (d.status === "approved")
    return "Approved; the operator's next pass executes it (within the policy's caps). Check get_decision later.";
  return `Nothing to do: the decision is ${d.status}.`;
}
