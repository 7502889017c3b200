import { z } from "zod";
import { cursorField, decodeCursor, encodeCursor, limitField, pageFields } from "./pagination.js";
import { iso, isoDate, isoDateOrNull } from "./schemas.js";
import { defineTool } from "./tool.js";
import { untrustedOrNull, untrustedText } from "./untrusted.js";

const input = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.:-]+$/, "a job name such as benchmark-sweep")
    .optional()
    .describe("Only runs of this job (e.g. benchmark-sweep, decision-batch, discovery). Omit for every job."),
  limit: limitField(20, 100),
  cursor: cursorField,
});

const output = z.object({
  runs: z
    .array(
      z.object({
        run_id: z.string(),
        name: z.string(),
        tick: isoDate.describe("The scheduled time this run belongs to."),
        instance_id: z.string(),
        manual: z.boolean(),
        started_at: isoDate,
        finished_at: isoDateOrNull,
        duration_ms: z.number().nullable(),
        outcome: z.string().describe("running, ok, failed, skipped_lease or timed_out."),
        skip_reason: z.string().nullable(),
        skip_holder: z
          .string()
          .nullable()
          .describe("For skipped_lease: the instance running the job (busy) or that took the tick (taken)."),
        counts: z.record(z.string(), z.number()),
        cost_usd: z.number(),
        summary: z.string().nullable(),
        error: untrustedText.nullable().describe("The failure, redacted (may quote provider text)."),
      }),
    )
    .describe("Newest first."),
  ...pageFields,
});

function datePosition(p: unknown): Date | null {
  if (typeof p !== "string") return null;
  const d = new Date(p);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const listJobRuns = defineTool({
  name: "list_job_runs",
  title: "List job runs",
  description:
    "Lists scheduled and manual job runs newest first (benchmark sweeps, decision batches, discovery, invariants, the " +
    "daily report): when each ran, on which instance, its outcome, counts, cost and error. A quiet period with no runs " +
    "means nothing ran. Use it in a daily review or when get_fleet_health looks stale. Next: get_fleet_health, get_costs.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const filters = [args.name ?? null];
    const before = decodeCursor(args.cursor, filters, datePosition);
    const rows = await ctx.services.jobRuns.list({
      ...(args.name ? { name: args.name } : {}),
      ...(before ? { before } : {}),
      limit: args.limit + 1,
    });
    const page = rows.slice(0, args.limit);
    const more = rows.length > args.limit;
    const last = page.at(-1);
    return {
      runs: page.map((r) => ({
        run_id: r._id,
        name: r.name,
        tick: iso(r.tick) ?? "",
        instance_id: r.instance_id,
        manual: r.manual,
        started_at: iso(r.started_at) ?? "",
        finished_at: iso(r.finished_at),
        duration_ms: r.duration_ms,
        outcome: r.outcome,
        skip_reason: r.skip_reason ?? null,
        skip_holder: r.skip_holder ?? null,
        counts: r.counts,
        cost_usd: r.cost_usd,
        summary: r.summary ?? null,
        error: untrustedOrNull(r.error, 500),
      })),
      next_cursor: more && last ? encodeCursor(last.started_at.toISOString(), filters) : null,
      truncated: more,
    };
  },
});
