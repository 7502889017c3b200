import { FLEET_PROVIDERS, localProviderSetup } from "../../config/providers.js";
import { untrustedBlock, when, type PageContext } from "../context.js";
import { html, type SafeHtml } from "../escape.js";

/**
 * What the Jobs and Costs pages say when they have nothing to show: why, from this database and
 * this process's configuration, and what to do. An empty table alone reads as "all is well".
 */

/** The newest operator run, wherever it ran: `operator run` and run_operator are not job runs. */
export async function operatorRunsSection(c: PageContext): Promise<SafeHtml> {
  const run = await c.shared.deps.repos.operatorState.latestRun();
  const latest = run
    ? html`The newest is ${run._id}, started ${when(run.started_at)}: ${run.outcome}, decided by
      ${run.decided_by}.${
        run.outcome === "degraded" && run.fallback_reason
          ? html` The LLM gave no usable answer, so the classifier decided the rest:
            ${untrustedBlock(run.fallback_reason, 400)}`
          : ""
      }`
    : "None is recorded.";
  return html`<section aria-labelledby="operator-runs">
    <h2 id="operator-runs">Operator runs</h2>
    <p>
      <code>bench-operator operator run</code> from the CLI and the MCP tool <code>run_operator</code> record
      operator runs, not job runs, so the job runs here do not include them; the <code>operator-run</code> job
      records both. Dry runs record nothing. ${latest}
    </p>
  </section>`;
}

/** The Jobs page with no run: jobs run only under a scheduler, or one by one from the CLI. */
export async function noJobRuns(c: PageContext): Promise<SafeHtml> {
  const beats = (await c.shared.deps.repos.heartbeats.all())
    .filter((h) => h.stopped_at === null)
    .sort((a, b) => b.beat_at.getTime() - a.beat_at.getTime());
  const newest = beats[0];
  const scheduler = newest
    ? html`A scheduler on ${newest.host} (pid ${newest.pid}), started ${when(newest.started_at)}, last
      reported ${when(newest.beat_at)} with ${newest.jobs.length} job(s) scheduled: their runs appear here
      from their first scheduled time.`
    : "No scheduler is running against this database: none has registered, or each one that did has stopped.";
  return html`<p class="notice" role="status">
      No job has run: this database holds no job run. Jobs run on their schedules only under
      <code>bench-operator serve</code> (not under <code>serve --no-jobs</code> or
      <code>bench-operator console</code>, which schedule none), or one at a time with
      <code>bench-operator jobs run &lt;name&gt;</code>; <code>bench-operator jobs list</code> shows each
      job's schedule.
    </p>
    <p>${scheduler}</p>`;
}

/**
 * The Costs page with nothing spent in its days. Spend is written by our own paid calls only: each
 * operator LLM call (budgeted-call.ts) and each benchmark run's result (record-result.ts).
 */
export function noSpend(c: PageContext, days: number): SafeHtml {
  const { operator } = c.shared.deps.config;
  const chain = operator.llm.map((l) => `${l.backend}:${l.model}`).join(", ");
  const llm = chain
    ? html`This process's operator LLM is ${chain} (${operator.llmChosenBy}): its calls are recorded here when
      an operator run, fingerprint classification, catalog matching or the health email's assessment asks it.`
    : html`This process has no operator LLM (${operator.llmChosenBy}): the deterministic classifier decides,
        at no cost. LLM decisions need <code>OPERATOR_LLM</code>, or <code>OPENAI_API_KEY</code> or Bedrock
        credentials for the default decision model.`;
  const configured = FLEET_PROVIDERS.filter((p) => localProviderSetup(c.shared.deps.config, p).configured);
  const providers = configured.length
    ? `This process holds credentials for ${configured.join(", ")}.`
    : "This process holds credentials for no provider: a provider is measured once its API key (or Bedrock or Vertex credentials) is set.";
  return html`<p class="notice" role="status">
      No spend recorded in the last ${days} days: no paid call has been made. Spend is written by this
      system's own calls only; runs written by an earlier runner or by the demo's seed record none.
    </p>
    <ul>
      <li>${llm}</li>
      <li>
        Benchmark spend is recorded with each measured run: the <code>benchmark-sweep</code> and
        <code>recovery-probes</code> jobs under <code>bench-operator serve</code>,
        <code>bench-operator benchmark run</code> or <code>benchmark sweep</code>, and remote runners.
        ${providers}
      </li>
    </ul>`;
}
