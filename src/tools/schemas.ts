import { z } from "zod";
import { AppError } from "../errors.js";
import type { DecisionRow } from "../storage/decision-rows.js";
import { keptSince } from "../storage/in-force.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { ErrorClassification } from "../signals/read.js";
import { untrusted, untrustedText } from "./untrusted.js";

/** Schema pieces and converters that several tools share. Dates leave as ISO 8601 strings. */

export function iso(d: Date | null | undefined): string | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

export const isoDate = z.string().describe("ISO 8601 time (UTC).");
export const isoDateOrNull = z.string().nullable().describe("ISO 8601 time (UTC), or null.");

export const providerField = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w.-]+$/, "a provider id such as openai, bedrock or together");

export const modelIdField = z.string().min(1).max(256);

export const targetInput = z.strictObject({
  provider: providerField.describe("Provider id, e.g. openai, anthropic, bedrock, together."),
  model_id: modelIdField.describe("The model id exactly as the fleet stores it (see list_models)."),
});

export const targetOutput = z.object({ provider: z.string(), model_id: z.string() });

export const classificationOutput = z.object({
  kind: z.string(),
  class: z.string(),
  confidence: z.number(),
  by: z.string().describe("backend:model of the LLM that classified the fingerprint."),
  decided_at: isoDate,
});

export function classificationView(
  c: ErrorClassification | null,
): z.input<typeof classificationOutput> | null {
  return c
    ? {
        kind: c.kind,
        class: c.class,
        confidence: c.confidence,
        by: c.by,
        decided_at: c.decidedAt.toISOString(),
      }
    : null;
}

export const decisionIdField = z
  .string()
  .regex(/^dec_[0-9a-f]{16}$/, "a decision id such as dec_0123456789abcdef")
  .describe("Decision id (dec_…), from list_decisions or a propose_* result.");

/** The answer to a decision id that names none: where decision ids come from. */
export function noDecision(id: string): AppError {
  return new AppError(
    "not_found",
    `No decision ${id}. Find ids with list_decisions (status=pending for the queue).`,
  );
}

export const batchIdField = z
  .string()
  .regex(/^mb_[0-9a-f]{16}$/, "a mutation batch id such as mb_0123456789abcdef")
  .describe("Mutation batch id (mb_…), from approve_decision, get_decision or the CLI's batches list.");

export const decisionSummary = z.object({
  decision_id: z.string(),
  action: z.string(),
  status: z.string(),
  targets: z.array(targetOutput).describe("At most 10 targets; target_count has the total."),
  target_count: z.number(),
  situation_id: z.string().nullable(),
  proposed_by: z.object({ kind: z.string(), name: z.string() }),
  confidence: z.number(),
  created_at: isoDate,
  expires_at: isoDateOrNull,
  approved_by: z.string().nullable(),
  batch_id: z.string().nullable(),
  reverted: z
    .object({
      revert_batch_id: z.string().describe("The batch that undid batch_id's changes."),
      by: z.string().describe("Who reverted it."),
      at: isoDate,
    })
    .nullable()
    .describe("Set when batch_id was reverted: the decision's change is no longer in force. Null otherwise."),
  reasoning: untrustedText,
});

export function toDecisionSummary(d: DecisionRow): z.input<typeof decisionSummary> {
  return {
    decision_id: d._id,
    action: d.action,
    status: d.status,
    targets: d.targets.slice(0, 10).map((t) => ({ provider: t.provider, model_id: t.model_id })),
    target_count: d.targets.length,
    situation_id: d.situation_id ?? null,
    proposed_by: { kind: d.proposed_by.kind, name: d.proposed_by.name },
    confidence: d.confidence,
    created_at: iso(d.created_at) ?? "",
    expires_at: iso(d.expires_at),
    approved_by: d.approved_by ?? null,
    batch_id: d.batch_id ?? null,
    reverted: d.reverted
      ? { revert_batch_id: d.reverted.revert_batch_id, by: d.reverted.by, at: iso(d.reverted.at) ?? "" }
      : null,
    reasoning: untrusted(d.reasoning, 300),
  };
}

export const batchSummary = z.object({
  batch_id: z.string(),
  kind: z.string(),
  status: z.string(),
  actor: z.string(),
  created_at: isoDate,
  applied_count: z.number(),
  failed_count: z.number(),
  reverted_by: z.string().nullable(),
  revert_of: z.string().nullable(),
  changes: z
    .array(
      z.object({
        provider: z.string(),
        model_id: z.string(),
        status: z.string(),
        fields: z.array(z.string()).describe("The model fields this change sets."),
        error: z.string().nullable(),
        not_restored: z.array(z.string()).describe("For a revert: fields kept because they changed since."),
        changed_since_by: z
          .string()
          .nullable()
          .describe("For a revert: the later batch that changed this model since, whose changes stay."),
      }),
    )
    .describe("At most 50 changes; change_count has the total."),
  change_count: z.number(),
});

export function toBatchSummary(b: MutationBatchDoc): z.input<typeof batchSummary> {
  return {
    batch_id: b._id,
    kind: b.kind,
    status: b.status,
    actor: b.actor,
    created_at: iso(b.created_at) ?? "",
    applied_count: b.applied_count,
    failed_count: b.failed_count,
    reverted_by: b.reverted_by ?? null,
    revert_of: b.revert_of ?? null,
    changes: b.changes.slice(0, 50).map((c) => {
      const kept = keptSince(c);
      return {
        provider: c.provider,
        model_id: c.model_id,
        status: c.status,
        fields: Object.keys(c.after),
        error: c.error ?? null,
        not_restored: kept.fields.map((n) => n.field),
        changed_since_by: kept.by,
      };
    }),
    change_count: b.changes.length,
  };
}
