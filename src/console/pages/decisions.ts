import { approve, reject } from "../../decisions/service.js";
import type { ApprovalResult } from "../../decisions/review.js";
import { AppError } from "../../errors.js";
import { withReverts } from "../../storage/decision-rows.js";
import { undoneAloneWords } from "../../storage/in-force.js";
import type { DecisionDoc } from "../../storage/decisions-repository.js";
import type { RevertMark } from "../../storage/mutation-batches-repository.js";
import { csrfField, formReason, type PageContext, when } from "../context.js";
import { html, type SafeHtml } from "../escape.js";
import { page } from "../layout.js";

/** The decisions list (pending first) and the approve / reject forms' handlers. */

export async function decisionsPage(c: PageContext): Promise<SafeHtml> {
  const { repos } = c.shared.deps;
  const [pending, recent] = await Promise.all([
    repos.decisions.find({ status: "pending" }, { oldestFirst: true, limit: 200 }),
    repos.decisions
      .list(
        { status: ["executed", "rejected", "failed", "expired", "approved", "superseded"] },
        { limit: 30 },
      )
      .then((rows) => withReverts(repos.mutations, rows)),
  ]);
  const reverts = await repos.mutations.revertsOfBatches(
    recent.flatMap((d) => (d.batch_id ? [d.batch_id] : [])),
  );
  const body = html` <section aria-labelledby="pending">
      <h2 id="pending">Pending: waiting for a person (${pending.length})</h2>
      ${pending.length === 0 ? html`<p>Nothing is waiting for approval.</p>` : pendingForm(c, pending)}
    </section>
    <section aria-labelledby="recent">
      <h2 id="recent">Recently decided</h2>
      ${recent.length === 0 ? html`<p>None yet.</p>` : table(recent, reverts)}
    </section>`;
  return page("Decisions", body, c.session, "/console/decisions");
}

/** At most this many decisions are approved by one "Approve selected". */
const MAX_SELECTED = 100;

/**
 * The pending decisions with what a person judges them by at a glance (the evidence's kind and
 * streak, why the policy left them to a person) and, for a role that may approve, a checkbox each
 * and one "Approve selected" button: each selected decision is approved as its own page's button
 * would, through the same policy check, and the answer lists each outcome.
 */
function pendingForm(c: PageContext, rows: DecisionDoc[]): SafeHtml {
  const select = c.principal.role !== "viewer";
  const tbl = html`<table>
    <thead>
      <tr>
        ${select ? html`<th scope="col">Select</th>` : ""}
        <th scope="col">Decision</th>
        <th scope="col">Action</th>
        <th scope="col">Models</th>
        <th scope="col">Evidence</th>
        <th scope="col">Waits because</th>
        <th scope="col">Expires</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (d) =>
          html`<tr>
            ${
              select
                ? html`<td>
                    <input
                      type="checkbox"
                      name="id"
                      value="${d._id}"
                      id="select-${d._id}"
                      aria-label="Select ${d._id}"
                    />
                  </td>`
                : ""
            }
            <td><a href="/console/decisions/${d._id}">${d._id}</a></td>
            <td>${d.action}<br /><small>by ${d.proposed_by.name}</small></td>
            <td>${targetsText(d)}</td>
            <td>${evidenceSummary(d.evidence)}</td>
            <td>${waitsBecause(d)}</td>
            <td>${when(d.expires_at)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  if (!select) return tbl;
  return html`<form method="post" action="${APPROVE_SELECTED}">
    ${csrfField(c)}
    <p>
      Open a decision to read its evidence in full. Or tick the ones you have judged and approve them
      together: each is approved as its own page's button would, checked by the policy one by one (at most
      ${MAX_SELECTED}).
    </p>
    ${tbl}
    <p><button type="submit">Approve selected</button></p>
  </form>`;
}

/** What the evidence says at a glance: the failure's kind and how long it has lasted. */
function evidenceSummary(e: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof e["kind"] === "string") parts.push(e["kind"]);
  if (typeof e["failing_for_hours"] === "number")
    parts.push(`failing ${Math.round(e["failing_for_hours"])} h`);
  if (typeof e["consecutive_failures"] === "number") parts.push(`${e["consecutive_failures"]} in a row`);
  if (typeof e["rename_to"] === "string") parts.push(`to ${e["rename_to"]}`);
  if (e["deprecated_by_provider"] === true) parts.push("the provider flags it deprecated");
  return parts.join(", ") || "-";
}

/**
 * Why the policy left it to a person: its verdict's last reason, which is the one that held it (a
 * proposal held for approval, or a person's word, adds its reason after the policy's own).
 */
const waitsBecause = (d: DecisionDoc): string => d.policy_verdict.reasons.at(-1) ?? d.policy_verdict.outcome;

const targetsText = (d: DecisionDoc): string =>
  d.targets
    .slice(0, 3)
    .map((t) => `${t.provider}:${t.model_id}`)
    .join(", ") + (d.targets.length > 3 ? ` and ${d.targets.length - 3} more` : "");

/** Where "Approve selected" posts: outside /console/decisions/<id>, so no decision id can be taken for it. */
export const APPROVE_SELECTED = "/console/approve-selected";

function table(
  rows: (DecisionDoc & { reverted?: RevertMark })[],
  reverts: Parameters<typeof undoneAloneWords>[2],
): SafeHtml {
  // A person's undo of one model leaves the batch unreverted: the status says what it left, as
  // `decisions list` does.
  const undone = (d: DecisionDoc): string => {
    const words = d.batch_id ? undoneAloneWords(d.batch_id, d.targets, reverts) : null;
    return words ? `, ${words}` : "";
  };
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Decision</th>
        <th scope="col">Action</th>
        <th scope="col">Models</th>
        <th scope="col">Proposed by</th>
        <th scope="col">Created</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (d) =>
          html`<tr>
            <td><a href="/console/decisions/${d._id}">${d._id}</a></td>
            <td>${d.action}</td>
            <td>${targetsText(d)}</td>
            <td>${d.proposed_by.kind} ${d.proposed_by.name}</td>
            <td>${when(d.created_at)}</td>
            <td>
              ${d.status}${
                d.reverted
                  ? html`, reverted by ${d.reverted.by} ${when(d.reverted.at)} (<a
                        href="/console/batches/${d.reverted.revert_batch_id}"
                        >${d.reverted.revert_batch_id}</a
                      >)`
                  : undone(d)
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * Approves through the decisions service, which checks the policy (who may approve this action,
 * kill switch, own proposals) itself; the console adds no check of its own. The decision's page,
 * where the form's answer leads (routes.ts), says what became of it.
 */
export async function approveFromConsole(c: PageContext, id: string): Promise<void> {
  await approve(c.shared.deps.repos, id, c.principal, c.now, "console");
  c.shared.services.invalidate();
}

export async function rejectFromConsole(c: PageContext, id: string, reason: string): Promise<void> {
  const text = formReason(reason, "reject");
  await reject(c.shared.deps.repos, id, c.principal, text, c.now, "console");
  c.shared.services.invalidate();
}

/**
 * "Approve selected": each id approved in turn through the decisions service (its policy check,
 * its exactly-once execution), one outcome each; a refusal of one leaves the others to go on. The
 * answer is the page of outcomes itself: approving again is harmless (it says already done).
 */
export async function approveSelected(c: PageContext, form: URLSearchParams): Promise<SafeHtml> {
  const ids = [...new Set(form.getAll("id"))].filter((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id));
  if (ids.length === 0)
    throw new AppError("invalid_input", "Tick at least one decision to approve; nothing was changed.");
  if (ids.length > MAX_SELECTED)
    throw new AppError(
      "invalid_input",
      `Approve at most ${MAX_SELECTED} decisions at once (${ids.length} were ticked); nothing was changed.`,
    );
  const outcomes: { id: string; what: string; ok: boolean; text: SafeHtml | string }[] = [];
  try {
    for (const id of ids) {
      try {
        const r = await approve(c.shared.deps.repos, id, c.principal, c.now, "console");
        const what = `${r.decision.action} ${targetsText(r.decision)}`;
        outcomes.push({ id, what, ok: !r.alreadyDone && r.inProgress === null, text: approvalOutcome(r) });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        outcomes.push({ id, what: "", ok: false, text: `not approved: ${e.message}` });
      }
    }
  } finally {
    // What the approvals before a failure changed is read fresh either way.
    c.shared.services.invalidate();
  }
  const approved = outcomes.filter((o) => o.ok).length;
  const body = html`<p class="notice" role="status">
      Approved ${approved} of ${ids.length} selected decision(s) as ${c.principal.name}.
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">Decision</th>
          <th scope="col">What it does</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        ${outcomes.map(
          (o) =>
            html`<tr>
              <td><a href="/console/decisions/${o.id}">${o.id}</a></td>
              <td>${o.what}</td>
              <td>${o.text}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p><a href="/console/decisions">Back to the decisions</a></p>`;
  return page("Approve selected", body, c.session, "/console/decisions");
}

function approvalOutcome(r: ApprovalResult): SafeHtml | string {
  const d = r.decision;
  if (r.inProgress) return `being executed by ${r.inProgress.by}: its page shows the outcome`;
  if (r.alreadyDone) return `already done: it is ${d.status}; nothing was changed now`;
  if (r.batch)
    return html`approved and executed in batch
      <a href="/console/batches/${r.batch._id}">${r.batch._id}</a> (applied ${r.batch.applied_count}, failed
      ${r.batch.failed_count})`;
  return `approved: ${d.status}`;
}
