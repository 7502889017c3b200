import { revertAs } from "../../decisions/revert.js";
import type { BatchChange, MutationBatchDoc } from "../../storage/mutation-batches-repository.js";
import { changeBlocked, csrfField, formReason, untrustedBlock, when, type PageContext } from "../context.js";
import { html, type SafeHtml } from "../escape.js";
import { keptSinceWords, revertCountsText, undoneAloneWords } from "../../storage/in-force.js";
import { page } from "../layout.js";

/** Mutation batches: the audit trail of fleet changes, and revert. */

export async function batchesPage(c: PageContext): Promise<SafeHtml> {
  const batches = await c.shared.deps.repos.mutations.list({ limit: 50 });
  const reverts = await c.shared.deps.repos.mutations.revertsOfBatches(batches.map((b) => b._id));
  // A person's undo of one model leaves the batch unreverted: the status says what it left, as
  // `batches list` does.
  const status = (b: MutationBatchDoc): string =>
    [
      b.status,
      undoneAloneWords(
        b._id,
        b.changes.filter((ch) => ch.status === "applied"),
        reverts,
      ),
    ]
      .filter(Boolean)
      .join(", ");
  const body = batches.length
    ? html`<table>
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">Kind</th>
            <th scope="col">By</th>
            <th scope="col">When</th>
            <th scope="col">Status</th>
            <th scope="col">Changes</th>
            <th scope="col">Reverted by batch</th>
          </tr>
        </thead>
        <tbody>
          ${batches.map(
            (b) =>
              html`<tr>
                <td><a href="/console/batches/${b._id}">${b._id}</a></td>
                <td>
                  ${b.kind}${b.revert_of ? ` of ${b.revert_of}` : ""}${b.revert_only ? ", one model" : ""}
                </td>
                <td>${b.actor}</td>
                <td>${when(b.created_at)}</td>
                <td>${status(b)}</td>
                <td>${b.applied_count} applied, ${b.failed_count} failed</td>
                <td>
                  ${b.reverted_by ? html`<a href="/console/batches/${b.reverted_by}">${b.reverted_by}</a>` : "no"}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p>No fleet change has been made yet.</p>`;
  return page("Batches", body, c.session, "/console/batches");
}

const show = (v: unknown): string =>
  v === undefined ? "(absent)" : v instanceof Date ? v.toISOString() : JSON.stringify(v);

function changeRow(ch: BatchChange): SafeHtml {
  const kept = keptSinceWords(ch);
  const fields = Object.keys(ch.after).filter((f) => f !== "mutation_batch_id");
  return html`<tr>
    <td>${ch.provider}:${ch.model_id}${ch.rename_to !== undefined ? html` → ${ch.rename_to}` : ""}</td>
    <td>${ch.status}${ch.error ? html`${untrustedBlock(ch.error, 300)}` : ""}</td>
    <td>
      <ul>
        ${fields.map((f) => html`<li><code>${f}</code>: ${show((ch.before as Record<string, unknown>)[f])} → ${show((ch.after as Record<string, unknown>)[f])}</li>`)}
      </ul>
      ${kept ? html`<p>${kept.charAt(0).toUpperCase()}${kept.slice(1)}</p>` : ""}
    </td>
  </tr>`;
}

export function batchPage(
  c: PageContext,
  b: MutationBatchDoc,
  notice: string | null,
  killSwitch: boolean,
): SafeHtml {
  const body = html` ${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
    <dl>
      <dt>Kind</dt>
      <dd>
        ${b.kind}${b.revert_of ? html` of <a href="/console/batches/${b.revert_of}">${b.revert_of}</a>` : ""}${b.revert_only ? `, for ${b.revert_only.provider}:${b.revert_only.model_id} only: the batch's other changes were not reverted` : ""}
      </dd>
      <dt>By</dt>
      <dd>${b.actor}, ${when(b.created_at)}</dd>
      <dt>Status</dt>
      <dd>${b.status}: ${b.applied_count} applied, ${b.failed_count} failed</dd>
      <dt>Decisions</dt>
      <dd>
        ${b.decision_ids.length ? b.decision_ids.map((d) => html`<a href="/console/decisions/${d}">${d}</a> `) : "none"}
      </dd>
      <dt>Reverted by</dt>
      <dd>
        ${b.reverted_by ? html`<a href="/console/batches/${b.reverted_by}">${b.reverted_by}</a>` : "not reverted"}
      </dd>
    </dl>
    <h2>Reason</h2>
    ${untrustedBlock(b.reason, 1_000)}
    <h2>Changes</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Status</th>
          <th scope="col">Fields (before → after)</th>
        </tr>
      </thead>
      <tbody>
        ${b.changes.map(changeRow)}
      </tbody>
    </table>
    ${revertForm(c, b, killSwitch)}`;
  return page(`Batch ${b._id}`, body, c.session, "/console/batches");
}

function revertForm(c: PageContext, b: MutationBatchDoc, killSwitch: boolean): SafeHtml | string {
  if (b.reverted_by) return "";
  const blocked = changeBlocked(c, killSwitch, "reverting");
  if (blocked) return blocked;
  return html`<form method="post" action="/console/batches/${b._id}/revert" class="action">
    ${csrfField(c)}
    <p>
      Revert as ${c.principal.name}: each field goes back to its value before this batch unless it changed
      since. The revert is itself a batch.
    </p>
    <label for="revert-reason"
      >Why (optional; kept with the revert, and cited when the operator proposes this again)</label
    >
    <textarea id="revert-reason" name="reason" rows="2" maxlength="500"></textarea>
    <button type="submit" class="danger">Revert this batch</button>
  </form>`;
}

/**
 * Revert through the decisions service, which checks the policy (revert is authority-gated) once
 * and then takes the one mutation path: the same function the revert_batch tool and `batches
 * revert` call.
 */
export async function revertFromConsole(
  c: PageContext,
  id: string,
  why: string,
): Promise<"reverted" | "already-reverted"> {
  // Optional here, but held to the same length and line breaks as every form's reason.
  const text = why.trim() === "" ? "" : formReason(why, "revert");
  const { alreadyReverted } = await revertAs(c.shared.deps.repos, id, c.principal, c.now, text);
  if (alreadyReverted) return "already-reverted";
  c.shared.services.invalidate();
  return "reverted";
}

/**
 * What the batch page says after its revert form: the revert this person made, or, when someone
 * else's came first (two open pages), whose it was and that this one changed and recorded nothing.
 */
export function revertNotice(revert: MutationBatchDoc | null, done: string, principal: string): string {
  if (!revert) return "Not reverted: this batch has no revert.";
  const counts = revertCountsText(revert);
  if (done === "already-reverted" || revert.actor !== principal)
    return (
      `Nothing new happened: ${revert.actor} had already reverted this batch at ${revert.created_at.toISOString()} ` +
      `in batch ${revert._id} (${counts}); your revert and its reason were not recorded.`
    );
  return `Reverted in batch ${revert._id} by ${revert.actor}: ${counts}.`;
}
