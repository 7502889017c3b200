import type { HealthReportDoc } from "../../storage/health-reports-repository.js";
import { csrfField, mayAct, untrustedBlock, when, type PageContext } from "../context.js";
import { html, type SafeHtml } from "../escape.js";
import { page } from "../layout.js";
import { smtpMissing, type ReportView } from "../reports.js";

/** The daily health reports: every stored one, how its delivery went, and "Send now". */

const LISTED = 30;

export async function reportsPage(c: PageContext): Promise<SafeHtml> {
  const reports = await c.shared.deps.repos.healthReports.latest(LISTED);
  const body = reports.length
    ? html`<p>
          The newest ${LISTED} daily health reports (the health-email job's and <code>report health</code>'s),
          delivered or not. A report whose delivery failed is sent from its page.
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Report</th>
              <th scope="col">Generated</th>
              <th scope="col">Status</th>
              <th scope="col">Delivery</th>
              <th scope="col">Subject</th>
            </tr>
          </thead>
          <tbody>
            ${reports.map(
              (r) =>
                html`<tr>
                  <td><a href="/console/reports/${r._id}">${r._id}</a></td>
                  <td>${when(r.generated_at)}</td>
                  <td>${r.status}</td>
                  <td>${deliveryWords(r)}</td>
                  <td>${r.subject}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
    : html`<p>
        No health report is stored yet: the health-email job stores one a day (with SMTP_HOST set), and so
        does <code>bench-operator report health</code>.
      </p>`;
  return page("Reports", body, c.session, "/console/reports");
}

/** A report's delivery in a few words. */
export function deliveryWords(r: Pick<HealthReportDoc, "delivery">): string {
  const d = r.delivery;
  const tries = `${d.attempts.length} attempt(s)`;
  if (d.status === "sent") return `sent ${when(d.delivered_at)} (${tries})`;
  if (d.status === "failed") return `failed (${tries})`;
  if (d.status === "dry_run") return "not sent (no mailer)";
  return `pending (${tries})`;
}

export function reportPage(c: PageContext, v: ReportView, notice: string | null): SafeHtml {
  const r = v.report;
  const body = html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
    <dl>
      <dt>Subject</dt>
      <dd>${r.subject}</dd>
      <dt>Generated</dt>
      <dd>${when(r.generated_at)}, over ${r.days} days${r.run_id ? `, by job run ${r.run_id}` : ""}</dd>
      <dt>Status</dt>
      <dd>${r.status}${r.reasons.length ? `: ${r.reasons.join("; ")}` : ""}</dd>
      <dt>From, to</dt>
      <dd>${r.from} to ${r.to.join(", ") || "no recipient"}</dd>
      <dt>Delivery</dt>
      <dd>
        ${deliveryWords(r)}${r.delivery.message_id ? html`, message <code>${r.delivery.message_id}</code>` : ""}
      </dd>
    </dl>
    ${attemptsTable(r)} ${sendSection(c, v)}
    <details>
      <summary>The report's text part</summary>
      ${untrustedBlock(r.text, 20_000)}
    </details>`;
  return page(`Report ${r._id}`, body, c.session, "/console/reports");
}

function attemptsTable(r: HealthReportDoc): SafeHtml {
  if (r.delivery.attempts.length === 0) return html`<p>No delivery attempt yet.</p>`;
  return html`<h2>Delivery attempts</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        ${r.delivery.attempts.map(
          (a) =>
            html`<tr>
              <td>${when(a.at)}</td>
              <td>${a.ok ? "delivered" : html`failed: ${untrustedBlock(a.error, 500)}`}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** "Send now" for an operator or admin; otherwise why there is none. */
function sendSection(c: PageContext, v: ReportView): SafeHtml | string {
  const r = v.report;
  if (r.delivery.status === "sent" || r.delivery.status === "dry_run") return "";
  if (v.sending)
    return html`<p class="notice">
      Being sent by ${v.sending.by} since ${when(v.sending.since)}: reload this page to see how it went. If
      that sender stopped, it can be sent again from ${when(v.sending.until)}.
    </p>`;
  if (!mayAct(c))
    return html`<p class="notice">
      Your role (${c.principal.role}) can only read: sending a report needs an operator or admin.
    </p>`;
  const missing = smtpMissing(c);
  if (missing) return html`<p class="notice">${missing}.</p>`;
  return html`<form method="post" action="/console/reports/${r._id}/send" class="action">
    ${csrfField(c)}
    <p>
      Send it now to ${r.to.join(", ")}, as it was built, as ${c.principal.name}: one attempt, recorded on the
      report. It is sent once: a send already under way (another person, a shell's
      <code>report send</code>, the health-email job) is not repeated.
    </p>
    <button type="submit">Send now</button>
  </form>`;
}

/** What the "Send now" form did, as the report now stands (never text from the URL). */
export function sentNotice(r: HealthReportDoc): string {
  return r.delivery.status === "sent"
    ? `Sent ${when(r.delivery.delivered_at)} to ${r.to.join(", ")} (message ${r.delivery.message_id ?? "unknown"}); ${r.delivery.attempts.length} attempt(s) in all.`
    : `Not sent: its delivery is ${r.delivery.status}.`;
}
