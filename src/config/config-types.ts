import type { LogFormat, LogLevel } from "../logger.js";
import type { CollectionKey, JobName, KeyedProviderId } from "./settings.js";

/** The parsed configuration's shape; `loadConfig` (config.ts) builds it from the environment. */

export interface ProviderEndpoint {
  apiKey?: string;
  baseUrl?: string;
}

export type Role = "viewer" | "agent" | "operator" | "admin";

export interface Config {
  mongodb: { uri?: string; db: string; dataDir?: string };
  collections: Record<CollectionKey, string>;
  providers: Record<KeyedProviderId, ProviderEndpoint>;
  bedrock: {
    region: string;
    endpointUrl?: string;
    /** The control plane (model and inference-profile lists) is a different host from the runtime. */
    controlEndpointUrl?: string;
    /**
     * Where the AWS SDK would find credentials without a network call (a variable's or a file's
     * name, never a value), or `BEDROCK_ENABLED`; unset: Bedrock is not configured here.
     */
    credentials?: string;
  };
  vertex: VertexConfig;
  logLevel: LogLevel;
  logFormat: LogFormat;
  principal: { name: string; role: Role };
  operator: {
    /** Backends in fallback order. */
    llm: { backend: string; model: string }[];
    /** Why the chain is what it is: `OPERATOR_LLM`, or the default a configured key chose. */
    llmChosenBy?: string;
    prices: Record<string, { input: number; output: number }>;
    /** The default operator budget (USD per UTC day); a policy that states one replaces it. */
    dailyBudgetUsd: number;
    /** Whether OPERATOR_DAILY_BUDGET_USD is set, or `dailyBudgetUsd` is the setting's built-in default. */
    dailyBudgetSet: boolean;
    llmTimeoutMs: number;
    backfillRecheckMinutes: number;
  };
  jobs: JobsConfig;
  benchmark: BenchmarkConfig;
  email: EmailConfig;
  admission: AdmissionConfig;
  runner: RunnerConfig;
}

/** Google Vertex AI: configured with a project, a location and credentials (src/config/providers.ts). */
export interface VertexConfig {
  project?: string;
  location?: string;
  baseUrl?: string;
  /** A static OAuth2 token (secret). */
  accessToken?: string;
  /** A credentials file that exists: GOOGLE_APPLICATION_CREDENTIALS, else gcloud's ADC file. */
  credentialsFile?: string;
}

/** Admission by probing, retirement on evidence and catalog matching (src/admission). */
export interface AdmissionConfig {
  /** Two successes at least this far apart (hours) promote a candidate. */
  windowHours: number;
  /** A candidate not promoted within this many hours of its start is rejected. */
  deadlineHours: number;
  /** A rejected candidate is probed again after this many days. */
  recheckDays: number;
  /** Most new candidates, and separately most rejections and rechecks, per pass. */
  maxPerPass: number;
  /** Most deprecate proposals per provider and pass. */
  retireMaxPerProvider: number;
  /** Most of a provider's enabled fleet (fraction) proposed for deprecation in one pass. */
  retireMaxFraction: number;
  /** Least confidence of an LLM-guessed id that becomes a candidate. */
  matchMinConfidence: number;
  /** Most guesses per OpenRouter entry (the id-guess feedback loop). */
  matchMaxGuesses: number;
  /** Most spend per OpenRouter entry's guesses, USD. */
  matchMaxGuessUsd: number;
}

/** `bench-operator runner` (src/runner): flags override these. */
export interface RunnerConfig {
  serverUrl?: string;
  token?: string;
  spoolDir: string;
  maxSpool: number;
  concurrency: number;
  pollSeconds: number;
  /** 0: never post the catalog. */
  catalogHours: number;
  /** Server side: providers only remote runners measure (the local sweep and probes leave them alone). */
  remoteOnlyProviders: string[];
  /** Server side: the lease on a runner's claims. */
  leaseMinutes: number;
  /** Both sides: receipts are kept this long, and older results are dropped (runner) or refused (server). */
  receiptRetentionDays: number;
}

/** The benchmark scheduler and sweep. Cadence is `jobs.cadenceHours` (the invariants judge by it too). */
export interface BenchmarkConfig {
  profileId: string;
  reasoningProfileId: string;
  passCap: number;
  concurrency: number;
  providerConcurrency: Record<string, number>;
  runDeadlineMs: number;
  probeWindowHours: number;
  unknownPriceUsd: number;
  /** The default benchmark budget (USD per UTC day); a policy that states one replaces it. */
  dailyBudgetUsd: number;
  /** Whether BENCH_DAILY_BUDGET_USD is set, or `dailyBudgetUsd` is the setting's built-in default. */
  dailyBudgetSet: boolean;
}

/** Scheduled jobs (src/jobs) and the thresholds the invariants judge them by. */
export interface JobsConfig {
  /** IANA time zone in which the cron expressions are read. */
  timezone: string;
  /** One cron expression per job. */
  schedules: Record<JobName, string>;
  /** Every desired model should be measured this often (hours). */
  cadenceHours: number;
  /** Slack on top of the cadence before a model counts as not measured (hours). */
  cadenceGraceHours: number;
  /** A pending decision older than this (hours) is stale. */
  pendingStaleHours: number;
  /** Most of the desired set (percent) that may leave it unexplained between snapshots. */
  shrinkPercent: number;
  /** Newest complete discovery read per provider must be at most this old (hours). */
  discoveryMaxAgeHours: number;
}

/** The daily health email. `smtp.host` unset means email is not configured. */
export interface EmailConfig {
  smtp: {
    host?: string;
    port: number;
    secure: boolean;
    /** Log in only over TLS (STARTTLS when not `secure`): SMTP_REQUIRE_TLS, else true off loopback. */
    requireTls: boolean;
    user?: string;
    password?: string;
  };
  from: string;
  to: string[];
  /** Where people reach the console (CONSOLE_PUBLIC_URL): the email links decisions there. */
  consoleUrl?: string;
}
