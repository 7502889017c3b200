import { executeApproved } from "../../src/decisions/execute.js";
import { propose } from "../../src/decisions/propose.js";
import { proposeRename } from "../../src/decisions/rename.js";
import type { Config } from "../../src/config/config.js";
import type { PolicyAction } from "../../src/policy/evaluate.js";
import type { Principal } from "../../src/policy/principal.js";
import type { ModelDoc } from "../../src/storage/documents.js";
import type { MutationBatchDoc } from "../../src/storage/mutation-batches-repository.js";
import type { Repositories } from "../../src/storage/repositories.js";

/** An enabled OpenAI model row created at `now`, with `extra` laid over it. */
export function openaiModel(model_id: string, now: Date, extra: Partial<ModelDoc> = {}): ModelDoc {
  return { provider: "openai", model_id, enabled: true, created_at: now, ...extra };
}

/**
 * One decision of `action` per OpenAI model, proposed by `by` (whom the policy lets act at once:
 * a human operator, or the system for a settings change) and executed together: one batch of
 * several models, as the operator run writes them. Throws when the policy held any back.
 */
export async function executedBatch(
  repos: Repositories,
  by: Principal,
  action: PolicyAction,
  models: readonly string[],
  now: Date,
  evidence: Record<string, unknown> = {},
): Promise<MutationBatchDoc> {
  const decisions = [];
  for (const model_id of models)
    decisions.push(
      await propose(
        repos,
        {
          action,
          targets: [{ provider: "openai", model_id }],
          evidence,
          confidence: 1,
          reasoning: `${action} of ${model_id}`,
          proposer: { kind: by.kind === "system" ? "classifier" : "human", name: by.name },
        },
        by,
        { now },
        now,
      ),
    );
  const held = decisions.filter((d) => d.status !== "approved");
  if (held.length > 0) throw new Error(`not approved at once: ${held.map((d) => d.status).join(", ")}`);
  const { batches } = await executeApproved(repos, decisions, by.name, now);
  return batches[0]!;
}

/** The batch of an OpenAI model's rename, proposed by `by` (whom the policy lets act at once) and executed. */
export async function renamedBatch(
  repos: Repositories,
  config: Config,
  by: Principal,
  from: string,
  to: string,
  now: Date,
): Promise<MutationBatchDoc> {
  const { batch } = await proposeRename(
    repos,
    by,
    { provider: "openai", from, to, reason: "the provider moved it" },
    now,
    { config },
  );
  if (batch?.changes[0]?.status !== "applied") throw new Error(`${from} was not renamed to ${to}`);
  return batch;
}
