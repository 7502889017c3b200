import type { DiscoveryProgress } from "../catalog/discovery/run.js";
import type { BackfillProgress } from "../signals/backfill.js";
import type { OperatorPhase, OperatorProgress } from "../operator/run.js";
import type { SweepEvent } from "../benchmark/sweep.js";

/** Where progress goes: stderr, so stdout keeps only the command's output (pure JSON with --json). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressLine {
  update(text: string): void;
  /** Clears the live line; the command's result follows on stdout. */
  stop(): void;
}

/**
 * Progress as every long command shows it (sweep, backfill, operator run, discovery): on a terminal one live line rewritten in place, elsewhere
 * (cron, pipes, CI logs) one plain line per step that a log keeps and a person can grep. `plain`
 * writes those lines (a JSON log entry under LOG_FORMAT=json); nothing at all when `enabled` is
 * false (with --json, as the sweep does).
 */
export function progressLine(opts: {
  label: string;
  enabled: boolean;
  stream: ProgressStream;
  plain?: (line: string) => void;
  /**
   * For callers that report many small steps (the backfill, per batch): at most one plain line
   * this often; the live line on a terminal is still rewritten at every step.
   */
  plainEveryMs?: number;
}): ProgressLine {
  const { label, stream } = opts;
  if (!opts.enabled) return { update() {}, stop() {} };
  if (stream.isTTY !== true) {
    const plain = opts.plain ?? ((line: string) => stream.write(`${line}\n`));
    const every = opts.plainEveryMs ?? 0;
    let last = -Infinity;
    return {
      update(text) {
        const t = Date.now();
        if (t - last < every) return;
        last = t;
        plain(`${label}: ${text}`);
      },
      stop() {},
    };
  }
  let shown = false;
  return {
    update(text) {
      // Cut to the terminal's width: a wrapped line cannot be rewritten in place.
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\x1b[2K${`${label}: ${text}`.slice(0, width)}`);
      shown = true;
    },
    stop() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}

const OPERATOR_PHASES: Record<OperatorPhase, string> = {
  backfill: "folding signals other runners wrote",
  fleet: "reading the fleet (signals, provider health, situations)",
  decide: "deciding",
  record: "recording decisions",
  execute: "executing approved decisions",
  done: "done",
};

export function operatorProgressText(e: OperatorProgress): string {
  const c = e.counts;
  const parts: string[] = [];
  if (c["backfilled_docs"] !== undefined) parts.push(`${c["backfilled_docs"]} raw docs folded`);
  if (c["models"] !== undefined) parts.push(`${c["models"]} models`);
  if (c["situations"] !== undefined)
    parts.push(`${c["situations"]} situations (${c["situations_for_llm"] ?? 0} for the LLM)`);
  const recorded = Object.entries(c)
    .filter(([k]) => k.startsWith("decision_") || k.startsWith("fast_pass_deprecate_"))
    .reduce((n, [, v]) => n + v, 0);
  if (recorded > 0) parts.push(`${recorded} decisions recorded`);
  if (c["executed"] !== undefined) parts.push(`${c["executed"]} executed`);
  return `${OPERATOR_PHASES[e.phase]}${parts.length > 0 ? ` | ${parts.join(", ")}` : ""}`;
}

export function discoveryProgressText(e: DiscoveryProgress): string {
  const t = e.totals;
  const sofar = `${t.complete} complete, ${t.incomplete} incomplete, ${t.skipped} skipped; ${t.accepted} models, ${t.new} new`;
  if (e.phase === "reading") return `${e.done + 1}/${e.total} reading ${e.provider} | ${sofar}`;
  const o = e.outcome;
  const what =
    o === undefined
      ? "read"
      : "skipped" in o
        ? `skipped (${o.skipped})`
        : `${o.run.complete ? "complete" : "INCOMPLETE"}, ${o.run.accepted_count} models, ${o.run.new_count} new`;
  return `${e.done}/${e.total} ${e.provider} ${what} | ${sofar}`;
}

/** One backfill step as text; the total is the collections' statistics, an estimate. */
export function backfillProgressText(p: BackfillProgress): string {
  const what = p.phase === "read" ? `reading ${p.source}` : p.phase === "write" ? "writing signals" : "done";
  return `${what}, ${p.read}${p.total === null ? "" : ` of ~${p.total}`} documents read`;
}

/** One run (or a stopped lane) of `benchmark sweep`: "3/40 runs | groq:llama-3.1-8b ok 0.00012 USD". */
export function sweepProgressText(
  e: Exclude<SweepEvent, { type: "start" }>,
  done: number,
  total: number,
): string {
  const text =
    e.type === "run"
      ? `${e.provider}:${e.model_id} ${e.role === "probe" ? "probe " : ""}${e.outcome}${e.detail ? ` (${e.detail})` : ""}` +
        (e.cost_usd !== null ? ` ${e.cost_usd.toFixed(5)} USD` : "")
      : `lane ${e.provider} stopped: ${e.kind}${e.paused ? ", provider paused" : ""}`;
  return `${done}/${total} runs | ${text}`;
}
