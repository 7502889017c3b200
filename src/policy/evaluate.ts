import type { ModelSignals } from "../signals/read.js";
import type { EvidenceRule, Policy, PolicyAction } from "./policy.js";
import type { Principal, Role } from "./principal.js";

/**
 * The one function that answers, for (principal, action, targets, evidence): allowed now,
 * needs approval (by whom), or denied, with the reasons. Every surface (the operator run, the
 * MCP tools, the CLI) asks it; the LLM's advice never reaches a mutation without passing here.
 */

export type { PolicyAction };
/**
 * `reversible`: a safe class that still changes the fleet (a model's request settings), through a
 * batch, so the kill switch and protected targets stop it; the policy executes it on its own unless
 * `auto_execute.set_settings.enabled` is false, and its approvers are the evidence-gated ones.
 */
export type ActionClass = "safe" | "reversible" | "evidence_gated" | "authority_gated";

export const ACTION_CLASS: Record<PolicyAction, ActionClass> = {
  monitor: "safe",
  ignore: "safe",
  disable: "evidence_gated",
  deprecate: "evidence_gated",
  // Enabling or promoting costs money; reverting undoes someone's decision: humans only.
  enable: "authority_gated",
  promote: "authority_gated",
  revert: "authority_gated",
  // A rename starts measuring (and paying for) another id and joins its history to the old one's:
  // a judgement a human makes, whatever the catalog evidence says.
  rename: "authority_gated",
  // How a model is requested, not whether it is measured; its batch's revert restores it exactly.
  set_settings: "reversible",
};

export interface Target {
  provider: string;
  model_id: string;
}

export interface ProviderHealth {
  /** Paused or blocked providers are never "otherwise healthy". */
  state: "healthy" | "degraded" | "paused" | "blocked";
  /** Some other model of the provider succeeded within 24 hours. */
  hasHealthyModels: boolean;
}

export interface Evidence {
  now: Date;
  /** Signals per target, keyed provider:model_id. */
  signals?: Map<string, ModelSignals>;
  providers?: Map<string, ProviderHealth>;
  /** For a system promotion: how many the policy promoted automatically today, and prices. */
  promotion?: PromotionEvidence;
}

export interface PromotionEvidence {
  /** Promotions the policy executed on its own since the start of this UTC day. */
  promotedToday: number;
  /** Output price per million tokens per target (keyed provider:model_id); null when unknown. */
  outputPricePerMillion: Map<string, number | null>;
}

export type Verdict =
  | { outcome: "allowed"; reasons: string[] }
  | { outcome: "needs_approval"; approverRoles: Role[]; reasons: string[] }
  | { outcome: "denied"; reasons: string[] };

export function evaluatePolicy(
  policy: Policy,
  principal: Principal,
  action: PolicyAction,
  targets: Target[],
  evidence: Evidence = { now: new Date() },
): Verdict {
  const cls = ACTION_CLASS[action];
  if (principal.role === "viewer") return { outcome: "denied", reasons: ["the viewer role can only read"] };
  if (cls === "safe")
    return { outcome: "allowed", reasons: [`${action} is a safe action: it changes nothing in the fleet`] };
  if (policy.kill_switch)
    return {
      outcome: "denied",
      reasons: ["the kill switch is on: no mutation is allowed until a human turns it off"],
    };
  if (targets.length === 0) return { outcome: "denied", reasons: ["no targets"] };

  const approverRoles =
    cls === "authority_gated" ? policy.approvers.authority_gated : policy.approvers.evidence_gated;
  const needsApproval = (reasons: string[]): Verdict => ({
    outcome: "needs_approval",
    approverRoles,
    reasons,
  });

  if (principal.kind === "human") {
    if (approverRoles.includes(principal.role))
      return { outcome: "allowed", reasons: [`a human ${principal.role} may ${action} directly`] };
    return needsApproval([
      `the ${principal.role} role may not ${action}; it needs approval by ${approverRoles.join(" or ")}`,
    ]);
  }

  // Agents and the system act on their own only where evidence decides, never on protected targets.
  const protectedHits = targets.filter((t) => isProtected(policy, t));
  if (protectedHits.length > 0) {
    return needsApproval([
      `protected: ${protectedHits.map((t) => `${t.provider}:${t.model_id}`).join(", ")} is never changed automatically`,
    ]);
  }
  if (cls === "reversible") {
    if (policy.auto_execute.set_settings?.enabled === false)
      return needsApproval([`the policy does not auto-execute ${action}`]);
    return {
      outcome: "allowed",
      reasons: [`${action} is reversible and keeps the model measured: the policy executes it`],
    };
  }
  if (cls === "authority_gated") {
    if (action === "promote" && principal.kind === "system") {
      const auto = autoPromotion(policy, targets, evidence);
      if (auto.ok) return { outcome: "allowed", reasons: auto.reasons };
      return needsApproval([`promote is authority-gated: ${auto.reasons.join("; ")}`]);
    }
    return needsApproval([`${action} is authority-gated: only a human principal may do it`]);
  }

  const rule = policy.auto_execute[action as "disable" | "deprecate"];
  if (!rule.enabled) return needsApproval([`the policy does not auto-execute ${action}`]);
  const failures = targets.flatMap((t) => evidenceFailures(rule, t, evidence));
  if (failures.length > 0) return needsApproval(failures);
  return {
    outcome: "allowed",
    reasons: [
      `evidence holds for every target: ${rule.kinds.join("/")} failures for over ${rule.min_streak_hours} h, no success in ${rule.no_success_days} days` +
        (rule.require_provider_healthy ? ", provider otherwise healthy" : ""),
    ],
  };
}

/**
 * May the system promote these candidates without a human? Only when the policy enables it, the
 * day's count leaves room for all of them, and every target's output price is known and within
 * the bound (an unknown price could be anything). Agents never get here: only the admission pass
 * acts as the system with probe evidence.
 */
function autoPromotion(
  policy: Policy,
  targets: Target[],
  evidence: Evidence,
): { ok: boolean; reasons: string[] } {
  const rule = policy.auto_promote;
  if (!rule?.enabled) return { ok: false, reasons: ["the policy does not promote automatically"] };
  const p = evidence.promotion;
  if (!p) return { ok: false, reasons: ["no promotion evidence (daily count, prices)"] };
  const out: string[] = [];
  if (p.promotedToday + targets.length > rule.max_per_day) {
    out.push(
      `${p.promotedToday} automatic promotion(s) today; the policy allows ${rule.max_per_day} per day`,
    );
  }
  for (const t of targets) {
    const id = `${t.provider}:${t.model_id}`;
    const price = p.outputPricePerMillion.get(id);
    if (price === undefined || price === null) out.push(`${id}: output price unknown`);
    else if (price > rule.max_output_usd_per_million)
      out.push(
        `${id}: output $${price}/M is over the automatic bound of $${rule.max_output_usd_per_million}/M`,
      );
  }
  if (out.length > 0) return { ok: false, reasons: out };
  return {
    ok: true,
    reasons: [
      `the policy promotes automatically: ${p.promotedToday + targets.length} of ${rule.max_per_day} today, output price within $${rule.max_output_usd_per_million}/M`,
    ],
  };
}

export function isProtected(policy: Policy, t: Target): boolean {
  return (
    policy.protected.providers.includes(t.provider) ||
    policy.protected.models.includes(`${t.provider}:${t.model_id}`)
  );
}

function evidenceFailures(rule: EvidenceRule, t: Target, evidence: Evidence): string[] {
  const id = `${t.provider}:${t.model_id}`;
  const s = evidence.signals?.get(id);
  if (!s) return [`${id}: no signals to judge by`];
  const now = evidence.now.getTime();
  const out: string[] = [];
  if (!s.lastError || !rule.kinds.includes(s.lastError.kind)) {
    out.push(`${id}: last error is ${s.lastError?.kind ?? "none"}, not ${rule.kinds.join("/")}`);
  }
  if (s.failingForHours === null || s.failingForHours <= rule.min_streak_hours) {
    out.push(`${id}: failing for ${s.failingForHours ?? 0} h, not over ${rule.min_streak_hours} h`);
  }
  if (s.lastSuccessAt && now - s.lastSuccessAt.getTime() < rule.no_success_days * 86_400_000) {
    const last = `${s.lastSuccessAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    out.push(`${id}: succeeded within ${rule.no_success_days} days (last success ${last})`);
  }
  if (rule.require_provider_healthy) {
    const p = evidence.providers?.get(t.provider);
    if (!p || p.state === "paused" || p.state === "blocked" || !p.hasHealthyModels) {
      out.push(`${id}: provider ${t.provider} is not otherwise healthy (${p ? p.state : "unknown"})`);
    }
  }
  return out;
}

/** May this principal approve a decision of this action, proposed by `proposer`? */
export function evaluateApproval(
  policy: Policy,
  principal: Principal,
  action: PolicyAction,
  proposer: { name: string; kind: string },
): Verdict {
  const cls = ACTION_CLASS[action];
  if (policy.kill_switch && cls !== "safe") return { outcome: "denied", reasons: ["the kill switch is on"] };
  if (principal.role === "viewer") return { outcome: "denied", reasons: ["the viewer role can only read"] };
  const roles =
    cls === "authority_gated" ? policy.approvers.authority_gated : policy.approvers.evidence_gated;
  if (cls === "authority_gated" && principal.kind !== "human") {
    return {
      outcome: "denied",
      reasons: [`${action} is authority-gated: only a human principal may approve it`],
    };
  }
  if (!roles.includes(principal.role)) {
    return {
      outcome: "denied",
      reasons: [`the ${principal.role} role may not approve ${action}; ${roles.join(" or ")} may`],
    };
  }
  if (principal.kind === "agent" && proposer.name === principal.name && !policy.agent_may_approve_own) {
    return { outcome: "denied", reasons: ["an agent may not approve its own proposal under this policy"] };
  }
  return { outcome: "allowed", reasons: [`${principal.role} may approve ${action}`] };
}
