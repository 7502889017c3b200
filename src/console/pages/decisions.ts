import { approve, reject } from "../../decisions/service.js";
import { withReverts } from "../../storage/decision-rows.js";
import type { DecisionDoc } from "../../storage/decisions-repository.js";
import type { RevertMark } from "../../storage/mutation-batches-repository.js";
import { formReason, type PageContext, when } from "../context.js";
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
  const body = html` <section aria-labelledby="pending">
      <h2 id="pending">Pending: waiting for a person (${pending.length})</h2>
      ${pending.length === 0 ? html`<p>Nothing is waiting for approval.</p>` : table(pending)}
    </section>
    <section aria-labelledby="recent">
      <h2 id="recent">Recently decided</h2>
      ${recent.length === 0 ? html`<p>None yet.</p>` : table(recent)}
    </section>`;
  return page("Decisions", body, c.session, "/console/decisions");
}

function table(rows: (DecisionDoc & { reverted?: RevertMark })[]): SafeHtml {
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
            <td>
              ${d.targets
                .slice(0, 3)
                .map((t) => `${t.provider}:${t.model_id}`)
                .join(", ")}${d.targets.length > 3 ? ` and ${d.targets.length - 3} more` : ""}
            </td>
            <td>${d.proposed_by.kind} ${d.proposed_by.name}</td>
            <td>${when(d.created_at)}</td>
            <td>
              ${d.status}${
                d.reverted
                  ? html`, reverted by ${d.reverted.by} ${when(d.reverted.at)} (<a
                        href="/console/batches/${d.reverted.revert_batch_id}"
                        >${d.reverted.revert_batch_id}</a
                      >)`
                  : ""
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
