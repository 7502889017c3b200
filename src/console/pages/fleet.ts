import { getCosts } from "../../tools/get-costs.js";
import { getFleetHealth } from "../../tools/get-fleet-health.js";
import { listJobRuns } from "../../tools/list-job-runs.js";
import { csrfField, mayAct, readThroughTool, untrustedBlock, when, type PageContext } from "../context.js";
import { html, type SafeHtml } from "../escape.js";
import { page } from "../layout.js";
import type { ReportDelivery } from "../../storage/health-reports-repository.js";
import { outcomeText } from "../../storage/job-runs-repository.js";
import { withInFlight } from "../../report/how-to.js";
import { deliveryWords } from "./reports.js";
import { noJobRuns, noSpend, operatorRunsSection } from "./why-empty.js";

/** Fleet, costs, jobs and invariants: read pages over the read tools' own answers. */

type Row = Record<string, unknown>;
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const num = (v: unknown): string => (typeof v === "number" ? String(Math.round(v * 1000) / 1000) : "–");
const pct = (v: unknown): string => (typeof v === "number" ? `${Math.round(v * 100)}%` : "–");

export async function fleetPage(c: PageContext): Promise<SafeHtml> {
  const h = await readThroughTool(getFleetHealth, {}, c);
  const coverage = (h["coverage"] ?? {}) as Row;
  const body = html` ${typeof h["notice"] === "string" ? html`<p class="notice">${h["notice"]}</p>` : ""}
    <p>
      Kill switch:
      ${h["kill_switch"] ? html`<strong class="bad">ON: no mutation and no paid call runs</strong>` : html`<span class="ok">off</span>`}.
      Policy v${num(h["policy_version"])}. As of ${when(h["as_of"] as string)}.
    </p>
    <p>
      Coverage: ${num(coverage["measured_24h"])} of ${num(coverage["enabled_models"])} enabled models measured
      in the last 24 h (${pct(coverage["fraction"])}).
    </p>
    <h2>Providers</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">State</th>
          <th scope="col">Why</th>
          <th scope="col">Enabled</th>
          <th scope="col">Healthy</th>
          <th scope="col">Successes 24 h</th>
          <th scope="col">Errors 24 h</th>
        </tr>
      </thead>
      <tbody>
        ${rows(h["providers"]).map(
          (p) =>
            html`<tr>
              <td>${p["provider"]}</td>
              <td>${p["state"]}</td>
              <td>${p["state_reason"] || "–"}</td>
              <td>${num(p["enabled_models"])}</td>
              <td>${num(p["healthy_models"])}</td>
              <td>${num(p["successes_24h"])}</td>
              <td>${num(p["errors_24h"])}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>Spend today against budget</h2>
    ${spendTable(rows(h["spend_today"]))}`;
  return page("Fleet", body, c.session, "/console/fleet");
}

/**
 * Spent today as the budget check counts it. get_costs gives calls in flight (charged at their estimate
 * from their start) apart from spent_usd, get_fleet_health inside it: the cell shows the one sum either
 * way, and how much of it is in flight when get_costs says.
 */
function spentCell(s: Row): string {
  const spent = typeof s["spent_usd"] === "number" ? s["spent_usd"] : null;
  const open = typeof s["in_flight_usd"] === "number" ? s["in_flight_usd"] : 0;
  const calls = typeof s["in_flight_calls"] === "number" ? s["in_flight_calls"] : 0;
  if (spent === null) return "–";
  return withInFlight(num(spent + open), num(open), calls);
}

function spendTable(spend: Row[]): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Category</th>
        <th scope="col">Spent (USD)</th>
        <th scope="col">Budget (USD)</th>
        <th scope="col">Used</th>
      </tr>
    </thead>
    <tbody>
      ${spend.map(
        (s) =>
          html`<tr>
            <td>${s["category"]}</td>
            <td>${spentCell(s)}</td>
            <td>${num(s["budget_usd"])}</td>
            <td>
              ${s["alert"] ? html`<strong class="bad">${pct(s["fraction"])} (alert)</strong>` : pct(s["fraction"])}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const COST_DAYS = 7;

/** Nothing in the ledger for the page's days: no spend, no call in flight, no operator call, no benchmark run. */
function nothingSpent(k: Record<string, unknown>): boolean {
  const spent = rows(k["by_day"]).some((d) => d["operator_usd"] !== 0 || d["benchmark_usd"] !== 0);
  const inFlight = rows(k["today"]).some(
    (t) => typeof t["in_flight_calls"] === "number" && t["in_flight_calls"] > 0,
  );
  return (
    !spent &&
    !inFlight &&
    rows(k["recent_operator_calls"]).length === 0 &&
    rows(k["benchmark_by_provider"]).length === 0
  );
}

export async function costsPage(c: PageContext): Promise<SafeHtml> {
  const k = await readThroughTool(getCosts, { days: COST_DAYS }, c);
  const body = html`${nothingSpent(k) ? noSpend(c, COST_DAYS) : ""}
    <h2>Today</h2>
    ${spendTable(rows(k["today"]))}
    <p>Benchmark budget left today: $${num(k["benchmark_budget_left_today_usd"])}.</p>
    <h2>By day</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Operator (USD)</th>
          <th scope="col">Benchmark (USD)</th>
        </tr>
      </thead>
      <tbody>
        ${rows(k["by_day"]).map(
          (d) =>
            html`<tr>
              <td>${d["day"]}</td>
              <td>${num(d["operator_usd"])}</td>
              <td>${num(d["benchmark_usd"])}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>Benchmarks by provider (${COST_DAYS} days)</h2>
    ${
      rows(k["benchmark_by_provider"]).length === 0
        ? html`<p>No benchmark run was charged in these ${COST_DAYS} days.</p>`
        : providerCostTable(rows(k["benchmark_by_provider"]))
    }`;
  return page("Costs", body, c.session, "/console/costs");
}

/** Each provider's charged benchmark runs in the window. */
function providerCostTable(byProvider: Record<string, unknown>[]): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Provider</th>
        <th scope="col">Runs</th>
        <th scope="col">Successes</th>
        <th scope="col">Spent (USD)</th>
      </tr>
    </thead>
    <tbody>
      ${byProvider.map(
        (p) =>
          html`<tr>
            <td>${p["provider"]}</td>
            <td>${num(p["runs"])}</td>
            <td>${num(p["successes"])}</td>
            <td>${num(p["spent_usd"])}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export async function jobsPage(c: PageContext): Promise<SafeHtml> {
  const j = await readThroughTool(listJobRuns, { limit: 50 }, c);
  const runs = rows(j["runs"]);
  // The health-email job's runs link to the report each stored (sent again from its page).
  const reports = await c.shared.deps.repos.healthReports.byRunIds(
    runs.filter((r) => r["name"] === "health-email").map((r) => String(r["run_id"])),
  );
  const body = html`${runs.length === 0 ? await noJobRuns(c) : jobsTable(runs, reports)}
  ${await operatorRunsSection(c)}`;
  return page("Jobs", body, c.session, "/console/jobs");
}

function reportLink(report: ReportDelivery | undefined): SafeHtml | string {
  if (!report) return "";
  return html`<p>
    Report <a href="/console/reports/${report._id}">${report._id}</a>:
    ${deliveryWords(report)}${report.delivery.status === "sent" || report.delivery.status === "dry_run" ? "" : "; send it from its page"}.
  </p>`;
}

function jobsTable(runs: Row[], reports: ReadonlyMap<string, ReportDelivery>): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Job</th>
        <th scope="col">Started</th>
        <th scope="col">Outcome</th>
        <th scope="col">Duration</th>
        <th scope="col">Summary or error</th>
      </tr>
    </thead>
    <tbody>
      ${runs.map((r) => {
        const error = r["error"] as { untrusted_provider_text?: string } | null;
        return html`<tr>
          <td>${r["name"]}</td>
          <td>${when(r["started_at"] as string)}</td>
          <td>
            ${outcomeText({
              outcome: String(r["outcome"]),
              skip_reason: typeof r["skip_reason"] === "string" ? r["skip_reason"] : null,
              skip_holder: typeof r["skip_holder"] === "string" ? r["skip_holder"] : null,
            })}
          </td>
          <td>${typeof r["duration_ms"] === "number" ? `${Math.round(r["duration_ms"])} ms` : "–"}</td>
          <td>
            ${r["summary"] ?? ""}${error ? untrustedBlock(error.untrusted_provider_text, 500) : ""}${reportLink(reports.get(String(r["run_id"])))}
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** Where the Invariants page's "Evaluate now" form posts. */
export const EVALUATE_INVARIANTS = "/console/invariants/evaluate";

/**
 * The newest evaluation's findings, and how far they still hold: an evaluation is a snapshot, and
 * an operator run after it (new pending decisions, executed changes) is not in it. A person who may
 * change things can evaluate again here, as `bench-operator invariants check` does.
 */
export async function invariantsPage(c: PageContext, done: string | null = null): Promise<SafeHtml> {
  const { repos, clock } = c.shared.deps;
  const [checks, run] = await Promise.all([
    repos.checkRuns.latestEvaluation(),
    repos.operatorState.latestRun(),
  ]);
  const at = checks[0]?.at ?? null;
  const after = at && run && run.started_at > at ? run : null;
  const body = html`${done === "evaluated" ? html`<p class="notice" role="status">Evaluated now.</p>` : ""}
  ${
    checks.length
      ? html`<p>Latest evaluation, ${when(at)} (${ago(at!, clock())}).</p>
          ${
            after
              ? html`<p class="notice">
                  The operator run ${after._id} started ${when(after.started_at)}, after this evaluation: the
                  pending decisions and changes it made are not in these findings. Evaluate again to see them.
                </p>`
              : ""
          }
          <table>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Status</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              ${checks.map(
                (k) =>
                  html`<tr>
                    <td>${k.check}</td>
                    <td>
                      ${k.status === "pass" ? html`<span class="ok">${k.status}</span>` : html`<span class="bad">${k.status}</span>`}
                    </td>
                    <td>${k.summary}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
      : html`<p>No invariant check has run yet (<code>bench-operator invariants check</code>).</p>`
  }
  ${
    mayAct(c)
      ? html`<form method="post" action="${EVALUATE_INVARIANTS}" class="action">
          ${csrfField(c)}
          <p>
            Evaluate every invariant now against this database and record the results, as
            <code>bench-operator invariants check</code> does. It changes nothing in the fleet.
          </p>
          <button type="submit">Evaluate now</button>
        </form>`
      : ""
  }`;
  return page("Invariants", body, c.session, "/console/invariants");
}

/** How long ago, in the largest whole unit: "just now", "12 minutes ago", "3 hours ago", "2 days ago". */
function ago(then: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hours ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
