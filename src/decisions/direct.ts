import { AppError } from "../errors.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { PolicyAction } from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import type { Repositories } from "../storage/repositories.js";
import type { DecisionDoc, DecisionTarget } from "../storage/decisions-repository.js";
import { executeApproved, type ModelAddition } from "./execute.js";
import { propose } from "./propose.js";

/**
 * A principal acting directly (`models disable`, `propose_disable` from an MCP tool): the action
 * is recorded as a decision like any other, and runs at once only if the policy allows this
 * principal to do it now; otherwise it waits for approval and the result says by whom.
 */
export async function actDirectly(
  repos: Repositories,
  principal: Principal,
  req: {
    action: PolicyAction;
    targets: DecisionTarget[];
    reason: string;
    situationId?: string | null;
    evidence?: Record<string, unknown>;
    confidence?: number;
  },
  now: Date,
  opts: { execute: boolean } = { execute: true },
): Promise<{ decision: DecisionDoc; batch: MutationBatchDoc | null }> {
  if (req.reason.trim() === "")
    throw new AppError(
      "invalid_input",
      "A reason is required: it is stored with the decision and the batch.",
    );
  const decision = await propose(
    repos,
    {
      action: req.action,
      targets: req.targets,
      situationId: req.situationId ?? null,
      evidence: req.evidence ?? {},
      confidence: req.confidence ?? 1,
      reasoning: req.reason,
      proposer: { kind: principal.kind === "agent" ? "agent" : "human", name: principal.name },
    },
    principal,
    { now },
    now,
  );
  if (!opts.execute || decision.status !== "approved") return { decision, batch: null };
  const { executed, batches } = await executeApproved(repos, [decision], principal.name, now);
  const final = executed[0] ?? (await repos.decisions.get(decision._id)) ?? decision;
  return { decision: final, batch: batches[0] ?? null };
}

export interface AddModelRequest {
  provider: string;
  model_id: string;
  /** False adds it disabled (known, not measured). */
  enabled: boolean;
  displayName?: string;
  reason: string;
}

/**
 * A human adds a model to the fleet (`models add`): an `enable` decision under the policy, like
 * enabling a known model (measuring a model costs money), whose batch creates the row; reverting
 * the batch removes it again. The decision's evidence says what to create.
 */
export async function addModel(
  repos: Repositories,
  principal: Principal,
  req: AddModelRequest,
  now: Date,
): Promise<{ decision: DecisionDoc; batch: MutationBatchDoc | null }> {
  const add: ModelAddition = {
    enabled: req.enabled,
    ...(req.displayName ? { display_name: req.displayName } : {}),
  };
  return actDirectly(
    repos,
    principal,
    {
      action: "enable",
      targets: [{ provider: req.provider, model_id: req.model_id }],
      reason: req.reason,
      evidence: { add },
    },
    now,
  );
}
