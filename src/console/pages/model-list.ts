import type { ModelSignals } from "../../signals/read.js";
import { when, type PageContext } from "../context.js";
import { html, type SafeHtml } from "../escape.js";
import { page } from "../layout.js";
import {
  listFleetModels,
  MODEL_STATES,
  PAGE_SIZE,
  parseListQuery,
  type LastChange,
  type ModelList,
  type ModelListQuery,
} from "../model-list.js";

/** The fleet's models: a filter form (GET, so a filtered page is a link), one page of rows, pages. */

export function modelHref(provider: string, modelId: string): string {
  return `/console/models/${encodeURIComponent(provider)}/${encodeURIComponent(modelId)}`;
}

/**
 * What "In the fleet" says of a model a page shows: `present` when its row exists; else where a
 * rename moved it (linked), since "not in the fleet" alone read as a model dropped, not moved.
 */
export function fleetPresence(s: ModelSignals, present: string): SafeHtml | string {
  if (s.catalog.inCatalog) return present;
  if (s.renamedTo)
    return html`renamed to
      <a href="${modelHref(s.provider, s.renamedTo.model_id)}">${s.renamedTo.model_id}</a>
      ${s.renamedTo.renamed_at ? when(s.renamedTo.renamed_at) : ""}, where it is measured now (its history
      before that stays here)`;
  return "not in the fleet";
}

/** The id a rename moved the model from, linked, with the totals its history there holds; "" if none. */
export function renamedFromEntry(s: ModelSignals): SafeHtml | string {
  const from = s.renamedFrom;
  if (!from) return "";
  return html`<dt>Renamed from</dt>
    <dd>
      <a href="${modelHref(s.provider, from.model_id)}">${from.model_id}</a>
      ${from.renamed_at ? when(from.renamed_at) : ""} (${from.successes_total} successes, ${from.errors_total}
      errors there)
    </dd>`;
}

/**
 * What each state holds, said in the filter: `models list --disabled` counts deprecated models too,
 * and a model the provider flags deprecated while it is still measured is listed under both.
 */
const STATE_LABELS: Record<(typeof MODEL_STATES)[number], string> = {
  enabled: "enabled (measured, deprecated ones included)",
  disabled: "disabled, not deprecated",
  deprecated: "deprecated (measured or not)",
};

export async function modelsPage(c: PageContext, query: URLSearchParams): Promise<SafeHtml> {
  const q = parseListQuery(query);
  const list = await listFleetModels(c, q);
  const first = (list.page - 1) * PAGE_SIZE + 1;
  const last = first + list.rows.length - 1;
  const count =
    list.rows.length > 0
      ? `Showing ${first} to ${last} of ${list.matching}, page ${list.page} of ${list.pages}.`
      : list.matching > 0
        ? `Page ${list.page} is past the last page (${list.pages}).`
        : "";
  const body = html`${filterForm(q, list)}
    <p role="status">
      ${list.matching} of ${list.fleetSize} models match. ${count} Fleet picture as of ${when(list.asOf)}.
    </p>
    ${list.rows.length > 0 ? table(list) : list.matching === 0 ? emptyText(list) : ""} ${pager(q, list)}`;
  return page("Models", body, c.session, "/console/models");
}

function filterForm(q: ModelListQuery, list: ModelList): SafeHtml {
  const selected = (on: boolean): SafeHtml | string => (on ? html`selected` : "");
  return html`<form
    method="get"
    action="/console/models"
    class="filters"
    role="search"
    aria-label="Filter models"
  >
    <div>
      <label for="q">Model id contains</label>
      <input type="search" id="q" name="q" value="${q.q ?? ""}" maxlength="100" />
    </div>
    <div>
      <label for="provider">Provider</label>
      <select id="provider" name="provider">
        <option value="">All providers</option>
        ${list.providers.map((p) => html`<option value="${p}" ${selected(p === list.provider)}>${p}</option>`)}
      </select>
    </div>
    <div>
      <label for="state">State</label>
      <select id="state" name="state">
        <option value="">Any state</option>
        ${MODEL_STATES.map((s) => html`<option value="${s}" ${selected(s === q.state)}>${STATE_LABELS[s]}</option>`)}
      </select>
    </div>
    <div><button type="submit">Filter</button></div>
  </form>`;
}

function emptyText(list: ModelList): SafeHtml {
  if (list.fleetSize === 0)
    return html`<p>
      The fleet has no models yet: <code>bench-operator models add</code> adds one, and admission adds the
      candidates a catalog read finds.
    </p>`;
  return html`<p>No model matches these filters. <a href="/console/models">Show every model</a>.</p>`;
}

function table(list: ModelList): SafeHtml {
  return html`<table>
    <caption>
      Models sorted by provider and id
    </caption>
    <thead>
      <tr>
        <th scope="col">Provider</th>
        <th scope="col">Model</th>
        <th scope="col">State</th>
        <th scope="col">Last result</th>
        <th scope="col">Failing for</th>
        <th scope="col">Last change</th>
      </tr>
    </thead>
    <tbody>
      ${list.rows.map(
        ({ signals: s, lastChange }) =>
          html`<tr>
            <td>${s.provider}</td>
            <th scope="row"><a href="${modelHref(s.provider, s.model_id)}">${s.model_id}</a></th>
            <td>${stateText(s)}</td>
            <td>${lastResult(s)}</td>
            <td>
              ${s.failingForHours === null ? "–" : html`<span class="bad">${s.failingForHours} h</span> (${s.consecutiveFailures} in a row)`}
            </td>
            <td>${changeCell(lastChange)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Enabled, disabled (with its class or admission status) or deprecated, as the row says. */
export function stateText(s: ModelSignals): string {
  const { enabled, deprecated, disabled_class, status } = s.catalog;
  if (enabled) return deprecated ? "enabled (the provider flags it deprecated)" : "enabled";
  if (deprecated) return "deprecated";
  const why = status === "probing" || status === "rejected" ? `candidate, ${status}` : disabled_class;
  return why ? `disabled (${why})` : "disabled";
}

function lastResult(s: ModelSignals): SafeHtml | string {
  if (s.streakStartedAt && s.lastError)
    return html`<span class="bad">error</span>: ${s.lastError.kind}, ${when(s.lastError.at)}`;
  if (s.lastSuccessAt) return html`<span class="ok">success</span>, ${when(s.lastSuccessAt)}`;
  return "no run recorded";
}

function changeCell(ch: LastChange | null): SafeHtml | string {
  if (!ch) return "none recorded";
  const decision = ch.decisionId
    ? html` (decision <a href="/console/decisions/${ch.decisionId}">${ch.decisionId}</a>)`
    : "";
  if (ch.kind === "revert")
    return html`${ch.action} undone: <a href="/console/batches/${ch.revertBatchId}">${ch.revertBatchId}</a> by
      ${ch.by}, ${when(ch.at)}${decision}`;
  return html`${ch.action}: <a href="/console/batches/${ch.batch._id}">${ch.batch._id}</a> by
    ${ch.batch.actor}, ${when(ch.batch.created_at)}${decision}`;
}

function pager(q: ModelListQuery, list: ModelList): SafeHtml | string {
  if (list.pages <= 1 && list.page === 1) return "";
  const href = (n: number): string => {
    const p = new URLSearchParams();
    if (q.q) p.set("q", q.q);
    if (list.provider) p.set("provider", list.provider);
    if (q.state) p.set("state", q.state);
    if (n > 1) p.set("page", String(n));
    const text = p.toString();
    return text ? `/console/models?${text}` : "/console/models";
  };
  const prev =
    list.page > 1
      ? html`<li><a href="${href(Math.min(list.page - 1, list.pages))}" rel="prev">Previous page</a></li>`
      : "";
  const next =
    list.page < list.pages ? html`<li><a href="${href(list.page + 1)}" rel="next">Next page</a></li>` : "";
  return html`<nav aria-label="Pages of models">
    <ul class="pager">
      ${prev}${next}
    </ul>
  </nav>`;
}
