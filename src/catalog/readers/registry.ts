import type { Config } from "../../config/config.js";
import { isRemoteOnly, localProviderSetup } from "../../config/providers.js";
import type { KeyedProviderId } from "../../config/settings.js";
import { anthropicCatalogReader } from "./anthropic.js";
import { bedrockCatalogReader, type StaticAwsCredentials } from "./bedrock.js";
import { cerebrasCatalogReader } from "./cerebras.js";
import { deepInfraCatalogReader } from "./deepinfra.js";
import { fireworksCatalogReader } from "./fireworks.js";
import { groqCatalogReader } from "./groq.js";
import { mistralCatalogReader } from "./mistral.js";
import { openAiCatalogReader } from "./openai.js";
import { openRouterCatalogReader } from "./openrouter.js";
import { vertexHost, vertexTokenSource } from "../../providers/stream/vertex-auth.js";
import { togetherCatalogReader } from "./together.js";
import type { CatalogReader, KeyedReaderConfig, ReaderOptions } from "./types.js";
import { vertexCatalogReader } from "./vertex.js";

import { CATALOG_PROVIDERS, type CatalogProviderId } from "../provider-ids.js";

type KeyedCatalogProvider = Exclude<CatalogProviderId, "openrouter" | "bedrock" | "vertex">;

const KEYED_READERS: Record<KeyedCatalogProvider, (c: KeyedReaderConfig) => CatalogReader> = {
  openai: openAiCatalogReader,
  anthropic: anthropicCatalogReader,
  groq: groqCatalogReader,
  together: togetherCatalogReader,
  fireworks: fireworksCatalogReader,
  deepinfra: deepInfraCatalogReader,
  cerebras: cerebrasCatalogReader,
  mistral: mistralCatalogReader,
};

export type PlannedRead =
  { provider: CatalogProviderId; reader: CatalogReader } | { provider: CatalogProviderId; skipped: string };

export interface PlanOptions extends ReaderOptions {
  /** Read only this provider. */
  only?: CatalogProviderId;
  /** Tests hand in static fake credentials for the local control-plane server. */
  bedrockCredentials?: StaticAwsCredentials;
}

/**
 * Which reads to make with this config: a reader per provider with a key (OpenRouter's list
 * needs none), and a reason for every provider that is skipped, so a report can tell "not
 * configured" from "read and empty".
 */
export function planCatalogReads(config: Config, opts: PlanOptions = {}): PlannedRead[] {
  const wanted = opts.only ? [opts.only] : [...CATALOG_PROVIDERS];
  const readerOpts: ReaderOptions = {
    timeoutMs: opts.timeoutMs,
    maxPages: opts.maxPages,
    pageSize: opts.pageSize,
    fetchImpl: opts.fetchImpl,
  };
  return wanted.map((provider): PlannedRead => {
    if (isRemoteOnly(config, provider) && opts.only !== provider) {
      return { provider, skipped: "remote only (REMOTE_ONLY_PROVIDERS): its runners post the listing" };
    }
    if (provider === "openrouter") {
      const baseUrl = config.providers.openrouter.baseUrl;
      return { provider, reader: openRouterCatalogReader({ ...readerOpts, baseUrl }) };
    }
    if (provider === "bedrock") {
      // Bedrock has no key setting of ours: the config judges whether the SDK's chain would find
      // credentials (config.bedrock.credentials), as it does for the sweep and the operator's LLM.
      if (!opts.bedrockCredentials && !config.bedrock.credentials && opts.only !== "bedrock") {
        return {
          provider,
          skipped:
            "no AWS credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or a shared credentials file; BEDROCK_ENABLED=true for an instance role)",
        };
      }
      return {
        provider,
        reader: bedrockCatalogReader({
          ...readerOpts,
          region: config.bedrock.region,
          endpointUrl: config.bedrock.controlEndpointUrl,
          credentials: opts.bedrockCredentials,
        }),
      };
    }
    if (provider === "vertex") return vertexRead(config, readerOpts);
    const endpoint = config.providers[provider satisfies KeyedProviderId];
    if (!endpoint.apiKey)
      return { provider, skipped: `no API key (${provider.toUpperCase()}_API_KEY is unset)` };
    return {
      provider,
      reader: KEYED_READERS[provider]({ ...readerOpts, apiKey: endpoint.apiKey, baseUrl: endpoint.baseUrl }),
    };
  });
}

/** Vertex is read when it is configured (project, location, credentials), as it is measured. */
function vertexRead(config: Config, readerOpts: ReaderOptions): PlannedRead {
  const setup = localProviderSetup(config, "vertex");
  const { project, location } = config.vertex;
  if (!setup.configured || !project || !location) {
    return { provider: "vertex", skipped: setup.configured ? "not configured" : setup.reason };
  }
  const tokens = vertexTokenSource(config.vertex);
  return {
    provider: "vertex",
    reader: vertexCatalogReader({
      ...readerOpts,
      baseUrl: config.vertex.baseUrl ?? vertexHost(location),
      project,
      token: () => tokens.token(),
    }),
  };
}
