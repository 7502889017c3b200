import type { UndoableAlone } from "../../decisions/revert-model.js";
import { changeAction, laterChangeOf } from "../../storage/in-force.js";
import type { MutationBatchDoc } from "../../storage/mutation-batches-repository.js";
import { changeBlocked, csrfField, when, type PageContext } from "../context.js";
import { html, type SafeHtml } from "../escape.js";
import {
  historyChange,
  inForce,
  movedFrom,
  whyNotEnable,
  type ModelHistory,
  type ModelKey,
  type Undo,
} from "../model-history.js";
import { modelHref } from "./model-list.js";

/** A model page's history (decisions, batches) and its undo section. */

export function historySection(h: ModelHistory, key: ModelKey): SafeHtml {
  return html`<section aria-labelledby="history">
    <h2 id="history">History: decisions and batches</h2>
    <h3>Decisions about this model</h3>
    ${h.decisions.length === 0 ? html`<p>None recorded.</p>` : decisionsTable(h)}
    <h3>Batches that changed it</h3>
    <p>
      Batches of these decisions and their reverts, and every batch the model held one after the other, also
      those without a decision (admission's bookkeeping, an undo of one model's change).
    </p>
    ${h.batches.length === 0 ? html`<p>None recorded.</p>` : batchesTable(h, key)}
  </section>`;
}

function decisionsTable(h: ModelHistory): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Decision</th>
        <th scope="col">Action</th>
        <th scope="col">Status</th>
        <th scope="col">Proposed by</th>
        <th scope="col">Created</th>
        <th scope="col">Batch</th>
      </tr>
    </thead>
    <tbody>
      ${h.decisions.map(
        (d) =>
          html`<tr>
            <td><a href="/console/decisions/${d._id}">${d._id}</a></td>
            <td>${d.action}</td>
            <td>
              ${d.status}${d.reverted ? html`, reverted by ${d.reverted.by} ${when(d.reverted.at)}` : ""}
            </td>
            <td>${d.proposed_by.kind} ${d.proposed_by.name}</td>
            <td>${when(d.created_at)}</td>
            <td>${d.batch_id ? html`<a href="/console/batches/${d.batch_id}">${d.batch_id}</a>` : "–"}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function batchesTable(h: ModelHistory, key: ModelKey): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Batch</th>
        <th scope="col">What it did to this model</th>
        <th scope="col">By</th>
        <th scope="col">When</th>
        <th scope="col">Now</th>
      </tr>
    </thead>
    <tbody>
      ${h.batches.map((b) => {
        return html`<tr>
          <td><a href="/console/batches/${b._id}">${b._id}</a></td>
          <td>${whatItDid(b, h, key)}</td>
          <td>${b.actor}</td>
          <td>${when(b.created_at)}</td>
          <td>${standing(b, h, key)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** A batch's change of this model in a few words; an undo of one model's change says whose. */
function whatItDid(b: MutationBatchDoc, h: ModelHistory, key: ModelKey): SafeHtml {
  const ch = historyChange(h, b, key);
  const of = html`<a href="/console/batches/${b.revert_of ?? ""}">${b.revert_of}</a>`;
  if (b.kind === "revert" && b.revert_only && ch)
    return html`undo of the ${changeAction({ ...ch, after: ch.before })} of ${of}, this model only
    (${ch.status})`;
  const what = ch ? `${changeAction(ch)} (${ch.status})` : "nothing";
  const many = b.changes.length > 1 ? `, one of ${b.changes.length} changes` : "";
  const as = ch && ch.rename_to === undefined && ch.model_id !== key.model_id ? ` as ${ch.model_id}` : "";
  return html`${b.kind === "revert" ? html`revert of ${of}: ` : ""}${what}${many}${as}`;
}

function standing(b: MutationBatchDoc, h: ModelHistory, key: ModelKey): SafeHtml | string {
  if (b.reverted_by)
    return html`reverted in <a href="/console/batches/${b.reverted_by}">${b.reverted_by}</a>`;
  const ch = historyChange(h, b, key);
  if (!ch) return "–";
  const later = laterChangeOf(b, ch, h.batches);
  if (b.revert_only && ch.status === "applied" && h.row && !later)
    return html`<strong>in force</strong>: its revert puts the change back`;
  if (b.kind === "revert") return "–";
  if (inForce(h, b, ch)) return html`<strong>in force</strong>`;
  if (!later) return "not in force";
  return html`${later.what === "undone alone" ? "undone alone" : `overruled by a later ${later.what}`} in
    <a href="/console/batches/${later.batchId}">${later.batchId}</a> by ${later.actor}`;
}

/**
 * What a person can undo here: a disable in force, for this model alone, by the direct enable; a
 * deprecate, a rename or a settings change in force, for this model alone, by the revert of that
 * one change; any other change in force through its batch's page (a revert undoes the whole
 * batch). A disabled model that no recorded batch disabled can be enabled the same way.
 */
export function undoSection(
  c: PageContext,
  h: ModelHistory,
  key: ModelKey,
  undos: readonly Undo[],
  killSwitch: boolean,
): SafeHtml {
  const enable = undos.find((u) => u.kind === "enable");
  const alone = undos.filter((u) => u.kind === "model");
  const others = undos.filter((u) => u.kind === "batch");
  const legacy = !enable && whyNotEnable(h.row) === null ? legacyDisable(h) : null;
  return html`<section aria-labelledby="undo">
    <h2 id="undo">Undo</h2>
    ${undos.length === 0 && !legacy ? html`<p>No change recorded in a batch is in force on this model.</p>` : ""}
    ${enable ? enableForm(c, key, enableText(enable, key), killSwitch) : ""}
    ${legacy ? enableForm(c, key, legacy, killSwitch) : ""}
    ${alone.map((u) => undoForm(c, key, u, killSwitch))}
    ${others.map(
      (u) =>
        html`<div class="action">
          <p>
            Batch <a href="/console/batches/${u.batch._id}">${u.batch._id}</a> (${u.batch.actor},
            ${when(u.batch.created_at)}) made the ${u.action} in force on this model.
            ${u.kind === "batch" ? u.why : ""}
          </p>
          ${movedFrom(u.change, key) ? "" : html`<p>${batchScope(u.batch)}</p>`}
        </div>`,
    )}
  </section>`;
}

function batchScope(b: MutationBatchDoc): string {
  const n = b.changes.length;
  return n === 1
    ? "It changed only this model: reverting it on its page undoes exactly this change."
    : `It changed ${n} models: reverting it on its page undoes every one of those changes, not just this one.`;
}

function enableText(u: Undo, key: ModelKey): SafeHtml {
  const b = u.batch;
  const rest = b.changes.length - 1;
  const old = movedFrom(u.change, key);
  return html`Batch <a href="/console/batches/${b._id}">${b._id}</a> (${b.actor}, ${when(b.created_at)})
    disabled this
    model${old ? ` (as ${key.provider}:${old}, before it was renamed)` : ""}${rest > 0 ? `, among ${rest} other change(s)` : ""}.
    Enabling it here undoes that for this model
    only${rest > 0 ? `; the rest of the batch stays as it is` : ""}.`;
}

function legacyDisable(h: ModelHistory): SafeHtml {
  const r = h.row!;
  return html`It was
  disabled${r.disabled_by ? ` by ${r.disabled_by}` : ""}${r.disabled_at ? `, ${when(r.disabled_at)}` : ""},
  before any batch recorded here, so there is no batch to revert; it can be enabled the same way.`;
}

function enableForm(c: PageContext, key: ModelKey, why: SafeHtml, killSwitch: boolean): SafeHtml {
  const blocked = changeBlocked(c, killSwitch, "enabling");
  if (blocked)
    return html`<p>${why}</p>
      ${blocked}`;
  return html`<form method="post" action="${modelHref(key.provider, key.model_id)}/enable" class="action">
    ${csrfField(c)}
    <p>${why}</p>
    <p>
      Enable as ${c.principal.name}: recorded as an enable decision proposed by you with your reason, the same
      as <code>bench-operator models enable</code>; the policy decides whether it runs at once, and its batch
      can itself be reverted. The operator takes it as your word: it does not propose disabling this model for
      7 days, and for 30 days such a proposal waits for a person.
    </p>
    <label for="enable-reason">Reason for enabling (required, stored with the decision and the batch)</label>
    <textarea id="enable-reason" name="reason" rows="3" required maxlength="500"></textarea>
    <p><button type="submit" class="primary">Enable this model</button></p>
  </form>`;
}

/** What undoing the change puts back, in the person's words. */
const PUTS_BACK: Record<UndoableAlone, string> = {
  deprecate:
    "The model goes back to the state it had before: measured or not as it was, and no longer deprecated unless its provider had flagged it so before.",
  rename:
    "The model moves back to its old id, with the fields the rename changed as they were and its link to the old id removed.",
  settings: "The model's request settings go back to exactly what the batch found (none, if it had none).",
};

/** The undo of one deprecate, rename or settings change, for this model alone. */
function undoForm(
  c: PageContext,
  key: ModelKey,
  u: Extract<Undo, { kind: "model" }>,
  killSwitch: boolean,
): SafeHtml {
  const b = u.batch;
  const rest = b.changes.length - 1;
  const what = html`Batch <a href="/console/batches/${b._id}">${b._id}</a> (${b.actor}, ${when(b.created_at)})
    made the ${u.action} in force on this model${rest > 0 ? `, among ${rest} other change(s)` : ""}.
    ${PUTS_BACK[u.action]} ${rest > 0 ? "The rest of the batch stays as it is." : ""}`;
  const blocked = changeBlocked(c, killSwitch, "undoing");
  if (blocked)
    return html`<div class="action">
      <p>${what}</p>
      ${blocked}
    </div>`;
  const id = `undo-${b._id}`;
  return html`<form method="post" action="${modelHref(key.provider, key.model_id)}/undo" class="action">
    ${csrfField(c)}
    <input type="hidden" name="batch" value="${b._id}" />
    <p>${what}</p>
    <p>
      Undo as ${c.principal.name}: recorded as a revert of this one change, with you as its actor and your
      reason, refused if the model changed since; the undo can itself be reverted on its batch's page. The
      operator takes it as your word: it does not propose the same ${u.action} of this model for 7 days, and
      for 30 days such a proposal waits for a person.
    </p>
    <label for="${id}">Reason for undoing the ${u.action} (required, stored with the undo's batch)</label>
    <textarea id="${id}" name="reason" rows="3" required maxlength="500"></textarea>
    <p><button type="submit" class="primary">Undo the ${u.action} for this model</button></p>
  </form>`;
}
