import { AppError } from "../errors.js";
import type { Config } from "./config.js";
import { PROVIDERS } from "./settings.js";

/**
 * Whether this server can measure a provider, in one place. A provider whose credentials the
 * server does not hold is not failing, it is not configured: the sweep, probes and recovery
 * probes leave it alone (no claims, errors, metrics, spend or pauses), and every status view
 * shows it as `not_configured` with the setting to fill in. A remote runner whose token names
 * the provider measures it with credentials that live on its own host (src/runner), so a
 * provider with a runner counts as configured for status, while the local sweep still skips it.
 */

/**
 * A provider is measured when any of its enabled models ran (success or error) in this window,
 * whichever process ran it: `serve`, a remote runner, or an earlier runner. Its health is then
 * what those runs say, whatever credentials this process holds (an MCP server started by a
 * desktop client usually holds none). get_fleet_health (src/operator/provider-state.ts) and
 * /healthz (src/liveness/progress.ts) apply this one rule.
 */
export const MEASURED_WINDOW_MS = 24 * 3_600_000;

/**
 * The `not_configured` reason: only for a provider nothing measured in the window while this
 * process holds no credentials for it. It says both, since another process may hold them.
 */
export function notMeasuredReason(setupReason: string): string {
  return `${setupReason} (no run of its models in the last 24 h, and this process holds no credentials for it)`;
}

/** Every provider the fleet may hold models of: the keyed hosts, Bedrock and Vertex. */
export const FLEET_PROVIDERS = [...PROVIDERS.map((p) => p.id), "bedrock", "vertex"] as const;

/**
 * A provider a runner can measure (each of FLEET_PROVIDERS has a streaming adapter), or
 * invalid_input naming them: a runner, or a runner token, for any other id would only fail.
 */
export function runnerProvider(id: string): string {
  if ((FLEET_PROVIDERS as readonly string[]).includes(id)) return id;
  throw new AppError(
    "invalid_input",
    `No runner can measure provider "${id}". Known: ${FLEET_PROVIDERS.join(", ")}.`,
  );
}

export type ProviderSetup =
  | { provider: string; configured: true; via: string }
  | {
      provider: string;
      configured: false;
      /** Our text: which setting to fill in. */
      reason: string;
    };

/**
 * Vertex's settings and the runner's are optional here so that callers configuring only keyed
 * hosts need not name them.
 */
type ProviderConfig = Pick<Config, "providers" | "bedrock"> &
  Partial<Pick<Config, "vertex">> & { runner?: Pick<Config["runner"], "remoteOnlyProviders"> };

/**
 * Whether only remote runners measure the provider (REMOTE_ONLY_PROVIDERS): a split deployment
 * whose server must not run it, pause it or probe it, whatever credentials the server holds.
 */
export function isRemoteOnly(config: ProviderConfig, provider: string): boolean {
  return config.runner?.remoteOnlyProviders.includes(provider) ?? false;
}

/**
 * Whether this process measures the provider: it holds the credentials (a runner elsewhere does
 * not count) and the provider is not one that only remote runners measure.
 */
export function localProviderSetup(config: ProviderConfig, provider: string): ProviderSetup {
  if (isRemoteOnly(config, provider)) {
    return {
      provider,
      configured: false,
      reason: `remote only: measured by remote runners (REMOTE_ONLY_PROVIDERS names ${provider}), not by this server`,
    };
  }
  return credentialSetup(config, provider, `, or run a remote runner for ${provider}`);
}

/**
 * Whether a remote runner on this host can measure the provider: the credentials alone, as the
 * server's own sweep needs them (REMOTE_ONLY_PROVIDERS is the server's setting). A runner without
 * them would claim work and store a failure for every model it claimed.
 */
export function runnerSetup(config: ProviderConfig, provider: string): ProviderSetup {
  return credentialSetup(config, provider, "");
}

/** The provider's credentials in this environment; `elsewhere` ends the reason with where else it can run. */
function credentialSetup(config: ProviderConfig, provider: string, elsewhere: string): ProviderSetup {
  const keyed = PROVIDERS.find((p) => p.id === provider);
  if (keyed) {
    const setting = `${keyed.prefix}_API_KEY`;
    return config.providers[keyed.id].apiKey
      ? { provider, configured: true, via: setting }
      : { provider, configured: false, reason: `not configured: set ${setting} to measure ${keyed.label}` };
  }
  if (provider === "bedrock") {
    return config.bedrock.credentials
      ? { provider, configured: true, via: config.bedrock.credentials }
      : {
          provider,
          configured: false,
          reason:
            "not configured: no AWS credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or a " +
            `shared credentials file; BEDROCK_ENABLED=true for an instance role)${elsewhere}`,
        };
  }
  if (provider === "vertex") return vertexSetup(config.vertex ?? {}, elsewhere);
  // A provider id we have no setting for at all (a name from another writer's documents): we
  // cannot tell, so it is judged by its runs as before, and a run records the missing adapter.
  return { provider, configured: true, via: "no credential setting known" };
}

/** Vertex needs all three: a project to bill, a location to call, and credentials for a token. */
function vertexSetup(vertex: Partial<Config["vertex"]>, elsewhere: string): ProviderSetup {
  const credentials = vertex.accessToken
    ? "VERTEX_ACCESS_TOKEN"
    : vertex.credentialsFile
      ? `GOOGLE_APPLICATION_CREDENTIALS (${vertex.credentialsFile})`
      : null;
  const missing = [
    vertex.project ? null : "VERTEX_PROJECT",
    vertex.location ? null : "VERTEX_LOCATION",
    credentials ? null : "VERTEX_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS",
  ].filter((m): m is string => m !== null);
  if (missing.length === 0 && credentials) {
    return { provider: "vertex", configured: true, via: `${credentials}, project ${vertex.project}` };
  }
  return {
    provider: "vertex",
    configured: false,
    reason: `not configured: set ${missing.join(", ")} to measure Vertex AI${elsewhere}`,
  };
}

export function isLocallyConfigured(config: ProviderConfig, provider: string): boolean {
  return localProviderSetup(config, provider).configured;
}

/**
 * The setup status views show: local credentials, else an active runner token for the provider
 * (`runners` maps a provider to the names of the runner tokens that serve it).
 */
export function providerSetup(
  config: ProviderConfig,
  provider: string,
  runners: ReadonlyMap<string, readonly string[]>,
): ProviderSetup {
  const local = localProviderSetup(config, provider);
  if (local.configured) return local;
  const names = runners.get(provider) ?? [];
  return names.length > 0 ? { provider, configured: true, via: `remote runner ${names.join(", ")}` } : local;
}
