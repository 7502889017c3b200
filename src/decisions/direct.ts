import { AppError } from "../errors.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { PolicyAction } from "../policy/evaluate.js";
import type { Principal } from "../policy/principal.js";
import type { Repositories } from "../storage/repositories.js";
import type { DecisionDoc, DecisionTarget } from "../storage/decisions-repository.js";
import type { Config } from "../config/config.js";
import { checkDisableBasis, failureBasis, readEvidence, type FailureBasis } from "./evidence.js";
import { executeApproved, type ModelAddition } from "./execute.js";
import { changeSlotKey } from "./pending-slot.js";
import { changeKey, personWordReason, personWords, type PersonWord } from "../operator/person-word.js";
import { proposeOnce } from "./propose.js";
import { approve } from "./review.js";

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

/**
 * A situation as the operator computes it from the signals now (src/operator/situations.ts; the
 * MCP tools read them from the fleet picture list_situations shows): what a proposal's
 * `situationId` is checked against.
 */
export interface CurrentSituation {
  id: string;
  provider: string;
  kind: string;
  modelIds: readonly string[];
}

export interface DirectOutcome {
  decision: DecisionDoc;
  batch: MutationBatchDoc | null;
  /** The same action on the same models was already pending: this is that decision, unchanged. */
  duplicate: boolean;
  /**
   * The same change was already pending and this person approved that decision (their reason is
   * the approval's note): `decision` is it, as their approval left it.
   */
  approvedPending: boolean;
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
  opts: {
    execute?: boolean;
    config?: Pick<Config, "providers" | "bedrock" | "vertex">;
    /** The current situations, which a `req.situationId` must be one of. */
    situations?: readonly CurrentSituation[];
  } = {},
): Promise<DirectOutcome> {
  if (req.reason.trim() === "")
    throw new AppError(
      "invalid_input",
      "A reason is required: it is stored with the decision and the batch.",
    );
  const targets = [...new Map(req.targets.map((t) => [`${t.provider}:${t.model_id}`, t])).values()];
  if (req.situationId) checkSituation(req.situationId, targets, opts.situations);
  const pending = await pendingSame(repos, req, targets);
  if (pending) return samePending(repos, principal, pending, req.reason, now, opts.execute !== false);

  const evidence = await readEvidence(repos, targets, now, opts.config);
  const recorded: Record<string, unknown> = { ...(req.evidence ?? {}) };
  if (req.action === "disable" || req.action === "deprecate") {
    const bases = targets.map((t) => failureBasis(t, evidence));
    checkDisableBasis(bases, req.override);
    Object.assign(recorded, basisEvidence(bases), req.override ? { override: req.override.trim() } : {});
  }
  // An agent asking for a change a person lately rejected or reverted (or, for a disable, undid
  // by enabling the model): the decision cites the person's word and waits for a person, as the
  // operator's own proposals of it do, so the approver sees what they said before deciding again.
  const word = principal.kind === "agent" ? await personWordOn(repos, req.action, targets, now) : null;
  if (word) recorded["person_word"] = word;
  const { decision, duplicate } = await proposeOnce(
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
      ...(word ? { waitFor: personWordReason(word) } : {}),
    },
    principal,
    evidence,
    now,
  );
  // Another proposer recorded the same change pending at the same moment: as if it came first.
  if (duplicate) return samePending(repos, principal, decision, req.reason, now, opts.execute !== false);
  const fresh = { duplicate: false, approvedPending: false };
  if (opts.execute === false || decision.status !== "approved") return { decision, batch: null, ...fresh };
  const { executed, batches } = await executeApproved(repos, [decision], principal.name, now);
  const final = executed[0] ?? (await repos.decisions.get(decision._id)) ?? decision;
  return { decision: final, batch: batches[0] ?? null, ...fresh };
}

/** The newest word a person said in the last 30 days about this change of any of `targets`. */
async function personWordOn(
  repos: Repositories,
  action: PolicyAction,
  targets: readonly DecisionTarget[],
  now: Date,
): Promise<PersonWord | null> {
  const words = await personWords(repos, now);
  let newest: PersonWord | null = null;
  for (const t of targets) {
    const w = words.get(changeKey(action, t.provider, t.model_id));
    if (w && (!newest || w.at > newest.at)) newest = w;
  }
  return newest;
}

/**
 * Refuses, before anything is recorded, an enable or disable whose targets are not all in the
 * fleet or not all in the other state: its batch would change nothing, and "disabled 1 of 1"
 * would say it did. Says who left each model in the asked state, when a disable did.
 * `whereIds` is the surface's way to list exact ids.
 */
export async function checkEachChanges(
  repos: Repositories,
  action: "enable" | "disable",
  targets: readonly DecisionTarget[],
  whereIds: string,
): Promise<void> {
  const models = await repos.models.find({
    $or: targets.map((t) => ({ provider: t.provider, model_id: t.model_id })),
  });
  const found = new Map(models.map((m) => [`${m.provider}:${m.model_id}`, m]));
  const missing = targets.filter((t) => !found.has(`${t.provider}:${t.model_id}`));
  if (missing.length > 0)
    throw new AppError(
      "invalid_input",
      `Not in the fleet: ${missing.map((t) => `${t.provider}:${t.model_id}`).join(", ")}; nothing was recorded. ${whereIds}`,
    );
  const noop = targets.flatMap((t) => {
    const m = found.get(`${t.provider}:${t.model_id}`)!;
    if (m.enabled !== (action === "enable")) return [];
    const by = m.disabled_by && m.disabled_at ? ` by ${m.disabled_by} at ${m.disabled_at.toISOString()}` : "";
    const why = m.disabled_reason ? `: ${m.disabled_reason.slice(0, 120)}` : "";
    return [
      `${t.provider}:${t.model_id}${action === "disable" && (by || why) ? ` (${by.trim()}${why})` : ""}`,
    ];
  });
  if (noop.length > 0)
    throw new AppError(
      "invalid_input",
      `Already ${action}d: ${noop.join(", ")}; nothing was recorded. Remove ${noop.length === 1 ? "it" : "them"} from the targets.`,
    );
}

/**
 * A direct request for a change that a pending decision already proposes. A person acting at once
 * approves that decision as themselves, asked of the policy's approval check like any approval,
 * with their reason as the approval's note: the decision they were handed and the one they act on
 * stay one, and nothing is proposed twice. When the policy refuses them, they are told why for
 * them (the pending decision's own verdict speaks of its proposer) and that nothing changed. An
 * agent, the system, or a proposal held for review gets the pending decision back unchanged.
 */
async function samePending(
  repos: Repositories,
  principal: Principal,
  pending: DecisionDoc,
  reason: string,
  now: Date,
  execute: boolean,
): Promise<DirectOutcome> {
  if (!execute || principal.kind !== "human")
    return { decision: pending, batch: null, duplicate: true, approvedPending: false };
  try {
    const approval = await approve(repos, pending._id, principal, now, "direct", { note: reason });
    // Another call approving it at the same moment did it, not this one.
    const mine = !approval.alreadyDone;
    return { decision: approval.decision, batch: approval.batch, duplicate: !mine, approvedPending: mine };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "forbidden") throw e;
    const approvers = (pending.policy_verdict.approver_roles ?? []).join(" or ") || "an approver";
    throw new AppError(
      "forbidden",
      `The same ${pending.action} is already pending as decision ${pending._id} (proposed by ${pending.proposed_by.name}), ` +
        `and ${principal.name} (${principal.role}) may not approve it: ${e.message}. ` +
        `Nothing was changed and the reason given was not recorded; ${approvers} may approve it: bench-operator decisions approve ${pending._id}`,
    );
  }
}

/**
 * A decision's situation is evidence a reviewer reads, so it must be one of the current
 * situations and its models must include every target; anything else is refused before
 * anything is stored.
 */
export function checkSituation(
  id: string,
  targets: readonly DecisionTarget[],
  situations: readonly CurrentSituation[] | undefined,
): void {
  if (!situations) throw new Error(`situation ${id} given without the current situations to check it`);
  const s = situations.find((c) => c.id === id);
  if (!s)
    throw new AppError(
      "not_found",
      `No current situation ${id}; nothing was proposed. list_situations (or \`bench-operator situations\`) shows the current ones with their models; a situation ends when its models succeed again or are disabled.`,
    );
  const members = new Set(s.modelIds);
  const outside = targets.filter((t) => t.provider !== s.provider || !members.has(t.model_id));
  if (outside.length === 0) return;
  const shown = s.modelIds.slice(0, 10).map((m) => `${s.provider}:${m}`);
  throw new AppError(
    "invalid_input",
    `Situation ${id} (${s.provider}, ${s.kind}) does not include ${outside.map((t) => `${t.provider}:${t.model_id}`).join(", ")}, so it is no evidence about ${outside.length === 1 ? "it" : "them"}; nothing was proposed. ` +
      `Its models: ${shown.join(", ")}${s.modelIds.length > shown.length ? ` and ${s.modelIds.length - shown.length} more` : ""}. ` +
      "Pass the situation these models are in (list_situations), propose them separately, or leave situation_id out.",
  );
}

/**
 * An open, pending decision making the same change on exactly these models, if there is one: the
 * same action, and for a rename the same new id. A rename to another id is another change: it is
 * proposed, and as any newer decision about a model it supersedes the pending one.
 */
async function pendingSame(
  repos: Repositories,
  req: Pick<DirectRequest, "action" | "evidence">,
  targets: DecisionTarget[],
): Promise<DecisionDoc | null> {
  const want = changeSlotKey({ action: req.action, targets, evidence: req.evidence ?? {} });
  const open = await repos.decisions.find({ status: ["pending"] });
  return open.find((d) => changeSlotKey(d) === want) ?? null;
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
  await checkNotInFleet(repos, req);
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

/**
 * Refuses to add a model the fleet already has, before anything is recorded: its batch could
 * only fail, and a failed decision and batch in the audit trail would record a mistake that was
 * visible up front. A disabled one is measured again by enabling it.
 */
async function checkNotInFleet(repos: Repositories, req: AddModelRequest): Promise<void> {
  const existing = await repos.models.get({ provider: req.provider, model_id: req.model_id });
  if (!existing) return;
  const id = `${req.provider}:${req.model_id}`;
  if (existing.enabled)
    throw new AppError("conflict", `${id} is already in the fleet and enabled; nothing was recorded.`);
  const why = existing.disabled_reason ? `: ${existing.disabled_reason}` : "";
  throw new AppError(
    "conflict",
    `${id} is already in the fleet (disabled${why}); nothing was recorded. To measure it again, enable it: ` +
      `bench-operator models enable ${req.provider} ${req.model_id} --reason "<why>"`,
  );
}
