import { AppError } from "../errors.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { PolicyAction } from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import type { Repositories } from "../storage/repositories.js";
import type { DecisionDoc, DecisionTarget } from "../storage/decisions-repository.js";
import type { Config } from "../config/config.js";
import { checkDisableBasis, failureBasis, readEvidence, type FailureBasis } from "./evidence.js";
import { executeApproved, type ModelAddition } from "./execute.js";
import { propose } from "./propose.js";

export interface DirectRequest {
  action: PolicyAction;
  targets: DecisionTarget[];
  reason: string;
  situationId?: string | null;
  evidence?: Record<string, unknown>;
  confidence?: number;
  /**
   * A disable resting on provider-wide, transient or our own errors is refused; this reason (at
   * least 10 characters, stored with the decision) says why it should happen anyway.
   */
  override?: string;
}

export interface DirectOutcome {
  decision: DecisionDoc;
  batch: MutationBatchDoc | null;
  /** The same action on the same models was already pending: this is that decision, unchanged. */
  duplicate: boolean;
}

/**
 * A principal acting directly (`models disable`, `propose_disable` from an MCP tool, the
 * console): the action is recorded as a decision like any other, judged by the policy against
 * the targets' real signals and providers' health, and runs at once only if the policy allows
 * this principal to do it now; otherwise it waits for approval and the result says by whom.
 * Proposing what is already pending returns the pending decision: the id a human was handed stays
 * the one to approve.
 */
export async function actDirectly(
  repos: Repositories,
  principal: Principal,
  req: DirectRequest,
  now: Date,
  opts: { execute?: boolean; config?: Pick<Config, "providers" | "bedrock" | "vertex"> } = {},
): Promise<DirectOutcome> {
  if (req.reason.trim() === "")
    throw new AppError(
      "invalid_input",
      "A reason is required: it is stored with the decision and the batch.",
    );
  const targets = [...new Map(req.targets.map((t) => [`${t.provider}:${t.model_id}`, t])).values()];
  const pending = await pendingSame(repos, req.action, targets);
  if (pending) return { decision: pending, batch: null, duplicate: true };

  const evidence = await readEvidence(repos, targets, now, opts.config);
  const recorded: Record<string, unknown> = { ...(req.evidence ?? {}) };
  if (req.action === "disable" || req.action === "deprecate") {
    const bases = targets.map((t) => failureBasis(t, evidence));
    checkDisableBasis(bases, req.override);
    Object.assign(recorded, basisEvidence(bases), req.override ? { override: req.override.trim() } : {});
  }
  const decision = await propose(
    repos,
    {
      action: req.action,
      targets,
      situationId: req.situationId ?? null,
      evidence: recorded,
      confidence: req.confidence ?? 1,
      reasoning: req.reason,
      proposer: { kind: principal.kind === "agent" ? "agent" : "human", name: principal.name },
      hold: opts.execute === false,
    },
    principal,
    evidence,
    now,
  );
  if (opts.execute === false || decision.status !== "approved")
    return { decision, batch: null, duplicate: false };
  const { executed, batches } = await executeApproved(repos, [decision], principal.name, now);
  const final = executed[0] ?? (await repos.decisions.get(decision._id)) ?? decision;
  return { decision: final, batch: batches[0] ?? null, duplicate: false };
}

/** An open, pending decision of this action on exactly these models, if there is one. */
async function pendingSame(
  repos: Repositories,
  action: PolicyAction,
  targets: readonly DecisionTarget[],
): Promise<DecisionDoc | null> {
  const want = targets
    .map((t) => `${t.provider}:${t.model_id}`)
    .sort()
    .join(",");
  const open = await repos.decisions.find({ status: ["pending"] });
  return (
    open.find(
      (d) =>
        d.action === action &&
        d.targets
          .map((t) => `${t.provider}:${t.model_id}`)
          .sort()
          .join(",") === want,
    ) ?? null
  );
}

/**
 * What the disable rests on, stored with the decision: the kind and class of the targets'
 * current failures (the weakest when they differ) and how long, so executing it records the
 * class and recheck date that evidence implies.
 */
function basisEvidence(bases: FailureBasis[]): Record<string, unknown> {
  const order = ["unknown", "ours", "transient", "provider_wide", "hard"];
  const weakest = [...bases]
    .filter((b) => b.class !== null)
    .sort((a, b) => order.indexOf(a.class!) - order.indexOf(b.class!))[0];
  if (!weakest) return {};
  return {
    kind: weakest.kind,
    class: weakest.class,
    failing_for_hours: Math.max(...bases.map((b) => b.failingForHours ?? 0)),
  };
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
): Promise<DirectOutcome> {
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
