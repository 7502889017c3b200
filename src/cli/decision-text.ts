import { undoableAlone } from "../decisions/revert-model.js";
import type { ModelSignals } from "../signals/read.js";
import type { BatchFate, Undone } from "../storage/decision-rows.js";
import type { LaterChange } from "../storage/in-force.js";
import { aloneUndo, othersWords } from "../tools/batch-fate.js";
import { rejectedAt, type DecisionDoc } from "../storage/decisions-repository.js";
import type { RevertMark } from "../storage/mutation-batches-repository.js";
import { evidenceText } from "../decisions/evidence-text.js";

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
 * proposed and who decided, what became of its batch since (`fate`: a revert, a model's undo) and
 * how to approve or undo what is still in force. JSON stays behind --json.
 */
export function decisionText(
  d: DecisionDoc,
  signals: (ModelSignals | null)[] = [],
  fate: BatchFate | null = null,
): string {
  const out: string[] = [];
  const line = (label: string, value: string): number => out.push(`${label.padEnd(11)} ${printable(value)}`);
  line("decision", `${d._id}: ${d.action} ${d.targets.length} model(s), ${statusWords(d, fate)}`);
  line("models", d.targets.map((t) => `${t.provider}:${t.model_id}`).join(", "));
  line(
    "proposed",
    `${iso(d.created_at)} by ${d.proposed_by.kind} ${d.proposed_by.name}, confidence ${d.confidence.toFixed(2)}`,
  );
  line("why", d.reasoning);
  if (d.situation_id) line("situation", d.situation_id);
  // Keys aligned under the longest (never less than the other labels' width), times as times.
  const evidence = Object.entries(d.evidence);
  const width = Math.max(9, ...evidence.map(([k]) => k.length));
  for (const [k, v] of evidence) out.push(`  ${k.padEnd(width)} ${printable(evidenceText(v))}`);
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
    if (err) line("  message", err.displayMessage.slice(0, 300));
  }
  if (signals.some(Boolean)) out.push("");
  line("policy", `${d.policy_verdict.outcome} (policy v${d.policy_version})`);
  for (const r of d.policy_verdict.reasons) line("  because", r);
  if (d.policy_verdict.approver_roles?.length)
    line("  approvers", d.policy_verdict.approver_roles.join(" or "));
  if (d.approved_by)
    line("approved", `${iso(d.approved_at)} by ${d.approved_by} (${d.approval_channel ?? "?"})`);
  if (d.rejected_by)
    line(
      "rejected",
      `${iso(rejectedAt(d))} by ${d.rejected_by}${d.reject_channel ? ` (${d.reject_channel})` : ""}: ${d.reject_reason ?? ""}`,
    );
  if (d.superseded_by) line("superseded", `by ${d.superseded_by}`);
  if (fate) batchLines(d, fate, line);
  else if (d.batch_id) line("batch", `${d.batch_id} (not found)`);
  if (d.status === "pending") {
    line("expires", iso(d.expires_at));
    line("approve", `bench-operator decisions approve ${d._id}`);
    line("reject", `bench-operator decisions reject ${d._id} --reason "<why>"`);
  }
  out.push("", "history");
  const history: HistoryEntry[] = [...d.history, ...undoHistory(fate)];
  for (const h of history.sort((a, b) => a.at.getTime() - b.at.getTime()))
    out.push(`  ${iso(h.at)}  ${h.status.padEnd(10)} ${printable(`${h.by}${h.note ? `: ${h.note}` : ""}`)}`);
  return out.join("\n") + "\n";
}

/** The status, with what a revert or an undo did since: "executed" alone would read as in force. */
function statusWords(d: DecisionDoc, fate: BatchFate | null): string {
  if (!fate) return d.status;
  if (fate.reverted) return `${d.status}, reverted${fate.reverted.put_back ? " and put back" : ""}`;
  const undone = fate.model_undos.filter((u) => !u.put_back).length;
  const later = fate.overruled.length;
  const words = [
    ...(undone > 0 ? [`${undone} of ${d.targets.length} model(s) undone`] : []),
    ...(later > 0 ? [`${later} of ${d.targets.length} model(s) changed back later`] : []),
  ];
  return [d.status, ...words].join(", ");
}

/** The batch, its revert or its models' undos, and how to undo what is left in force. */
function batchLines(d: DecisionDoc, fate: BatchFate, line: (label: string, value: string) => void): void {
  const b = fate.batch;
  line(
    "batch",
    `${b._id} (${b.status}: ${b.applied_count} applied, ${b.failed_count} failed)` +
      (fate.others.count > 0 ? `; it also holds ${othersWords(fate.others)}` : ""),
  );
  if (fate.reverted)
    line(
      "reverted",
      undoneWords(fate.reverted) +
        (fate.reverted.put_back
          ? ": the change is in force again"
          : `: this decision's change is undone${fate.others.count > 0 ? ", and the batch's other changes" : ""}; there is nothing left to revert`),
    );
  for (const u of fate.model_undos)
    line(
      "undone",
      `${u.provider}:${u.model_id} alone, reverted ${undoneWords(u)}${u.put_back ? "" : ` (the rest of ${b._id} stays)`}`,
    );
  for (const o of fate.overruled) line("no longer", `${o.provider}:${o.model_id}: ${overruledWords(o.by)}`);
  for (const r of fate.renamed)
    line(
      "renamed",
      `${r.provider}:${r.model_id} is now ${r.provider}:${r.now}: renamed by ${r.by.actor} at ${iso(r.by.at)} in ${r.by.batchId}`,
    );
  undoCommands(fate).forEach((command, i) => line(i === 0 ? "undo" : "  or", command));
}

/** The later batch that took one model's change out of force (src/storage/in-force.ts). */
export function overruledWords(by: LaterChange): string {
  return `a later ${by.what} by ${by.actor} at ${iso(by.at)} in ${by.batchId} took it out of force`;
}

/** Who reverted, when, in which batch. */
export function revertWords(m: RevertMark): string {
  return `by ${m.by} at ${iso(m.at)} in ${m.revert_batch_id}`;
}

/** A revert, and the revert that put the change back when one did. */
export function undoneWords(u: Undone): string {
  return (
    revertWords(u) + (u.put_back ? `, then put back (that revert reverted) ${revertWords(u.put_back)}` : "")
  );
}

const MODEL_COMMANDS_SHOWN = 5;

/**
 * How to undo what of the decision is still in force, one command each; none when nothing is.
 * When its batch holds other changes too, each model is offered alone where that can be done (a
 * deprecate, a rename or a settings change by the revert of that one change, as the console's
 * model page does; a disable by enabling the model), and the whole revert says what else it undoes.
 */
export function undoCommands(fate: BatchFate): string[] {
  const b = fate.batch;
  if (fate.reverted)
    return fate.reverted.put_back
      ? [`bench-operator batches revert ${fate.reverted.put_back.revert_batch_id}`]
      : [];
  if (fate.live.length === 0) return [];
  const whole = `bench-operator batches revert ${b._id}`;
  const undone = fate.model_undos.some((u) => !u.put_back) || fate.overruled.length > 0;
  if (fate.others.count === 0 && !undone) return [whole];
  const alone = fate.live.flatMap((c) => {
    const undo = aloneUndo(fate, c, undoableAlone(c) !== null, "<why>");
    return undo ? [`${undo.id} only: ${undo.command}`] : [];
  });
  const more = alone.length - MODEL_COMMANDS_SHOWN;
  return [
    ...alone.slice(0, MODEL_COMMANDS_SHOWN),
    ...(more > 0 ? [`and ${more} more model(s) the same way`] : []),
    `the whole batch${fate.others.count > 0 ? `, its ${othersWords(fate.others)} too` : ""}: ${whole}`,
  ];
}

type HistoryEntry = { at: Date; status: string; by: string; note?: string };

/** The revert and the undos as history entries: they are batches, not moves of the decision. */
function undoHistory(fate: BatchFate | null): HistoryEntry[] {
  if (!fate) return [];
  const b = fate.batch._id;
  const entries: HistoryEntry[] = [];
  const putBack = (u: Undone, what: string): void => {
    if (u.put_back)
      entries.push({
        at: u.put_back.at,
        status: "put back",
        by: u.put_back.by,
        note: `${what} reverted in ${u.put_back.revert_batch_id}`,
      });
  };
  if (fate.reverted) {
    entries.push({
      at: fate.reverted.at,
      status: "reverted",
      by: fate.reverted.by,
      note: `batch ${b} reverted in ${fate.reverted.revert_batch_id}`,
    });
    putBack(fate.reverted, `the revert ${fate.reverted.revert_batch_id}`);
  }
  for (const u of fate.model_undos) {
    entries.push({
      at: u.at,
      status: "undone",
      by: u.by,
      note: `${u.provider}:${u.model_id} alone, its change in ${b} reverted in ${u.revert_batch_id}`,
    });
    putBack(u, `the undo ${u.revert_batch_id}`);
  }
  return entries;
}
