import type { ModelSignals } from "../signals/read.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";

/**
 * Control and bidirectional-override characters from callers and providers, shown as escapes: a
 * reason or a provider message must not move the cursor, clear the terminal or reorder the text a
 * person reads before approving.
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const iso = (d: Date | undefined | null): string => (d ? d.toISOString().replace(".000Z", "Z") : "-");

/**
 * `decisions show`: what a person needs to judge a decision, in reading order: what it does to
 * which models, why and on what evidence, the models' signals now, the policy's verdict, who
 * proposed and who decided, and how to approve or undo it. JSON stays behind --json.
 */
export function decisionText(d: DecisionDoc, signals: (ModelSignals | null)[] = []): string {
  const out: string[] = [];
  const line = (label: string, value: string): number => out.push(`${label.padEnd(11)} ${printable(value)}`);
  line("decision", `${d._id}: ${d.action} ${d.targets.length} model(s), ${d.status}`);
  line("models", d.targets.map((t) => `${t.provider}:${t.model_id}`).join(", "));
  line(
    "proposed",
    `${iso(d.created_at)} by ${d.proposed_by.kind} ${d.proposed_by.name}, confidence ${d.confidence.toFixed(2)}`,
  );
  line("why", d.reasoning);
  if (d.situation_id) line("situation", d.situation_id);
  for (const [k, v] of Object.entries(d.evidence))
    line(`  ${k}`, typeof v === "string" ? v : JSON.stringify(v));
  out.push("");
  for (const s of signals) {
    if (!s) continue;
    const err = s.lastError;
    line(
      "signals",
      `${s.provider}:${s.model_id}: last success ${iso(s.lastSuccessAt)}; ` +
        (err
          ? `failing ${s.failingForHours ?? 0} h (${s.consecutiveFailures} in a row), last error ${err.kind} (${err.class}) at ${iso(err.at)}`
          : "not failing"),
    );
    if (err) line("  message", err.message.slice(0, 300));
  }
  if (signals.some(Boolean)) out.push("");
  line("policy", `${d.policy_verdict.outcome} (policy v${d.policy_version})`);
  for (const r of d.policy_verdict.reasons) line("  because", r);
  if (d.policy_verdict.approver_roles?.length)
    line("  approvers", d.policy_verdict.approver_roles.join(" or "));
  if (d.approved_by)
    line("approved", `${iso(d.approved_at)} by ${d.approved_by} (${d.approval_channel ?? "?"})`);
  if (d.rejected_by) line("rejected", `by ${d.rejected_by}: ${d.reject_reason ?? ""}`);
  if (d.superseded_by) line("superseded", `by ${d.superseded_by}`);
  if (d.batch_id) line("batch", `${d.batch_id} (undo: bench-operator batches revert ${d.batch_id})`);
  if (d.status === "pending") {
    line("expires", iso(d.expires_at));
    line("approve", `bench-operator decisions approve ${d._id}`);
    line("reject", `bench-operator decisions reject ${d._id} --reason "<why>"`);
  }
  out.push("", "history");
  for (const h of d.history)
    out.push(`  ${iso(h.at)}  ${h.status.padEnd(10)} ${printable(`${h.by}${h.note ? `: ${h.note}` : ""}`)}`);
  return out.join("\n") + "\n";
}
