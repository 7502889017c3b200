import {
  cachedPending,
  pendingOn,
  pendingWords,
  type PendingChange,
} from "../../storage/pending-on-models.js";
import { getModelSignals, type ModelSignals } from "../../signals/read.js";
import type { MetricDoc, ModelDoc } from "../../storage/documents.js";
import { untrustedBlock, when, type PageContext } from "../context.js";
import { html, type SafeHtml } from "../escape.js";
import { page } from "../layout.js";
import { enableOutcome, modelHistory, undoOptions, undoOutcome } from "../model-history.js";
import { historySection, undoSection } from "./model-history.js";
import { fleetPresence, renamedFromEntry, stateText } from "./model-list.js";
import { settingsText, situationFixNote } from "../../signals/settings.js";

/** Situations (samples as untrusted text) and a model's page (signals, recent runs as a chart). */

export async function situationsPage(c: PageContext): Promise<SafeHtml> {
  const [{ data: state, asOf }, byModel] = await Promise.all([
    c.shared.services.fleet.get(),
    cachedPending(c.shared.services.decisions, c.shared.deps.repos.decisions),
  ]);
  const body = state.situations.length
    ? html`<p>As of ${when(asOf)}. Sample messages are provider text: data, never instructions.</p>
        ${state.situations.map((s) => {
          // As situations, list_situations and the report say it: the errors below may predate it.
          const fix = situationFixNote(s, state);
          // What already waits for a person comes before the classifier's suggestion: a model with a
          // pending rename is not one the operator would disable, whatever the group's suggestion says.
          const pending = pendingOn(s, byModel);
          // Its id, as the CLI, the MCP tools and decisions' evidence cite it; /console/situations/<id> leads here.
          return html`<section id="${s.id}" aria-label="${s.provider} ${s.kind}">
            <h2>${s.provider}: ${s.kind} on ${s.modelCount} model(s) <small>${s.id}</small></h2>
            <p>
              Since ${when(s.startedAt)}, last seen ${when(s.lastSeenAt)}. Other models of the provider
              healthy: ${s.providerHasHealthyModels ? "yes" : "no"}.
            </p>
            ${fix ? html`<p class="notice">${fix[0]!.toUpperCase()}${fix.slice(1)}.</p>` : ""}
            ${pendingLine(pending)}
            <p>
              Classifier suggests
              <strong>${s.suggestion.action}</strong> (${Math.round(s.suggestion.confidence * 100)}%):
              ${s.suggestion.reasoning}
            </p>
            <p>
              Models:
              ${s.modelIds.slice(0, 20).map((m) => html`<a href="/console/models/${encodeURIComponent(s.provider)}/${encodeURIComponent(m)}">${m}</a> `)}
            </p>
            <h3>Sample messages</h3>
            ${s.sampleMessages.slice(0, 3).map((m) => untrustedBlock(m, 500))}
          </section>`;
        })}`
    : html`<p>No model is failing in a way the operator groups: nothing to look at.</p>`;
  return page("Situations", body, c.session, "/console/situations");
}

/** "Waiting for a person: m: <a>rename to n (dec_…)</a>; …", or nothing. */
function pendingLine(pending: readonly PendingChange[]): SafeHtml | "" {
  if (pending.length === 0) return "";
  const links = pending.slice(0, 10).map((p, i) => {
    const href = `/console/decisions/${encodeURIComponent(p.decisionId)}`;
    return html`${i > 0 ? "; " : ""}${p.modelId}: <a href="${href}">${pendingWords(p)} (${p.decisionId})</a>`;
  });
  const more = pending.length > 10 ? `; and ${pending.length - 10} more` : "";
  return html`<p>Waiting for a person: ${links}${more}.</p>`;
}

/**
 * A model's page: its signals, recent runs and messages, its history of decisions and batches, and
 * the undo of what is in force on it. `done` names the form that led here (`enabled`, `undone`):
 * the page then says what became of it, from the decision or batch as it now stands. `refusal` is
 * why a form sent from this page changed nothing, shown above the rest.
 */
export async function modelPage(
  c: PageContext,
  provider: string,
  modelId: string,
  done: string | null = null,
  refusal: string | null = null,
): Promise<SafeHtml | null> {
  const { repos } = c.shared.deps;
  const key = { provider, model_id: modelId };
  let row: ModelDoc | null = null;
  const [s, runs, { policy }] = await Promise.all([
    getModelSignals(repos, provider, modelId, c.now, {
      // The row as the signals read it, kept for the history and the undo: one read, not two.
      modelRow: async (k) => (row = await c.shared.services.modelRows.get(k)),
      days: c.shared.services.signalDays,
    }),
    repos.metrics.find({ provider, model_name: modelId }, { limit: 60 }),
    repos.policies.current(),
  ]);
  if (!s) return null;
  const history = await modelHistory(c, key, row);
  const notice =
    done === "enabled" ? await enableOutcome(c, history) : done === "undone" ? undoOutcome(c, history) : null;
  const body = html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
    ${refusal ? html`<p class="notice bad" role="alert">${refusal}</p>` : ""}
    <p><a href="/console/models?provider=${encodeURIComponent(provider)}">All models of ${provider}</a></p>
    <dl>
      <dt>In the fleet</dt>
      <dd>
        ${fleetPresence(s, stateText(s))}${s.catalog.recheck_after ? `, recheck after ${when(s.catalog.recheck_after)}` : ""}
      </dd>
      ${renamedFromEntry(s)}
      <dt>Request settings</dt>
      <dd>${requestSettings(s)}</dd>
      <dt>Last success</dt>
      <dd>${when(s.lastSuccessAt)}</dd>
      <dt>Failure streak</dt>
      <dd>
        ${s.failingForHours === null ? "not failing" : `${s.failingForHours} h, ${s.consecutiveFailures} in a row`}
      </dd>
      <dt>Last error</dt>
      <dd>
        ${s.lastError ? `${s.lastError.kind} (${s.lastError.class}) at ${when(s.lastError.at)}` : "none"}
      </dd>
      <dt>24 h / 7 / 30 UTC days</dt>
      <dd>
        ${s.windows.h24.successes}/${s.windows.h24.errors}, ${s.windows.d7.successes}/${s.windows.d7.errors},
        ${s.windows.d30.successes}/${s.windows.d30.errors} (successes/errors; the last 24 hours, then today
        and the 6 or 29 UTC days before it)
      </dd>
    </dl>
    ${
      s.catalog.disabled_reason
        ? html`<h2>Disabled reason</h2>
            ${untrustedBlock(s.catalog.disabled_reason, 300)}`
        : ""
    }
    <h2>Recent runs</h2>
    ${failuresSinceSuccess(s)} ${runsChart(runs)}
    <h2>Recent error messages (provider text)</h2>
    ${
      s.recentErrors.length
        ? html`<ul>
            ${s.recentErrors.map((e) => html`<li>${e.kind}, ${e.count}×, last ${when(e.last_ts)}${untrustedBlock(e.display_message, 500)}</li>`)}
          </ul>`
        : html`<p>None.</p>`
    }
    ${undoSection(c, history, key, undoOptions(history, key), policy.kill_switch)}
    ${historySection(history, key)}`;
  return page(`${provider}:${modelId}`, body, c.session, "/console/models");
}

/**
 * The chart holds successful runs only (a failure has no tokens per second): the failures since
 * the last success are said next to it, so that a chart of old successes does not look like a
 * healthy model.
 */
function failuresSinceSuccess(s: ModelSignals): SafeHtml | string {
  if (s.consecutiveFailures === 0 || !s.lastError) return "";
  const since = s.lastSuccessAt
    ? `since the last success (${when(s.lastSuccessAt)})`
    : "and no success recorded";
  return html`<p class="notice bad" role="note">
      Not in the chart: ${s.consecutiveFailures} failed run(s) in a row ${since}. The latest failed
      ${when(s.lastError.at)}: ${s.lastError.kind} (${s.lastError.class}).
    </p>
    ${untrustedBlock(s.lastError.displayMessage, 500)}`;
}

const W = 640;
const H = 200;

/** Tokens per second of the recent successful runs, oldest left; the same numbers follow as a table. */
function runsChart(runs: MetricDoc[]): SafeHtml {
  if (runs.length === 0) return html`<p>No successful run recorded.</p>`;
  const ordered = [...runs].reverse();
  const max = Math.max(1, ...ordered.map((r) => r.tokens_per_second || 0));
  const x = (i: number): number => Math.round(40 + (i * (W - 60)) / Math.max(1, ordered.length - 1));
  const y = (v: number): number => Math.round(H - 30 - ((v || 0) / max) * (H - 50));
  const points = ordered.map((r, i) => `${x(i)},${y(r.tokens_per_second)}`).join(" ");
  const label = `Tokens per second of the last ${ordered.length} successful runs, from ${when(ordered[0]!.gen_ts)} to ${when(ordered.at(-1)!.gen_ts)}; highest ${Math.round(max)}.`;
  return html`<figure>
      <svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${label}">
        <line x1="40" y1="${H - 30}" x2="${W - 20}" y2="${H - 30}" stroke="#111" />
        <line x1="40" y1="20" x2="40" y2="${H - 30}" stroke="#111" />
        <text x="4" y="24" font-size="12">${Math.round(max)}</text>
        <text x="4" y="${H - 30}" font-size="12">0</text>
        <polyline points="${points}" fill="none" stroke="#0b4f9c" stroke-width="2" />
        ${ordered.map((r, i) => html`<circle cx="${x(i)}" cy="${y(r.tokens_per_second)}" r="3" fill="#0b4f9c" />`)}
      </svg>
      <figcaption>${label}</figcaption>
    </figure>
    <details>
      <summary>The runs as a table</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Tokens/s</th>
            <th scope="col">Time to first token (s)</th>
          </tr>
        </thead>
        <tbody>
          ${ordered.map(
            (r) =>
              html`<tr>
                <td>${when(r.gen_ts)}</td>
                <td>${Math.round(r.tokens_per_second * 10) / 10}</td>
                <td>
                  ${r.time_to_first_token === null ? "–" : Math.round(r.time_to_first_token * 1000) / 1000}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
}

/** The settings the next run of the model uses, and the batch that set them (linked), as `signals show` says. */
function requestSettings(s: ModelSignals): SafeHtml | string {
  const settings = s.settings;
  if (!settings || Object.keys(settings.values).length === 0) return "none (the adapter's defaults)";
  const by = settings.batch
    ? html`set ${when(settings.batch.at)} by ${settings.batch.actor} in batch
        <a href="/console/batches/${settings.batch.id}">${settings.batch.id}</a>`
    : "set outside a batch (seeded or imported)";
  return html`${settingsText(settings.values)} (${by})`;
}
