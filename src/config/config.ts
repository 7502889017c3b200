import { AppError } from "../errors.js";
import { COLLECTIONS, PROVIDERS, SETTINGS, type CollectionKey, type KeyedProviderId } from "./settings.js";

export interface ProviderEndpoint {
  apiKey?: string;
  baseUrl?: string;
}

export type Role = "viewer" | "agent" | "operator" | "admin";

export interface Config {
  mongodb: { uri?: string; db: string; dataDir?: string };
  collections: Record<CollectionKey, string>;
  providers: Record<KeyedProviderId, ProviderEndpoint>;
  bedrock: { region: string; endpointUrl?: string };
  logLevel: "debug" | "info" | "warn" | "error";
  principal: { name: string; role: Role };
  operator: {
    /** Backends in fallback order. */
    llm: { backend: string; model: string }[];
    prices: Record<string, { input: number; output: number }>;
    dailyBudgetUsd: number;
    llmTimeoutMs: number;
  };
}

export type Env = Record<string, string | undefined>;

/**
 * Parses every setting at once and reports every problem with the setting's name. The only
 * reader of `process.env` is the composition root, which passes it in here; secrets never
 * appear in the error text, only their names.
 */
export function loadConfig(env: Env): Config {
  const values = new Map<string, unknown>();
  const problems: string[] = [];
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    const input = raw === undefined || raw === "" ? setting.default : raw;
    const parsed = setting.schema.safeParse(input);
    if (parsed.success) {
      values.set(setting.env, parsed.data);
    } else {
      const reason = parsed.error.issues.map((i) => i.message).join("; ");
      problems.push(`${setting.env}: ${setting.secret ? "invalid value (not shown)" : reason}`);
    }
  }
  if (problems.length > 0) {
    throw new AppError("config_invalid", `Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const get = <T>(name: string): T => values.get(name) as T;

  const [principalName, principalRole] = get<string>("BENCH_OPERATOR_PRINCIPAL").split(":") as [string, Role];
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
    },
    logLevel: get<Config["logLevel"]>("LOG_LEVEL"),
    principal: { name: principalName, role: principalRole },
    operator: {
      llm: parseLlmChain(get<string>("OPERATOR_LLM")),
      prices: get<Record<string, { input: number; output: number }>>("OPERATOR_LLM_PRICES"),
      dailyBudgetUsd: get<number>("OPERATOR_DAILY_BUDGET_USD"),
      llmTimeoutMs: get<number>("OPERATOR_LLM_TIMEOUT_MS"),
    },
  };
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
