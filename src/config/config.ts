import { existsSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors.js";
import type { LogFormat, LogLevel } from "../logger.js";
import {
  COLLECTIONS,
  DEFAULT_OPERATOR_LLM,
  JOB_SCHEDULES,
  PROVIDERS,
  SETTINGS,
  type CollectionKey,
  type JobName,
  type KeyedProviderId,
} from "./settings.js";

export type {
  ProviderEndpoint,
  Role,
  Config,
  VertexConfig,
  AdmissionConfig,
  RunnerConfig,
  BenchmarkConfig,
  JobsConfig,
  EmailConfig,
} from "./config-types.js";
import type { Config, ProviderEndpoint, Role } from "./config-types.js";

export type Env = Record<string, string | undefined>;

/**
 * Parses every setting at once and reports every problem with the setting's name. The only
 * reader of `process.env` is the composition root, which passes it in here; secrets never
 * appear in the error text, only their names.
 */
export function loadConfig(env: Env): Config {
  const values = parseSettings(env);
  const get: Get = <T>(name: string): T => values.get(name) as T;

  const [principalName, principalRole] = get<string>("BENCH_OPERATOR_PRINCIPAL").split(":") as [string, Role];
  const connection = connectionConfig(env, get);
  return {
    ...connection,
    logLevel: get<LogLevel>("LOG_LEVEL"),
    logFormat: get<LogFormat>("LOG_FORMAT"),
    principal: { name: principalName, role: principalRole },
    operator: {
      ...operatorLlm(get<string>("OPERATOR_LLM"), connection),
      prices: get<Record<string, { input: number; output: number }>>("OPERATOR_LLM_PRICES"),
      dailyBudgetUsd: get<number>("OPERATOR_DAILY_BUDGET_USD"),
      dailyBudgetSet: isSet(env, "OPERATOR_DAILY_BUDGET_USD"),
      llmTimeoutMs: get<number>("OPERATOR_LLM_TIMEOUT_MS"),
      backfillRecheckMinutes: get<number>("OPERATOR_BACKFILL_RECHECK_MINUTES"),
    },
    jobs: jobsConfig(get),
    benchmark: {
      profileId: get<string>("BENCH_PROFILE"),
      reasoningProfileId: get<string>("BENCH_REASONING_PROFILE"),
      passCap: get<number>("BENCH_PASS_CAP"),
      concurrency: get<number>("BENCH_CONCURRENCY"),
      providerConcurrency: get<Record<string, number>>("BENCH_PROVIDER_CONCURRENCY"),
      runDeadlineMs: get<number>("BENCH_RUN_DEADLINE_MS"),
      probeWindowHours: get<number>("BENCH_PROBE_WINDOW_HOURS"),
      unknownPriceUsd: get<number>("BENCH_UNKNOWN_PRICE_USD"),
      dailyBudgetUsd: get<number>("BENCH_DAILY_BUDGET_USD"),
      dailyBudgetSet: isSet(env, "BENCH_DAILY_BUDGET_USD"),
    },
    email: emailConfig(get),
    admission: {
      // One window for both sides: the scheduler probes once per window, admission counts windows.
      windowHours: get<number>("BENCH_PROBE_WINDOW_HOURS"),
      deadlineHours: get<number>("ADMISSION_DEADLINE_HOURS"),
      recheckDays: get<number>("ADMISSION_RECHECK_DAYS"),
      maxPerPass: get<number>("ADMISSION_MAX_PER_PASS"),
      retireMaxPerProvider: get<number>("RETIREMENT_MAX_PER_PROVIDER"),
      retireMaxFraction: get<number>("RETIREMENT_MAX_FRACTION"),
      matchMinConfidence: get<number>("MATCH_MIN_CONFIDENCE"),
      matchMaxGuesses: get<number>("MATCH_MAX_GUESSES"),
      matchMaxGuessUsd: get<number>("MATCH_MAX_GUESS_USD"),
    },
    runner: runnerConfig(get),
  };
}

/** A parsed setting's value by its variable name. */
type Get = <T>(name: string) => T;

/** Whether the environment gives the setting a value: unset or empty, the setting takes its default. */
function isSet(env: Env, name: string): boolean {
  const raw = env[name];
  return raw !== undefined && raw !== "";
}

/** Every setting parsed, or one error that lists every problem (a secret's value never shown). */
function parseSettings(env: Env): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const problems: string[] = [];
  for (const setting of SETTINGS) {
    const input = isSet(env, setting.env) ? env[setting.env] : setting.default;
    const parsed = setting.schema.safeParse(input);
    if (parsed.success) {
      values.set(setting.env, parsed.data);
    } else {
      // A secret's own schema messages are written not to quote the value (custom issues);
      // zod's generic ones might, so a secret shows only ours.
      const issues = setting.secret
        ? parsed.error.issues.filter((i) => i.code === "custom")
        : parsed.error.issues;
      const reason = issues.map((i) => i.message).join("; ") || "invalid value (not shown)";
      problems.push(`${setting.env}: ${reason}`);
    }
  }
  // One problem stays on one line: it is what a person reads first, and what a log keeps whole.
  if (problems.length === 1) throw new AppError("config_invalid", `Invalid configuration: ${problems[0]}`);
  if (problems.length > 1) {
    throw new AppError("config_invalid", `Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return values;
}

/** Where the data lives and how each provider is reached. */
function connectionConfig(
  env: Env,
  get: Get,
): Pick<Config, "mongodb" | "collections" | "providers" | "bedrock" | "vertex"> {
  return {
    mongodb: {
      uri: get<string | undefined>("MONGODB_URI"),
      db: get<string>("MONGODB_DB"),
      dataDir: get<string | undefined>("BENCH_OPERATOR_DATA_DIR"),
    },
    collections: Object.fromEntries(
      Object.entries(COLLECTIONS).map(([key, c]) => [key, get<string>(c.env)]),
    ) as Record<CollectionKey, string>,
    providers: Object.fromEntries(
      PROVIDERS.map((p) => [
        p.id,
        {
          apiKey: get<string | undefined>(`${p.prefix}_API_KEY`),
          baseUrl: get<string | undefined>(`${p.prefix}_BASE_URL`),
        },
      ]),
    ) as Record<KeyedProviderId, ProviderEndpoint>,
    bedrock: {
      region: get<string>("AWS_REGION"),
      endpointUrl: get<string | undefined>("BEDROCK_ENDPOINT_URL"),
      controlEndpointUrl: get<string | undefined>("BEDROCK_CONTROL_ENDPOINT_URL"),
      ...optional("credentials", awsCredentialSource(env, get<boolean>("BEDROCK_ENABLED"))),
    },
    vertex: {
      project: get<string | undefined>("VERTEX_PROJECT"),
      location: get<string | undefined>("VERTEX_LOCATION"),
      baseUrl: get<string | undefined>("VERTEX_BASE_URL"),
      accessToken: get<string | undefined>("VERTEX_ACCESS_TOKEN"),
      credentialsFile: googleCredentialsFile(env, get<string | undefined>("GOOGLE_APPLICATION_CREDENTIALS")),
    },
  };
}

function jobsConfig(get: Get): Config["jobs"] {
  return {
    timezone: get<string>("JOB_TIMEZONE"),
    schedules: Object.fromEntries(
      Object.entries(JOB_SCHEDULES).map(([name, j]) => [name, get<string>(j.env).trim()]),
    ) as Record<JobName, string>,
    cadenceHours: get<number>("BENCH_CADENCE_HOURS"),
    cadenceGraceHours: get<number>("BENCH_CADENCE_GRACE_HOURS"),
    pendingStaleHours: get<number>("INVARIANT_PENDING_STALE_HOURS"),
    shrinkPercent: get<number>("INVARIANT_SHRINK_PERCENT"),
    discoveryMaxAgeHours: get<number>("INVARIANT_DISCOVERY_MAX_AGE_HOURS"),
  };
}

/** A host name or address of this machine's loopback interface. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || host.startsWith("127.");
}

/** The health email's sender when REPORT_FROM is unset: the SMTP login when it is an address. */
function senderOf(smtpUser: string | undefined): string {
  return smtpUser !== undefined && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(smtpUser)
    ? smtpUser
    : "bench-operator@localhost";
}

function emailConfig(get: Get): Config["email"] {
  const host = get<string | undefined>("SMTP_HOST");
  return {
    smtp: {
      host,
      port: get<number>("SMTP_PORT"),
      secure: get<boolean>("SMTP_SECURE"),
      // A password sent in the clear off this machine can be read on the way; a local relay is trusted.
      requireTls:
        get<boolean | undefined>("SMTP_REQUIRE_TLS") ?? !(host !== undefined && isLoopbackHost(host)),
      user: get<string | undefined>("SMTP_USER"),
      password: get<string | undefined>("SMTP_PASSWORD"),
    },
    ...optional("consoleUrl", get<string | undefined>("CONSOLE_PUBLIC_URL")),
    from: get<string | undefined>("REPORT_FROM") ?? senderOf(get<string | undefined>("SMTP_USER")),
    to: get<string>("REPORT_TO")
      .split(",")
      .map((a) => a.trim())
      .filter((a) => a !== ""),
  };
}

function runnerConfig(get: Get): Config["runner"] {
  return {
    serverUrl: get<string | undefined>("BENCH_RUNNER_SERVER_URL"),
    token: get<string | undefined>("BENCH_RUNNER_TOKEN"),
    spoolDir: get<string>("BENCH_RUNNER_SPOOL_DIR"),
    maxSpool: get<number>("BENCH_RUNNER_MAX_SPOOL"),
    concurrency: get<number>("BENCH_RUNNER_CONCURRENCY"),
    pollSeconds: get<number>("BENCH_RUNNER_POLL_SECONDS"),
    remoteOnlyProviders: get<string[]>("REMOTE_ONLY_PROVIDERS"),
    catalogHours: get<number>("BENCH_RUNNER_CATALOG_HOURS"),
    leaseMinutes: get<number>("BENCH_RUNNER_LEASE_MINUTES"),
    receiptRetentionDays: get<number>("RUNNER_RECEIPT_RETENTION_DAYS"),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Variables by which the AWS SDK's default chain finds credentials without a network call. */
const AWS_CREDENTIAL_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_PROFILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
] as const;

/**
 * Which source of AWS credentials the SDK would use, judged the way its default chain starts
 * (environment, then the shared files), so that Bedrock counts as configured exactly when a call
 * could authenticate. An instance role needs IMDS, which only a network call can check: that is
 * what BEDROCK_ENABLED says instead. The files are looked up under the HOME the environment
 * names, so a test's environment without HOME never sees the developer's own ~/.aws.
 */
export function awsCredentialSource(env: Env, enabled: boolean): string | undefined {
  const set = (name: string): boolean => (env[name] ?? "") !== "";
  if (set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY")) return "AWS_ACCESS_KEY_ID";
  for (const name of AWS_CREDENTIAL_VARIABLES.slice(1)) if (set(name)) return name;
  const home = env["HOME"] || env["USERPROFILE"];
  const files = [
    [
      "AWS_SHARED_CREDENTIALS_FILE",
      env["AWS_SHARED_CREDENTIALS_FILE"] || (home && join(home, ".aws", "credentials")),
    ],
    ["AWS_CONFIG_FILE", env["AWS_CONFIG_FILE"] || (home && join(home, ".aws", "config"))],
  ] as const;
  for (const [name, path] of files) if (path && existsSync(path)) return `${name} (${path})`;
  return enabled ? "BEDROCK_ENABLED" : undefined;
}

/**
 * The credentials file Google's libraries would use: GOOGLE_APPLICATION_CREDENTIALS as given (a
 * missing file then fails the token request with its path), else gcloud's application-default
 * file under the environment's HOME, when it exists.
 */
export function googleCredentialsFile(env: Env, explicit: string | undefined): string | undefined {
  if (explicit) return explicit;
  const home = env["HOME"] || env["USERPROFILE"];
  const adc = env["CLOUDSDK_CONFIG"]
    ? join(env["CLOUDSDK_CONFIG"], "application_default_credentials.json")
    : home && join(home, ".config", "gcloud", "application_default_credentials.json");
  return adc && existsSync(adc) ? adc : undefined;
}

/**
 * The operator's chain: as `OPERATOR_LLM` names it; `none`: empty; empty: the default decision
 * model of the first backend configured here, so that a key alone gives LLM decisions.
 */
function operatorLlm(
  value: string,
  connection: Pick<Config, "providers" | "bedrock">,
): Pick<Config["operator"], "llm" | "llmChosenBy"> {
  if (value.trim() === "none") return { llm: [], llmChosenBy: "OPERATOR_LLM=none" };
  if (value.trim() !== "") return { llm: parseLlmChain(value), llmChosenBy: "OPERATOR_LLM" };
  const configured = {
    openai: connection.providers.openai.apiKey !== undefined ? "OPENAI_API_KEY is set" : null,
    bedrock:
      connection.bedrock.credentials !== undefined
        ? `Bedrock credentials (${connection.bedrock.credentials})`
        : null,
  };
  for (const d of DEFAULT_OPERATOR_LLM) {
    const why = configured[d.backend];
    if (why !== null) return { llm: [{ ...d }], llmChosenBy: `default: OPERATOR_LLM is empty and ${why}` };
  }
  return { llm: [], llmChosenBy: "OPERATOR_LLM is empty and no OpenAI key or Bedrock credentials are set" };
}

function parseLlmChain(value: string): { backend: string; model: string }[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const at = part.indexOf(":");
      return { backend: part.slice(0, at), model: part.slice(at + 1) };
    });
}

/** The configuration table for the README, generated from the settings so the two cannot drift. */
export function settingsMarkdown(): string {
  const rows = SETTINGS.map((s) => {
    const def = s.default === undefined ? "" : `\`${s.default}\``;
    return `| \`${s.env}\` | ${s.group} | ${def} | ${s.secret ? "yes" : ""} | ${s.description} |`;
  });
  return ["| setting | group | default | secret | meaning |", "|---|---|---|---|---|", ...rows].join("\n");
}
