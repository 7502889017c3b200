import { escapeControl } from "../../errors.js";
import { WorkFailedError, type WorkResult } from "../../scheduled-work.js";
import type { DiscoveryRunSummary } from "../../storage/discovery-runs-repository.js";
import type { DiscoveryOutcome } from "./run.js";

/**
 * A stored read error as a failed run quotes it: short enough that several providers fit in what
 * the console and list_job_runs show of a run's error (500 characters).
 */
const REASON_CHARS = 120;

type Ran = { provider: string; run: DiscoveryRunSummary };
type Skipped = { provider: string; skipped: string };

/**
 * What a scheduled discovery run reports: `ok` only when at least one catalog read completed,
 * since "discovery: ok" is read as "the catalog was refreshed". Reads that ran and none completed
 * fail the run, naming each provider and why (the ledger rows are written already). Nothing read
 * at all is a failure too, unless the skip was the deployment's own choice: OpenRouter needs no
 * key and is skipped only when REMOTE_ONLY_PROVIDERS names it, so there the runners post the
 * listings and this server has nothing to read (as a job with nothing configured reports `ok`
 * and why; a job failing every day in a deployment that is as meant would teach people to look
 * away, and discovery_completed_recently still says whether the catalogs are fresh).
 *
 * The summary is our words only (list_job_runs hands it out as trusted text): an incomplete
 * read's provider error goes into a failed run's error, which every surface treats as untrusted,
 * and stays in the ledger (`discovery report`) otherwise.
 */
export function discoveryWorkResult(
  outcomes: readonly DiscoveryOutcome[],
  remoteOnly: (provider: string) => boolean,
): WorkResult {
  const ran = outcomes.filter((o): o is Ran => "run" in o);
  const skipped = outcomes.filter((o): o is Skipped => "skipped" in o);
  const complete = ran.filter((o) => o.run.complete);
  const incomplete = ran.filter((o) => !o.run.complete);
  const counts = {
    providers_read: ran.length,
    complete: complete.length,
    incomplete: incomplete.length,
    skipped: skipped.length,
    rows: ran.reduce((n, o) => n + o.run.raw_count, 0),
  };
  const skips = skippedPart(skipped);
  if (complete.length > 0) {
    const reads = [`${complete.length} of ${ran.length} catalog reads complete`];
    const partial = incomplete.map((o) => `${o.provider}: incomplete (${readSoFar(o.run)})`);
    const where = partial.length > 0 ? ["their errors: `bench-operator discovery report`"] : [];
    return { counts, summary: [...reads, ...partial, ...where, ...skips].join("; ") };
  }
  const remote = skipped.filter((o) => remoteOnly(o.provider));
  if (ran.length === 0 && remote.length > 0) {
    const lead = `no catalog read here: runners post the listings of ${remote.map((o) => o.provider).join(", ")} (REMOTE_ONLY_PROVIDERS)`;
    const rest = skippedPart(skipped.filter((o) => !remoteOnly(o.provider)));
    return { counts, summary: [lead, ...rest].join("; ") };
  }
  const lead =
    ran.length > 0
      ? "no catalog read completed, so the catalog was not refreshed"
      : "no provider could be read, so the catalog was not refreshed";
  const reads = incomplete.map((o) => `${o.provider} incomplete (${reasonOf(o.run)})`);
  throw new WorkFailedError(`${lead}: ${[...reads, ...skips].join("; ")}`, { counts });
}

/**
 * "skipped: openai, groq (no API key); bedrock (no AWS credentials)": providers grouped by why, each
 * reason in its first words (up to its parenthesis or colon; `bench-operator discovery fetch` prints
 * each in full), so ten unconfigured providers take a line, not ten, in the Jobs page and the email.
 */
function skippedPart(skipped: readonly Skipped[]): string[] {
  if (skipped.length === 0) return [];
  const byReason = new Map<string, string[]>();
  for (const o of skipped) {
    const reason = o.skipped.split(/\s*[(:]/)[0]!.trim() || o.skipped;
    byReason.set(reason, [...(byReason.get(reason) ?? []), o.provider]);
  }
  return [
    `skipped: ${[...byReason].map(([reason, providers]) => `${providers.join(", ")} (${reason})`).join("; ")}`,
  ];
}

/** How far an incomplete read got, in our words. */
function readSoFar(run: DiscoveryRunSummary): string {
  if (run.pages === 0) return "no page read";
  return `${run.pages} page(s) read, ${run.accepted_count} model(s)`;
}

/** The ledger row's error (already redacted by safeErrorText), on one line and bounded. */
function reasonOf(run: DiscoveryRunSummary): string {
  const text = escapeControl(run.error ?? readSoFar(run)).replace(/\s+/g, " ");
  return text.length > REASON_CHARS ? `${text.slice(0, REASON_CHARS - 1)}…` : text;
}
