import { isSafe } from "../../decisions/execute.js";
import { ACTION_CLASS, evaluateApproval } from "../../policy/evaluate.js";
import { getModelSignals, type ModelSignals } from "../../signals/read.js";
import { batchFate, idNow, type BatchFate, type Undone } from "../../storage/decision-rows.js";
import { rejectedAt, type DecisionDoc } from "../../storage/decisions-repository.js";
import type { RevertMark } from "../../storage/mutation-batches-repository.js";
import { csrfField, untrustedBlock, when, type PageContext } from "../context.js";
import { html, type SafeHtml } from "../escape.js";
import { othersWords } from "../../tools/batch-fate.js";
import { page } from "../layout.js";
import { fleetPresence } from "./model-list.js";
import { evidenceText } from "../../decisions/evidence-text.js";

/**
 * One decision, with everything a person needs to judge it next to the buttons: the evidence it
 * rests on, each target's signals and failure streak, recent messages (as untrusted text), the
 * policy's verdict and why, who proposed it, what executing changes and how to undo it.
 */

const TARGETS_SHOWN = 5;

const EFFECT: Record<string, string> = {
  disable: "sets enabled to false on each model: it is no longer measured or published",
  deprecate: "sets enabled to false and deprecated to true on each model",
  enable:
    "sets enabled to true on each model and clears its disabled reason: it is measured again (costs money)",
  promote:
    "sets enabled to true and status to probation: the candidate is measured from now on (costs money)",
  revert: "undoes an earlier batch",
  rename:
    "moves the model to the new id (evidence rename_to): the new id is measured from the next run, the old one no longer; its history stays under the old id, linked by renamed_from",
  set_settings:
    "replaces each model's request settings (model_metadata) with the settings below: the next run requests it that way; the model stays measured",
};

export async function decisionPage(c: PageContext, d: DecisionDoc, notice: string | null): Promise<SafeHtml> {
  const { repos } = c.shared.deps;
  const shown = d.targets.slice(0, TARGETS_SHOWN);
  const [{ policy }, signals, fate, rows] = await Promise.all([
    repos.policies.current(),
    Promise.all(
      shown.map((t) =>
        getModelSignals(repos, t.provider, t.model_id, c.now, {
          modelRow: (key) => c.shared.services.modelRows.get(key),
          days: c.shared.services.signalDays,
        }),
      ),
    ),
    batchFate(repos, d),
    d.action === "set_settings" ? Promise.all(shown.map((t) => repos.models.get(t))) : Promise.resolve([]),
  ]);
  const you =
    d.status === "pending"
      ? evaluateApproval(policy, c.principal, d.action, d.proposed_by)
      : { outcome: "closed", reasons: [`the decision is ${d.status}`] };
  const body = html` ${notice ? html`<p class="notice" role="status">${notice}</p>` : ""} ${facts(d, fate)}
    <section aria-labelledby="why">
      <h2 id="why">Why it was proposed</h2>
      <p>Reasoning (written by the proposer; data, not instructions):</p>
      ${untrustedBlock(d.reasoning, 2_000)}
      <h3>Evidence it rests on</h3>
      ${evidenceTable(d.evidence)}
    </section>
    ${policySection(c, d, you)} ${d.action === "set_settings" ? settingsSection(d, shown, rows) : ""}
    <section aria-labelledby="models">
      <h2 id="models">The models and their signals</h2>
      ${signals.map((s, i) => targetSignals(shown[i]!, s))}
      ${d.targets.length > shown.length ? html`<p>and ${d.targets.length - shown.length} more model(s)</p>` : ""}
    </section>
    ${effectSection(d, fate)} ${d.status === "pending" ? actions(c, d, you.outcome === "allowed") : ""}`;
  return page(`Decision ${d._id}`, body, c.session, "/console/decisions");
}

/**
 * What executing does. Monitor and ignore only record the decision (executed on record, no batch:
 * src/decisions/execute.ts), so there is no batch to revert; every other action is one batch.
 */
function effectSection(d: DecisionDoc, fate: BatchFate | null): SafeHtml {
  if (isSafe(d.action))
    return html`<section aria-labelledby="effect">
      <h2 id="effect">What this decision changes</h2>
      <p>
        Nothing in the fleet: ${d.action} only records this decision; the models stay as they are. No mutation
        batch is written, so there is nothing to undo.
      </p>
    </section>`;
  return html`<section aria-labelledby="effect">
    <h2 id="effect">What executing changes, and how to undo it</h2>
    <p>
      Executing ${EFFECT[d.action] ?? d.action}. It is written as one mutation batch that records each field's
      value before the change.
    </p>
    ${fate ? undoParagraphs(fate) : howToUndo()}
  </section>`;
}

const batchLink = (id: string): SafeHtml => html`<a href="/console/batches/${id}">${id}</a>`;
const modelLink = (provider: string, model_id: string): SafeHtml =>
  html`<a href="/console/models/${encodeURIComponent(provider)}/${encodeURIComponent(model_id)}"
    >${provider}:${model_id}</a
  >`;

/** Who reverted, when, in which batch (linked). */
function revertWords(m: RevertMark): SafeHtml {
  return html`by ${m.by} ${when(m.at)} in batch ${batchLink(m.revert_batch_id)}`;
}

/** A revert, and the revert that put the change back when one did. */
function undoneWords(u: Undone): SafeHtml {
  return html`${revertWords(u)}${u.put_back ? html`, then put back (that revert reverted) ${revertWords(u.put_back)}` : ""}`;
}

function howToUndo(batchId?: string, others = ""): SafeHtml {
  return html`<p>
    To undo: open the batch${batchId ? ` ${batchId} (linked above)` : " on the Batches page"} and revert it
    (an operator or admin)${others}. Each field goes back to its earlier value unless someone changed it
    since; those are kept and listed.
  </p>`;
}

/**
 * What became of the batch since, and how to undo what is still in force: a reverted batch is not
 * offered again, a model undone alone is named, and when the batch holds other decisions' changes
 * (which its revert undoes too) each model's own page is offered for undoing it alone.
 */
function undoParagraphs(fate: BatchFate): SafeHtml {
  const b = fate.batch._id;
  const others = fate.others.count > 0 ? othersWords(fate.others) : "";
  const r = fate.reverted;
  if (r)
    return html`<p class="notice">
        Reverted: batch ${batchLink(b)} was reverted ${undoneWords(r)}.
        ${r.put_back ? "The change is in force again." : html`This decision's change is undone${others ? `, with the batch's ${others}` : ""}; there is nothing left to revert.`}
      </p>
      ${r.put_back ? howToUndo(r.put_back.revert_batch_id) : ""}`;
  const undos = fate.model_undos.map(
    (u) =>
      html`<p class="notice">
        Undone for ${modelLink(u.provider, u.model_id)} alone,
        ${undoneWords(u)}${u.put_back ? "" : html`: the rest of batch ${batchLink(b)} stays in force`}.
      </p>`,
  );
  const later = fate.overruled.map(
    (o) =>
      html`<p class="notice">
        No longer in force for ${modelLink(o.provider, o.model_id)}: a later ${o.by.what} by ${o.by.actor} at
        ${when(o.by.at)} in ${batchLink(o.by.batchId)}.
      </p>`,
  );
  // The batch's revert and each model's own undo find a model renamed since under its id now.
  const renamed = fate.renamed.map(
    (r) =>
      html`<p class="notice">
        ${r.provider}:${r.model_id} is now ${modelLink(r.provider, r.now)}: renamed by ${r.by.actor} at
        ${when(r.by.at)} in ${batchLink(r.by.batchId)}.
      </p>`,
  );
  if (fate.live.length === 0)
    return html`${undos}${later}${renamed}
      <p>Nothing of this decision is left in force to undo.</p>`;
  if (!others) return html`${undos}${later}${renamed}${howToUndo(b)}`;
  return html`${undos}${later}${renamed}${howToUndo(b, `: that also reverts its ${others}`)}
    <p>
      To undo one model alone, use its page, which offers its own undo:
      ${fate.live.slice(0, 5).map((c, i) => html`${i > 0 ? ", " : ""}${modelLink(c.provider, idNow(fate, c))}`)}.
    </p>`;
}

function facts(d: DecisionDoc, fate: BatchFate | null): SafeHtml {
  const batch = fate?.batch;
  return html`<dl>
    <dt>Action</dt>
    <dd>${d.action} of ${d.targets.length} model(s)</dd>
    <dt>Status</dt>
    <dd>
      ${d.status}${fate?.reverted ? html`, reverted ${undoneWords(fate.reverted)}` : ""}${fate?.model_undos.filter((u) => !u.put_back).length ? `, ${fate.model_undos.filter((u) => !u.put_back).length} of ${d.targets.length} model(s) undone alone` : ""}
    </dd>
    <dt>Proposed by</dt>
    <dd>
      ${d.proposed_by.kind} ${d.proposed_by.name}${d.proposed_by.model ? ` (${d.proposed_by.model})` : ""},
      ${when(d.created_at)}
    </dd>
    <dt>Expires</dt>
    <dd>${when(d.expires_at)}</dd>
    <dt>Confidence</dt>
    <dd>${Math.round(d.confidence * 100)}%</dd>
    ${
      d.situation_id
        ? html`<dt>Situation</dt>
            <dd><a href="/console/situations/${d.situation_id}">${d.situation_id}</a></dd>`
        : ""
    }
    ${
      d.approved_by
        ? html`<dt>Approved by</dt>
            <dd>${d.approved_by} via ${d.approval_channel ?? "?"}, ${when(d.approved_at)}</dd>`
        : ""
    }
    ${
      d.rejected_by
        ? html`<dt>Rejected by</dt>
            <dd>
              ${d.rejected_by}${d.reject_channel ? ` via ${d.reject_channel}` : ""}, ${when(rejectedAt(d))}
            </dd>
            <dt>Reason</dt>
            <dd>${untrustedBlock(d.reject_reason)}</dd>`
        : ""
    }
    ${
      batch
        ? html`<dt>Batch</dt>
            <dd>
              ${batchLink(batch._id)}
              (${batch.status}${fate?.reverted ? html`; reverted in ${batchLink(fate.reverted.revert_batch_id)}` : ""})
            </dd>`
        : ""
    }
  </dl>`;
}

function policySection(
  c: PageContext,
  d: DecisionDoc,
  you: { outcome: string; reasons: string[] },
): SafeHtml {
  return html`<section aria-labelledby="policy">
    <h2 id="policy">Policy</h2>
    <p>
      Action class: <strong>${(ACTION_CLASS as Record<string, string>)[d.action] ?? "none"}</strong>. Verdict
      when proposed (policy v${d.policy_version}):
      <strong>${d.policy_verdict.outcome}</strong
      >${d.policy_verdict.approver_roles?.length ? `; approvers: ${d.policy_verdict.approver_roles.join(" or ")}` : ""}
    </p>
    <ul>
      ${d.policy_verdict.reasons.map((r) => html`<li>${r}</li>`)}
    </ul>
    <p>
      For you (${c.principal.name}, ${c.principal.role}) now: <strong>${you.outcome}</strong>:
      ${you.reasons.join("; ")}
    </p>
  </section>`;
}

/** A settings change: each model's request settings as stored now, and what the decision sets. */
function settingsSection(
  d: DecisionDoc,
  shown: readonly { provider: string; model_id: string }[],
  rows: readonly ({ model_metadata?: Record<string, unknown> } | null)[],
): SafeHtml {
  const json = (v: unknown): string =>
    v === undefined || v === null ? "none (the defaults)" : JSON.stringify(v);
  return html`<section aria-labelledby="settings">
    <h2 id="settings">Request settings</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Now</th>
          <th scope="col">This decision sets</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (t, i) =>
            html`<tr>
              <th scope="row">${t.provider}:${t.model_id}</th>
              <td><code>${rows[i] ? json(rows[i].model_metadata) : "not in the fleet"}</code></td>
              <td><code>${json(d.evidence["settings"])}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function evidenceTable(evidence: Record<string, unknown>): SafeHtml {
  const rows = Object.entries(evidence ?? {});
  if (rows.length === 0) return html`<p>No evidence was recorded with this decision.</p>`;
  return html`<table>
    <caption>
      Recorded evidence
    </caption>
    <thead>
      <tr>
        <th scope="col">Field</th>
        <th scope="col">Value</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        ([k, v]) =>
          html`<tr>
            <th scope="row">${k}</th>
            <td>${untrustedBlock(evidenceText(v), 1_500)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function targetSignals(t: { provider: string; model_id: string }, s: ModelSignals | null): SafeHtml {
  const id = `${t.provider}:${t.model_id}`;
  const link = html`<a
    href="/console/models/${encodeURIComponent(t.provider)}/${encodeURIComponent(t.model_id)}"
    >${id}</a
  >`;
  if (!s)
    return html`<h3>${link}</h3>
      <p>No signals recorded for this model.</p>`;
  return html`<h3>${link}</h3>
    <dl>
      <dt>In the fleet</dt>
      <dd>
        ${fleetPresence(s, s.catalog.enabled ? "enabled" : `disabled (${s.catalog.disabled_class ?? "no class"})`)}
      </dd>
      <dt>Last success</dt>
      <dd>${when(s.lastSuccessAt)}</dd>
      <dt>Failure streak</dt>
      <dd>
        ${s.failingForHours === null ? "not failing" : html`<span class="bad">failing for ${s.failingForHours} h, ${s.consecutiveFailures} failure(s) in a row</span>`}
      </dd>
      <dt>Last error</dt>
      <dd>${s.lastError ? `${s.lastError.kind} (${s.lastError.class}), ${when(s.lastError.at)}` : "none"}</dd>
      <dt>Last 24 h</dt>
      <dd>${s.windows.h24.successes} success(es), ${s.windows.h24.errors} error(s)</dd>
      <dt>Last 7 UTC days (today and the 6 before)</dt>
      <dd>${s.windows.d7.successes} success(es), ${s.windows.d7.errors} error(s)</dd>
    </dl>
    <h4>Recent messages (provider text)</h4>
    ${
      s.recentErrors.length === 0
        ? html`<p>None.</p>`
        : html`<ul>
            ${s.recentErrors.slice(0, 5).map((e) => html`<li>${e.kind}, ${e.count}×, last ${when(e.last_ts)}${untrustedBlock(e.display_message, 500)}</li>`)}
          </ul>`
    }`;
}

function actions(c: PageContext, d: DecisionDoc, mayApprove: boolean): SafeHtml {
  if (c.principal.role === "viewer")
    return html`<p class="notice">
      Your role (viewer) can only read: approving and rejecting need an operator or admin.
    </p>`;
  return html`<section aria-labelledby="decide">
    <h2 id="decide">Decide</h2>
    ${
      mayApprove
        ? html`<form method="post" action="/console/decisions/${d._id}/approve" class="action">
            ${csrfField(c)}
            <p>
              Approve as ${c.principal.name}:
              ${isSafe(d.action) ? `this records the ${d.action}; nothing in the fleet changes` : `this executes the ${d.action} now`},
              recorded with the channel <code>console</code>.
            </p>
            <button type="submit" class="primary">
              ${isSafe(d.action) ? "Approve" : "Approve and execute"}
            </button>
          </form>`
        : html`<p class="notice">You may not approve this decision (see Policy above).</p>`
    }
    <form method="post" action="/console/decisions/${d._id}/reject" class="action">
      ${csrfField(c)}
      <label for="reason">Reason for rejecting (required, stored with the decision)</label>
      <textarea id="reason" name="reason" rows="3" required maxlength="500"></textarea>
      <p><button type="submit" class="danger">Reject</button></p>
    </form>
  </section>`;
}
