import { z } from "zod";
import { isAppError } from "../errors.js";
import { decisionIdField, noDecision } from "./schemas.js";
import { defineTool } from "./tool.js";
import { untrusted, untrustedText } from "./untrusted.js";

const input = z.strictObject({
  decision_id: decisionIdField,
  reason: z
    .string()
    .trim()
    .min(5)
    .max(1_000)
    .describe("Why it should not happen; stored with the decision for the audit trail."),
});

const output = z.object({
  decision_id: z.string(),
  status: z.string(),
  rejected_by: z.string().nullable(),
  reason: untrustedText.nullable(),
  next_step: z.string(),
});

export const rejectDecision = defineTool({
  name: "reject_decision",
  title: "Reject a decision",
  description:
    "Rejects a pending decision with a reason, for example a disable proposed while the provider had an outage, or one " +
    "that a newer situation contradicts. Nothing in the fleet changes; rejecting again returns the same result. Returns " +
    "the decision's new status. Next: list_decisions with status=pending for the rest of the queue.",
  operation: "review",
  input,
  output,
  async handler(args, ctx) {
    // Loaded on the first call: the decisions service reaches the mutation path.
    const { reject } = await import("../decisions/service.js");
    const d = await reject(
      ctx.deps.repos,
      args.decision_id,
      ctx.principal,
      args.reason,
      ctx.now,
      "mcp",
    ).catch((e: unknown) => {
      throw isAppError(e) && e.code === "not_found" ? noDecision(args.decision_id) : e;
    });
    return {
      decision_id: d._id,
      status: d.status,
      rejected_by: d.rejected_by ?? null,
      reason: d.reject_reason ? untrusted(d.reject_reason) : null,
      next_step:
        "Rejected; the fleet is unchanged. A later operator pass may propose it again if the evidence changes.",
    };
  },
  refs: (out) => ({ decisionId: out.decision_id }),
});
