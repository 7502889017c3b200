import type { Config } from "../../config/config.js";
import { PROVIDERS, type KeyedProviderId } from "../../config/settings.js";
import { AnthropicAdapter } from "./anthropic.js";
import { BedrockAdapter, type BedrockAdapterOptions } from "./bedrock.js";
import { ProviderStreamError } from "./errors.js";
import type { ModelMetadata } from "./model-metadata.js";
import { ChatCompletionsAdapter, type ChatHostOptions } from "./openai-chat.js";
import { ResponsesAdapter } from "./openai-responses.js";
import type { RequestMode, StreamAdapter, StreamContext, StreamEvent, StreamRequest } from "./types.js";
import { VertexAdapter } from "./vertex.js";

type CompatibleHost = Exclude<KeyedProviderId, "anthropic">;
type HostDefaults = Omit<ChatHostOptions, "provider" | "apiKey" | "apiKeyEnv">;

/**
 * What differs between the Chat Completions hosts, in one table. Budgets: OpenAI's reasoning
 * models reject `max_tokens` and Cerebras documents `max_completion_tokens`; the other hosts take
 * `max_tokens`. Mistral sends usage in its last chunk unasked and validates request fields
 * strictly, so it gets no `stream_options`. OpenRouter takes reasoning as `reasoning: {effort}`.
 */
const CHAT_HOSTS: Record<CompatibleHost, HostDefaults> = {
  openai: {
    baseUrl: "https://api.openai.com/v1",
    maxTokensParam: "max_completion_tokens",
    streamOptions: true,
    reasoningStyle: "reasoning_effort",
  },
  groq: {
    baseUrl: "https://api.groq.com/openai/v1",
    maxTokensParam: "max_tokens",
    streamOptions: true,
    reasoningStyle: "reasoning_effort",
  },
  together: {
    baseUrl: "https://api.together.xyz/v1",
    maxTokensParam: "max_tokens",
    streamOptions: true,
    reasoningStyle: "reasoning_effort",
  },
  fireworks: {
    baseUrl: "https://api.fireworks.ai/inference/v1",
    maxTokensParam: "max_tokens",
    streamOptions: true,
    reasoningStyle: "reasoning_effort",
  },
  deepinfra: {
    baseUrl: "https://api.deepinfra.com/v1/openai",
    maxTokensParam: "max_tokens",
    streamOptions: true,
    reasoningStyle: "reasoning_effort",
  },
  cerebras: {
    baseUrl: "https://api.cerebras.ai/v1",
    maxTokensParam: "max_completion_tokens",
    streamOptions: true,
    reasoningStyle: "reasoning_effort",
  },
  mistral: {
    baseUrl: "https://api.mistral.ai/v1",
    maxTokensParam: "max_tokens",
    streamOptions: false,
    reasoningStyle: "reasoning_effort",
  },
  openrouter: {
    baseUrl: "https://openrouter.ai/api/v1",
    maxTokensParam: "max_tokens",
    streamOptions: true,
    reasoningStyle: "openrouter",
  },
};

const ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1";

export interface StreamAdapterOptions {
  /** Static Bedrock credentials (tests); unset means the AWS SDK's default provider chain. */
  bedrockCredentials?: BedrockAdapterOptions["credentials"];
}

/**
 * The only switch on provider id. Create one adapter per provider and reuse it across runs:
 * adapters hold connection state (the Bedrock client and its HTTP/2 sessions), and a scheduled
 * run should not pay for a new client each time.
 *
 * Every provider in the fleet gets an adapter: one without a streaming adapter (a provider id
 * from another writer's documents) gets one that fails every run at `load_provider`, so a
 * scheduler looping over the catalog records the gap as an error instead of skipping it silently.
 */
export function createStreamAdapter(
  provider: string,
  config: Pick<Config, "providers" | "bedrock" | "vertex"> & Partial<Pick<Config, "vertex">>,
  options: StreamAdapterOptions = {},
): StreamAdapter {
  if (provider === "bedrock") {
    return new BedrockAdapter({
      region: config.bedrock.region,
      endpoint: config.bedrock.endpointUrl,
      credentials: options.bedrockCredentials,
    });
  }
  if (provider === "anthropic") {
    return new AnthropicAdapter(
      config.providers.anthropic.baseUrl ?? ANTHROPIC_BASE_URL,
      config.providers.anthropic.apiKey,
    );
  }
  if (provider === "vertex") return new VertexAdapter(config.vertex ?? {});
  if (provider === "openai") return new OpenAiAdapter(chatHost("openai", config));
  if (isCompatibleHost(provider)) return new ChatCompletionsAdapter(chatHost(provider, config));
  return new UnsupportedProviderAdapter(provider);
}

function chatHost(provider: CompatibleHost, config: Pick<Config, "providers">): ChatHostOptions {
  const endpoint = config.providers[provider];
  const defaults = CHAT_HOSTS[provider];
  const prefix = PROVIDERS.find((p) => p.id === provider)?.prefix ?? provider.toUpperCase();
  return {
    ...defaults,
    provider,
    baseUrl: endpoint.baseUrl ?? defaults.baseUrl,
    apiKey: endpoint.apiKey,
    apiKeyEnv: `${prefix}_API_KEY`,
  };
}

function isCompatibleHost(provider: string): provider is CompatibleHost {
  return Object.hasOwn(CHAT_HOSTS, provider);
}

/** OpenAI serves some models only through the Responses API; the model's metadata says which. */
class OpenAiAdapter implements StreamAdapter {
  readonly provider = "openai";
  private readonly chat: ChatCompletionsAdapter;
  private readonly responses: ResponsesAdapter;

  constructor(host: ChatHostOptions) {
    this.chat = new ChatCompletionsAdapter(host);
    this.responses = new ResponsesAdapter("openai", host.baseUrl, host.apiKey, host.apiKeyEnv);
  }

  requestMode(metadata: ModelMetadata): RequestMode {
    return metadata.api === "responses" ? "responses" : "chat_completions";
  }

  stream(request: StreamRequest, ctx: StreamContext): AsyncIterable<StreamEvent> {
    return request.metadata.api === "responses"
      ? this.responses.stream(request, ctx)
      : this.chat.stream(request, ctx);
  }
}

class UnsupportedProviderAdapter implements StreamAdapter {
  constructor(readonly provider: string) {}

  requestMode(_metadata: ModelMetadata): RequestMode {
    return "chat_completions";
  }

  stream(_request: StreamRequest, _ctx: StreamContext): AsyncIterable<StreamEvent> {
    const error = new ProviderStreamError(`no streaming adapter for provider ${this.provider}`, {
      point: "setup",
      kind: "bad_request",
    });
    return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
  }
}
