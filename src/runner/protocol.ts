import { z } from "zod";

/**
 * The ingest API between a remote runner and the server (DESIGN section 9), shared by both
 * sides so they cannot drift. Versioned in the path: a change that an older runner would
 * misread is a new version, served next to the old one until the runners are upgraded.
 */
export const INGEST_PREFIX = "/runner/v1";

export const INGEST_PATHS = {
  work: `${INGEST_PREFIX}/work`,
  results: `${INGEST_PREFIX}/results`,
  catalog: `${INGEST_PREFIX}/catalog`,
  release: `${INGEST_PREFIX}/release`,
} as const;

/** Body limits per route: a work request is tiny, a result a few KB, a catalog listing large. */
export const INGEST_BODY_LIMITS: Record<keyof typeof INGEST_PATHS, number> = {
  work: 16_384,
  results: 262_144,
  catalog: 4_000_000,
  release: 16_384,
};

const providerId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, { message: "must be a provider id" });
const isoDate = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });

export const workRequestSchema = z.strictObject({
  /** One of the token's providers; absent: all of them. */
  provider: providerId.optional(),
  model: z.string().min(1).max(300).optional(),
  limit: z.number().int().min(1).max(100),
});
export type WorkRequest = z.infer<typeof workRequestSchema>;

/** One claimed model as it travels: the claim plus what the runner needs to measure it. */
export const wireWorkItemSchema = z.object({
  claim_id: z.string().min(1).max(200),
  provider: providerId,
  model_id: z.string().min(1).max(300),
  role: z.enum(["published", "probe"]),
  attempt: z.number().int().min(1).max(1000),
  expires_at: isoDate,
  metadata: z.record(z.string(), z.unknown()).nullable(),
  profile_id: z.string().min(1).max(100),
});
export type WireWorkItem = z.infer<typeof wireWorkItemSchema>;

export interface WorkResponse {
  items: WireWorkItem[];
  /** The full profiles the items name, so a runner can tell it measures exactly what the server means. */
  profiles: Record<string, unknown>;
}

const finite = z.number().refine(Number.isFinite, { message: "must be a finite number" });
const nonNegative = finite.refine((n) => n >= 0, { message: "must not be negative" });

/**
 * The measured run. The fields the metric contract requires are checked; the rest (provenance,
 * diagnostics) pass through and are bounded by the body limit. Dates travel as ISO strings.
 */
const wireMetricSchema = z.looseObject({
  provider: providerId,
  model_name: z.string().min(1).max(300),
  run_ts: isoDate,
  gen_ts: isoDate,
  requested_tokens: z.number().int().min(1),
  output_tokens: nonNegative,
  generate_time: nonNegative,
  tokens_per_second: nonNegative,
  time_to_first_token: nonNegative.nullable(),
  times_between_tokens: z.array(nonNegative).max(100_000),
});

const wireErrorSchema = z.looseObject({
  provider: providerId,
  model_name: z.string().min(1).max(300),
  ts: isoDate,
  stage: z.string().min(1).max(40),
  message: z.string().max(20_000),
  error_kind: z.string().min(1).max(60),
  http_status: z.number().int().min(100).max(599).nullable().optional(),
});

export const resultRequestSchema = z.strictObject({
  item: wireWorkItemSchema,
  result: z.discriminatedUnion("ok", [
    z.strictObject({ ok: z.literal(true), metric: wireMetricSchema }),
    z.strictObject({ ok: z.literal(false), error: wireErrorSchema }),
  ]),
});
export type ResultRequest = z.infer<typeof resultRequestSchema>;

/**
 * What the server answers for a result; refusals are final (409), everything else 200.
 * `past_retention` (added in v1; an older runner counts it as any refusal): the claim expired
 * more than RUNNER_RECEIPT_RETENTION_DAYS ago, so the server can no longer tell whether it
 * stored this result already (src/runner/retention.ts); nothing is stored.
 */
export type ResultResponse =
  | { outcome: "stored"; stored: "metric" | "error" | "probe"; cost_usd: number | null; duplicate: boolean }
  | {
      outcome: "refused";
      reason: "model_disabled" | "claim_expired" | "unknown_claim" | "past_retention";
      message: string;
      duplicate: boolean;
    };

export const catalogRequestSchema = z.strictObject({
  provider: providerId,
  rows: z
    .array(
      z.strictObject({
        modelId: z.string().trim().min(1).max(300),
        name: z.string().max(500).nullable(),
        raw: z.record(z.string(), z.unknown()),
        kind: z.string().max(60).optional(),
      }),
    )
    .max(20_000),
  raw_count: z.number().int().min(0),
  pages: z.number().int().min(0),
  complete: z.boolean(),
  error: z.string().max(5_000).nullable(),
});
export type CatalogRequest = z.infer<typeof catalogRequestSchema>;

/**
 * Why a runner gives claims back unrun: stopping (SIGTERM), its spool cannot take results, it will
 * not run them, or (`interrupted`) a runner on the same spool was killed while it held them and
 * their runs are lost.
 */
export const RELEASE_REASONS = ["shutdown", "spool_full", "not_run", "interrupted"] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

export const releaseRequestSchema = z.strictObject({
  claim_ids: z.array(z.string().min(1).max(200)).min(1).max(100),
  reason: z.enum(RELEASE_REASONS),
});
export type ReleaseRequest = z.infer<typeof releaseRequestSchema>;

/**
 * Per claim: `released` (finished now, the model is due again), `already_finished` (a result or
 * an earlier release finished it: nothing changed), `result_posted` (a result for it reached the
 * server, which decides its fate: not released), `not_found` (no such claim, or pruned after a
 * takeover), `not_holder` (another runner's claim: refused). A claim of a provider outside the
 * token fails the whole request with 403, as on the other routes, and nothing is released.
 */
export type ReleaseOutcome = "released" | "already_finished" | "result_posted" | "not_found" | "not_holder";
export interface ReleaseResponse {
  results: { claim_id: string; outcome: ReleaseOutcome }[];
}

/** A 400 body names every problem with its path, so a runner author can fix the request. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues
    .slice(0, 20)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(body)"}: ${i.message}`);
}
