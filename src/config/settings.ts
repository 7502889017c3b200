import { z } from "zod";
import { MONGODB_URI_SHAPES, mongoUriProblem } from "./mongo-uri.js";

/**
 * Every setting the product reads, in one table. `loadConfig` parses the environment against
 * it once at start-up, the README's configuration table is generated from it
 * (`bench-operator config docs`), and a test keeps the two in step. Secrets are flagged so that
 * nothing that prints a setting can print its value.
 */
export interface Setting {
  env: string;
  description: string;
  schema: z.ZodType;
  default?: string;
  secret?: boolean;
  group: "database" | "collections" | "providers" | "operator" | "server" | "jobs" | "email" | "runner";
}

const url = z.url({ message: "must be a URL such as http://127.0.0.1:8080/v1" });
const nonEmpty = z.string().min(1, { message: "must not be empty" });
const positiveInt = z.coerce.number().int().positive();
/** An enum read in any case (`INFO`, `Debug`): people write log levels both ways. */
const anyCase = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.enum(values, { message: `must be one of ${values.join(", ")}` }));
// A custom issue: loadConfig shows its message even though the setting is a secret, because
// mongoUriProblem never quotes the value.
const mongoUri = z.string().superRefine((uri, ctx) => {
  const problem = mongoUriProblem(uri);
  if (problem) ctx.addIssue({ code: "custom", message: `${problem}; expected ${MONGODB_URI_SHAPES}` });
});
const priceTable = z.record(
  z.string(),
  z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }),
);

/**
 * The operator's decision model when `OPERATOR_LLM` is empty, by the first backend configured
 * here (in this order); each has a built-in price (src/operator/llm-prices.ts).
 */
export const DEFAULT_OPERATOR_LLM = [
  { backend: "openai", model: "gpt-5-mini" },
  { backend: "bedrock", model: "us.anthropic.claude-haiku-4-5-20251001-v1:0" },
] as const;

/** The providers the fleet knows, with the environment names their adapters read. */
export const PROVIDERS = [
  { id: "openai", label: "OpenAI", prefix: "OPENAI" },
  { id: "anthropic", label: "Anthropic", prefix: "ANTHROPIC" },
  { id: "groq", label: "Groq", prefix: "GROQ" },
  { id: "together", label: "Together", prefix: "TOGETHER" },
  { id: "fireworks", label: "Fireworks", prefix: "FIREWORKS" },
  { id: "deepinfra", label: "DeepInfra", prefix: "DEEPINFRA" },
  { id: "cerebras", label: "Cerebras", prefix: "CEREBRAS" },
  { id: "mistral", label: "Mistral", prefix: "MISTRAL" },
  { id: "openrouter", label: "OpenRouter", prefix: "OPENROUTER" },
] as const;

export type KeyedProviderId = (typeof PROVIDERS)[number]["id"];

/** Collection names, overridable as the earlier runner's MONGODB_COLLECTION_* settings were. */
export const COLLECTIONS = {
  models: { env: "MONGODB_COLLECTION_MODELS", default: "models" },
  metrics: { env: "MONGODB_COLLECTION_CLOUD", default: "metrics_cloud_v2" },
  errors: { env: "MONGODB_COLLECTION_ERRORS", default: "errors_cloud" },
  modelStatus: { env: "MONGODB_COLLECTION_MODEL_STATUS", default: "model_status" },
  providerCatalog: { env: "MONGODB_COLLECTION_PROVIDER_CATALOG", default: "provider_catalog" },
  openrouterCatalog: { env: "MONGODB_COLLECTION_OPENROUTER_CATALOG", default: "openrouter_catalog" },
} as const;

export type CollectionKey = keyof typeof COLLECTIONS;

const providerSettings: Setting[] = PROVIDERS.flatMap((p) => [
  {
    env: `${p.prefix}_API_KEY`,
    description: `${p.label} API key.`,
    schema: nonEmpty.optional(),
    secret: true,
    group: "providers" as const,
  },
  {
    env: `${p.prefix}_BASE_URL`,
    description: `${p.label} API base URL; point it at a local server in tests.`,
    schema: url.optional(),
    group: "providers" as const,
  },
]);

/**
 * One cron expression per scheduled job (node-cron syntax: 5 fields, or 6 with seconds first),
 * read in JOB_TIMEZONE. The keys are the job names of src/jobs.
 */
export const JOB_SCHEDULES = {
  "benchmark-sweep": {
    env: "JOB_SCHEDULE_BENCHMARK_SWEEP",
    default: "*/15 * * * *",
    what: "the benchmark sweep",
  },
  "operator-run": {
    env: "JOB_SCHEDULE_OPERATOR",
    default: "0 */2 * * *",
    what: "the decision batch (operator run)",
  },
  "fingerprint-classification": {
    env: "JOB_SCHEDULE_FINGERPRINTS",
    default: "30 */6 * * *",
    what: "the classification of `unknown` error fingerprints",
  },
  discovery: { env: "JOB_SCHEDULE_DISCOVERY", default: "0 5 * * *", what: "provider catalog discovery" },
  "admission-retirement": {
    env: "JOB_SCHEDULE_ADMISSION",
    default: "20 */2 * * *",
    what: "admission and retirement",
  },
  "recovery-probes": {
    env: "JOB_SCHEDULE_RECOVERY_PROBES",
    default: "40 * * * *",
    what: "recovery probes (paused providers, due `recheck_after` dates)",
  },
  invariants: { env: "JOB_SCHEDULE_INVARIANTS", default: "10 * * * *", what: "the invariant checks" },
  "health-email": { env: "JOB_SCHEDULE_HEALTH_EMAIL", default: "0 7 * * *", what: "the daily health email" },
} as const;

export type JobName = keyof typeof JOB_SCHEDULES;

// A loose shape check; the scheduler validates every expression with node-cron at start-up.
const cronExpression = z
  .string()
  .regex(/^\s*\S+(\s+\S+){4,5}\s*$/, { message: "must be a cron expression of 5 or 6 fields" });
// UTC, the default, is taken as is: the first Intl.DateTimeFormat of a process loads ICU's zone
// data, 40-90 ms that every command (and the MCP server before its first tools/list) paid.
const timeZone = z.string().refine(
  (tz) => {
    if (tz === "UTC") return true;
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "must be an IANA time zone such as UTC or Europe/Berlin" },
);
const positiveNumber = z.coerce.number().positive();
const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const jobSettings: Setting[] = [
  {
    env: "JOB_TIMEZONE",
    description: "Time zone in which every JOB_SCHEDULE_* expression is read.",
    schema: timeZone,
    default: "UTC",
    group: "jobs",
  },
  ...Object.values(JOB_SCHEDULES).map((j) => ({
    env: j.env,
    description: `When ${j.what} runs (cron expression).`,
    schema: cronExpression,
    default: j.default,
    group: "jobs" as const,
  })),
  {
    env: "BENCH_CADENCE_HOURS",
    description:
      "How often every desired model should be measured; the invariants judge coverage against it.",
    schema: positiveNumber,
    default: "3",
    group: "jobs",
  },
  {
    env: "BENCH_CADENCE_GRACE_HOURS",
    description: "Slack on top of BENCH_CADENCE_HOURS before a model counts as not measured.",
    schema: z.coerce.number().nonnegative(),
    default: "1",
    group: "jobs",
  },
  {
    env: "INVARIANT_PENDING_STALE_HOURS",
    description: "A pending decision older than this is stale: nobody is deciding.",
    schema: positiveNumber,
    default: "72",
    group: "jobs",
  },
  {
    env: "INVARIANT_SHRINK_PERCENT",
    description:
      "Most of the desired set (percent) that may leave it between snapshots without mutation batches that explain it.",
    schema: z.coerce.number().min(0).max(100),
    default: "10",
    group: "jobs",
  },
  {
    env: "INVARIANT_DISCOVERY_MAX_AGE_HOURS",
    description: "Every provider with a catalog needs a complete discovery read at most this old.",
    schema: positiveNumber,
    default: "48",
    group: "jobs",
  },
  {
    env: "ADMISSION_DEADLINE_HOURS",
    description: "A candidate not promoted this long after its admission started is rejected.",
    schema: positiveNumber,
    default: "72",
    group: "jobs",
  },
  {
    env: "ADMISSION_RECHECK_DAYS",
    description: "A rejected candidate goes back to probing after this many days.",
    schema: positiveNumber,
    default: "30",
    group: "jobs",
  },
  {
    env: "ADMISSION_MAX_PER_PASS",
    description:
      "Most new candidates, and separately most rejections and rechecks, that one admission pass applies; the rest wait for the next pass.",
    schema: positiveInt,
    default: "25",
    group: "jobs",
  },
  {
    env: "RETIREMENT_MAX_PER_PROVIDER",
    description:
      "Most deprecate decisions one pass proposes per provider; more missing models than this (or than RETIREMENT_MAX_FRACTION of its fleet) is a mass disappearance, bounded and reported.",
    schema: positiveInt,
    default: "5",
    group: "jobs",
  },
  {
    env: "RETIREMENT_MAX_FRACTION",
    description:
      "Most of a provider's enabled fleet (0-1) that one pass proposes to deprecate; at least one model is always allowed.",
    schema: z.coerce.number().min(0).max(1),
    default: "0.25",
    group: "jobs",
  },
  {
    env: "MATCH_MIN_CONFIDENCE",
    description:
      "An LLM-guessed direct-provider id for an OpenRouter entry becomes a probing candidate only at this confidence or more (0-1).",
    schema: z.coerce.number().min(0).max(1),
    default: "0.7",
    group: "jobs",
  },
  {
    env: "MATCH_MAX_GUESSES",
    description:
      "Most LLM guesses of a direct-provider id for one OpenRouter entry: a guess whose probe fails goes back to the matcher with the provider's error and catalog listing until this many were tried.",
    schema: positiveInt,
    default: "3",
    group: "jobs",
  },
  {
    env: "MATCH_MAX_GUESS_USD",
    description:
      "Most the matcher may spend on one OpenRouter entry's guesses (its share of each matching call), in USD; over it, no more guesses.",
    schema: z.coerce.number().nonnegative(),
    default: "0.05",
    group: "jobs",
  },
];

/** The benchmark scheduler and sweep (src/benchmark/schedule, src/benchmark/sweep.ts). */
const benchmarkSettings: Setting[] = [
  {
    env: "BENCH_PROFILE",
    description:
      "The benchmark profile published runs use (cloud-v1, reasoning-v1 or story-64-v1). A change ends the wait after failures a profile makes (output_invalid, bad_request, context_length, content_filter under the old one): those models are due again at once.",
    schema: z.enum(["cloud-v1", "reasoning-v1", "story-64-v1"]),
    default: "cloud-v1",
    group: "jobs",
  },
  {
    env: "BENCH_REASONING_PROFILE",
    description: "The profile for models whose `model_metadata.reasoning` is true.",
    schema: z.enum(["cloud-v1", "reasoning-v1", "story-64-v1"]),
    default: "reasoning-v1",
    group: "jobs",
  },
  {
    env: "BENCH_PASS_CAP",
    description: "Most runs one sweep pass starts (most stale first; the rest wait for the next pass).",
    schema: positiveInt,
    default: "100",
    group: "jobs",
  },
  {
    env: "BENCH_CONCURRENCY",
    description: "Concurrent runs per provider lane, unless BENCH_PROVIDER_CONCURRENCY names the provider.",
    schema: positiveInt,
    default: "2",
    group: "jobs",
  },
  {
    env: "BENCH_PROVIDER_CONCURRENCY",
    description: 'Concurrent runs per provider, JSON `{"openai": 4, "groq": 1}`.',
    schema: z.string().transform((text, ctx) => {
      try {
        return z.record(z.string(), z.number().int().positive()).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be JSON like {"openai": 4}' });
        return z.NEVER;
      }
    }),
    default: "{}",
    group: "jobs",
  },
  {
    env: "BENCH_RUN_DEADLINE_MS",
    description: "Deadline of one benchmark run, request to end of stream; a claim lasts this plus a minute.",
    schema: positiveInt,
    default: "120000",
    group: "jobs",
  },
  {
    env: "BENCH_PROBE_WINDOW_HOURS",
    description:
      "Probe window: a candidate (`status: probing`) is probed again when it has no probe run this recent, and admission promotes it after successful probes in two separate windows.",
    schema: positiveNumber,
    default: "6",
    group: "jobs",
  },
  {
    env: "BENCH_DAILY_BUDGET_USD",
    description:
      "Most the benchmark runs and probes may spend per UTC day, unless the policy states `budgets.benchmark_usd_per_day` (then the policy's is enforced).",
    schema: z.coerce.number().nonnegative(),
    default: "25",
    group: "jobs",
  },
  {
    env: "BENCH_UNKNOWN_PRICE_USD",
    description:
      "What the daily benchmark budget charges for one run of a model without a catalog price (the run itself records its cost as unknown).",
    schema: z.coerce.number().nonnegative(),
    default: "0.02",
    group: "jobs",
  },
];

const emailSettings: Setting[] = [
  {
    env: "CONSOLE_PUBLIC_URL",
    description:
      "The console's address as people reach it (e.g. `https://bench.example.com`): the daily email links each pending decision to its console page there, and answers to agents over HTTP name that page for the person to approve on. Unset: the email shows the CLI command instead, and agents get the page's path on the address they reach /mcp at.",
    // A mail client opens only an http(s) link; `mailto:` or `javascript:` would be a dead one.
    schema: z
      .url({
        protocol: /^https?$/,
        message: "must be an http or https address such as https://bench.example.com",
      })
      .optional(),
    group: "email",
  },
  {
    env: "SMTP_HOST",
    description:
      "SMTP server for the daily health email. Unset: the email job is not scheduled (reported as not wired).",
    schema: nonEmpty.optional(),
    group: "email",
  },
  { env: "SMTP_PORT", description: "SMTP port.", schema: positiveInt, default: "587", group: "email" },
  {
    env: "SMTP_SECURE",
    description:
      "true: TLS from the first byte (usually port 465); false: STARTTLS when the server offers it.",
    schema: flag,
    default: "false",
    group: "email",
  },
  {
    env: "SMTP_REQUIRE_TLS",
    description:
      "With `SMTP_USER` set and `SMTP_SECURE=false`: true refuses to send the password unless the server upgrades the connection with STARTTLS (the send fails, saying so); false logs in over a plain connection too. Unset: true, except for a loopback host (a relay on this machine).",
    schema: flag.optional(),
    group: "email",
  },
  {
    env: "SMTP_USER",
    description: "SMTP user name, if the server needs one.",
    schema: nonEmpty.optional(),
    group: "email",
  },
  {
    env: "SMTP_PASSWORD",
    description: "SMTP password.",
    schema: nonEmpty.optional(),
    secret: true,
    group: "email",
  },
  {
    env: "REPORT_FROM",
    description:
      "Sender address of the health email. Unset: `SMTP_USER` when it is an address (most relays accept mail only from the account that logs in), else `bench-operator@localhost`, which receiving servers may refuse or file as spam.",
    schema: nonEmpty.optional(),
    group: "email",
  },
  {
    env: "REPORT_TO",
    description: "Recipients of the health email, comma-separated.",
    schema: z.string(),
    default: "",
    group: "email",
  },
];

/** `bench-operator runner`: a remote runner that measures one provider and posts to a server. */
const runnerSettings: Setting[] = [
  {
    env: "BENCH_RUNNER_SERVER_URL",
    description:
      "The server a remote runner pulls work from and posts results to (`--server`), with the path a reverse proxy serves it under, if any (`https://host/bench/`).",
    schema: url.optional(),
    group: "runner",
  },
  {
    env: "BENCH_RUNNER_TOKEN",
    description:
      "The remote runner's token (`bench-operator tokens create --role runner`); set it here rather than with `--token`, which `ps` shows.",
    schema: nonEmpty.optional(),
    secret: true,
    group: "runner",
  },
  {
    env: "BENCH_RUNNER_SPOOL_DIR",
    description:
      "Where the runner keeps results until the server has them (`--spool-dir`); a relative path is taken from the directory the runner starts in (give an absolute one under cron or a service manager).",
    schema: nonEmpty,
    default: "bench-runner-spool",
    group: "runner",
  },
  {
    env: "BENCH_RUNNER_MAX_SPOOL",
    description:
      "Most undelivered results the runner keeps; at the bound it claims no new work until the server takes them (`--max-spool`).",
    schema: positiveInt,
    default: "1000",
    group: "runner",
  },
  {
    env: "BENCH_RUNNER_CONCURRENCY",
    description: "Benchmark runs the runner makes at once (`--concurrency`).",
    schema: positiveInt,
    default: "2",
    group: "runner",
  },
  {
    env: "BENCH_RUNNER_POLL_SECONDS",
    description: "How long the runner waits before asking again when no work is due or the server is down.",
    schema: positiveInt,
    default: "60",
    group: "runner",
  },
  {
    env: "BENCH_RUNNER_LEASE_MINUTES",
    description:
      "Server side: how long a remote runner's claim lasts. A result delivered later (from the runner's spool after an outage) is still stored unless another claimer took the model over meanwhile.",
    schema: positiveInt,
    default: "30",
    group: "runner",
  },
  {
    env: "RUNNER_RECEIPT_RETENTION_DAYS",
    description:
      "Both sides: how long the server keeps receipts of delivered results, and the oldest result either accepts (the runner drops older spooled ones, the server refuses them): the longest outage a runner's spool bridges.",
    schema: positiveInt,
    default: "14",
    group: "runner",
  },
  {
    env: "REMOTE_ONLY_PROVIDERS",
    description:
      "Server side: providers measured only by remote runners, comma-separated (e.g. `bedrock`). The local sweep and recovery probes neither run nor pause them, even where this server holds credentials, and a runner's work for them is not withheld by a pause without a date.",
    schema: z
      .string()
      .transform((v) => [
        ...new Set(
          v
            .split(",")
            .map((p) => p.trim().toLowerCase())
            .filter((p) => p !== ""),
        ),
      ])
      .superRefine((ids, ctx) => {
        const known: string[] = [...PROVIDERS.map((p) => p.id), "bedrock", "vertex"];
        const unknown = ids.filter((id) => !known.includes(id));
        if (unknown.length > 0)
          ctx.addIssue({
            code: "custom",
            message: `unknown provider ${unknown.join(", ")}; known: ${known.join(", ")}`,
          });
      }),
    default: "",
    group: "runner",
  },
  {
    env: "BENCH_RUNNER_CATALOG_HOURS",
    description: "How often the runner reads its provider's catalog and posts it (0: never).",
    schema: z.coerce.number().nonnegative(),
    default: "24",
    group: "runner",
  },
];

export const SETTINGS: Setting[] = [
  {
    env: "MONGODB_URI",
    description:
      "MongoDB connection string. Unset: an embedded local database (FerretDB or mongodb-memory-server) with data under the user's data directory.",
    schema: mongoUri.optional(),
    secret: true,
    group: "database",
  },
  {
    env: "MONGODB_DB",
    description: "Database name.",
    schema: nonEmpty,
    default: "llm-bench",
    group: "database",
  },
  {
    env: "BENCH_OPERATOR_DATA_DIR",
    description: "Where the embedded database keeps its files. Default: the user's data directory.",
    schema: nonEmpty.optional(),
    group: "database",
  },
  ...Object.entries(COLLECTIONS).map(([key, c]) => ({
    env: c.env,
    description: `Name of the \`${key}\` collection.`,
    schema: nonEmpty,
    default: c.default,
    group: "collections" as const,
  })),
  ...providerSettings,
  {
    env: "AWS_REGION",
    description: "AWS region for Bedrock.",
    schema: nonEmpty,
    default: "us-east-1",
    group: "providers",
  },
  {
    env: "BEDROCK_ENABLED",
    description:
      "true: Bedrock is configured by an instance role (IMDS, which only a network call could check). Unneeded with AWS_ACCESS_KEY_ID, AWS_PROFILE, web identity, container or shared-file credentials; without any, Bedrock is not configured.",
    schema: flag,
    default: "false",
    group: "providers",
  },
  {
    env: "BEDROCK_ENDPOINT_URL",
    description: "Bedrock runtime endpoint override; point it at a local server in tests.",
    schema: url.optional(),
    group: "providers",
  },
  {
    env: "BEDROCK_CONTROL_ENDPOINT_URL",
    description:
      "Bedrock control-plane endpoint override (ListFoundationModels, ListInferenceProfiles for discovery); point it at a local server in tests.",
    schema: url.optional(),
    group: "providers",
  },
  {
    env: "VERTEX_PROJECT",
    description:
      "Google Cloud project that Vertex AI requests bill to. Vertex is configured with a project, a location and credentials.",
    schema: nonEmpty.optional(),
    group: "providers",
  },
  {
    env: "VERTEX_LOCATION",
    description: "Vertex AI location: a region such as `us-central1`, or `global` (the global endpoint).",
    schema: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, { message: "must be a location such as us-central1 or global" })
      .optional(),
    group: "providers",
  },
  {
    env: "VERTEX_ACCESS_TOKEN",
    description:
      "An OAuth2 access token for Vertex AI (e.g. `gcloud auth print-access-token`; it expires within the hour). Unset: tokens come from GOOGLE_APPLICATION_CREDENTIALS or gcloud's application-default credentials file.",
    schema: nonEmpty.optional(),
    secret: true,
    group: "providers",
  },
  {
    env: "GOOGLE_APPLICATION_CREDENTIALS",
    description:
      "Path of a Google service-account key or authorized-user JSON file, from which Vertex AI tokens are fetched. Default: gcloud's application-default credentials file, when it exists.",
    schema: nonEmpty.optional(),
    group: "providers",
  },
  {
    env: "VERTEX_BASE_URL",
    description:
      "Vertex AI endpoint override (default: the location's aiplatform host); point it at a local server in tests.",
    schema: url.optional(),
    group: "providers",
  },
  {
    env: "LOG_LEVEL",
    description: "Log level: debug, info, warn or error (any case). Logs always go to stderr.",
    schema: anyCase(["debug", "info", "warn", "error"]),
    default: "info",
    group: "server",
  },
  {
    env: "LOG_FORMAT",
    description:
      "text: one readable line per log entry; json: one JSON object per line (time, level, msg, fields), for log collectors.",
    schema: anyCase(["text", "json"]),
    default: "text",
    group: "server",
  },
  {
    env: "BENCH_OPERATOR_PRINCIPAL",
    description: "The principal (name:role) that a local CLI or stdio session acts as.",
    schema: z.string().regex(/^[\w.@-]+:(viewer|agent|operator|admin)$/, {
      message: "must be name:role with role viewer, agent, operator or admin",
    }),
    default: "local-operator:operator",
    group: "server",
  },
  {
    env: "OPERATOR_LLM",
    description:
      'The operator\'s own LLM, in fallback order: comma-separated `backend:model`, backend one of openai, bedrock, or a keyed provider id served OpenAI-compatibly (e.g. `openai:gpt-5.2,bedrock:us.anthropic.claude-sonnet-4-5-20250929-v1:0`). Empty: the default decision model of the first backend configured here, `openai:gpt-5-mini` when OPENAI_API_KEY is set, else `bedrock:us.anthropic.claude-haiku-4-5-20251001-v1:0` when Bedrock has credentials, else none; both have built-in prices (README, "Operator LLM prices"). `none`: the deterministic classifier always decides.',
    schema: z.string().regex(/^(\s*none\s*|\s*[a-z]+:[^,\s]+\s*(,\s*[a-z]+:[^,\s]+\s*)*)?$/, {
      message: "must be backend:model[,backend:model...] or none",
    }),
    default: "",
    group: "operator",
  },
  {
    env: "OPERATOR_LLM_PRICES",
    description:
      'USD per million tokens for operator models, JSON `{"model": {"input": 1.25, "output": 10}}`, over the built-in prices of common decision models (README, "Operator LLM prices"): an entry here wins. A model with neither is refused a call: spend must be known.',
    schema: z.string().transform((text, ctx) => {
      try {
        return priceTable.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({
          code: "custom",
          message: 'must be JSON like {"gpt-5.2": {"input": 1.25, "output": 10}}',
        });
        return z.NEVER;
      }
    }),
    default: "{}",
    group: "operator",
  },
  {
    env: "OPERATOR_DAILY_BUDGET_USD",
    description:
      "Most the operator may spend on its own LLM calls per UTC day, unless the policy states `budgets.operator_usd_per_day` (then the policy's is enforced).",
    schema: z.coerce.number().nonnegative(),
    default: "1",
    group: "operator",
  },
  {
    env: "OPERATOR_LLM_TIMEOUT_MS",
    description: "Deadline for one operator LLM call, in milliseconds.",
    schema: positiveInt,
    default: "60000",
    group: "operator",
  },
  {
    env: "OPERATOR_BACKFILL_RECHECK_MINUTES",
    description:
      "How often an operator run looks for raw documents another runner wrote without signals (the earlier runner during a migration); 0: every run. `signals backfill` always looks.",
    schema: z.coerce.number().nonnegative(),
    default: "60",
    group: "operator",
  },
  ...jobSettings,
  ...benchmarkSettings,
  ...emailSettings,
  ...runnerSettings,
];

export function settingByEnv(env: string): Setting | undefined {
  return SETTINGS.find((s) => s.env === env);
}
