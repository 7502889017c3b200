import { budgetOrigin, type BudgetsInForce } from "../../policy/budgets.js";
import type { EvidenceRule, Policy } from "../../policy/policy.js";
import type { CurrentPolicy, PolicyVersionDoc } from "../../storage/policy-repository.js";
import { table } from "../output.js";

/**
 * `policy show` and `policy show --history` as a person reads them: what runs on its own, who
 * approves, the caps and budgets, and which version is in force. v0 is the built-in default
 * (policy/default-policy.json) until someone stores a version; JSON stays behind --json.
 */

const iso = (d: Date): string => d.toISOString().replace(".000Z", "Z");

/** How the version in force is named: v0 is the built-in default, never a stored document. */
export function versionText(current: Pick<CurrentPolicy, "version" | "set_by" | "set_at">): string {
  if (current.version === 0 || !current.set_at)
    return "v0, the built-in default (policy/default-policy.json); no version is stored yet (`bench-operator policy set --file F` stores v1)";
  return `v${current.version}, set by ${current.set_by} at ${iso(current.set_at)}`;
}

export function policyText(current: CurrentPolicy, budgets: BudgetsInForce): string {
  const p = current.policy;
  const out: string[] = [];
  const line = (label: string, value: string): number => out.push(`${label.padEnd(13)} ${value}`);
  line("policy", versionText(current));
  line("kill switch", p.kill_switch ? "ON: nothing but safe actions runs" : "off");
  line("auto-execute", `disable: ${ruleText(p.auto_execute.disable)}`);
  line("", `deprecate: ${ruleText(p.auto_execute.deprecate)}`);
  line("", `set_settings: ${p.auto_execute.set_settings?.enabled === false ? "off" : "on"}`);
  line(
    "approvers",
    `evidence-gated: ${roles(p.approvers.evidence_gated)}; authority-gated: ${roles(p.approvers.authority_gated)}`,
  );
  line(
    "agents",
    p.agent_may_approve_own ? "may approve their own proposals" : "may not approve their own proposals",
  );
  line("caps", `${p.caps.per_pass} executed changes per operator run, ${p.caps.per_provider} per provider`);
  line("protected", `providers: ${list(p.protected.providers)}; models: ${list(p.protected.models)}`);
  line("pending", `expires after ${p.pending_expiry_hours} h`);
  line("auto-promote", promoteText(p));
  for (const b of [budgets.operator, budgets.benchmark])
    line(
      b === budgets.operator ? "budgets" : "",
      `${b.category}: $${b.usd_per_day.toFixed(2)} per UTC day (${budgetOrigin(b)})`,
    );
  line("", `warn at ${Math.round(budgets.alert_fraction * 100)}% of a budget`);
  out.push("", "As JSON: bench-operator policy show --json");
  return out.join("\n");
}

/** The stored versions, newest first; with none, that v0 (the built-in default) is in force. */
export function historyText(versions: readonly PolicyVersionDoc[]): string {
  const v0 = "v0 is the built-in default (policy/default-policy.json)";
  if (versions.length === 0)
    return `No policy version is stored: ${v0}, and it is in force. \`bench-operator policy set --file F\` stores v1.`;
  const rows = versions.map((v) => ({
    version: v._id,
    set_by: v.set_by,
    set_at: v.set_at,
    note: v.note ?? "",
  }));
  return `${table(rows)}\n${versions.length} stored version(s); v${versions[0]!._id} is in force; before v1, ${v0}.`;
}

function ruleText(r: EvidenceRule): string {
  const when = `${r.kinds.join(", ")} failing over ${r.min_streak_hours} h with no success in ${r.no_success_days} days${r.require_provider_healthy ? ", provider otherwise healthy" : ""}`;
  return r.enabled ? `on, for ${when}` : `off (a person approves; the rule would be: ${when})`;
}

function promoteText(p: Policy): string {
  const a = p.auto_promote;
  if (!a?.enabled) return "off";
  return `on, at most ${a.max_per_day} per UTC day, output price at most $${a.max_output_usd_per_million} per million tokens`;
}

const roles = (rs: readonly string[]): string => (rs.length ? rs.join(" or ") : "nobody");
const list = (xs: readonly string[]): string => (xs.length ? xs.join(", ") : "none");
