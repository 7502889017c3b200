import OpenAI from "openai";
import type { ProviderEndpoint } from "../../config/config.js";
import type { KeyedProviderId } from "../../config/settings.js";
import { OpenAiChatBackend } from "./openai-chat.js";

/**
 * Public base URLs of the hosts that serve the OpenAI Chat Completions format, used when
 * `<PROVIDER>_BASE_URL` is not set. OpenAI itself has its own adapter.
 */
export const OPENAI_COMPATIBLE_BASE_URLS: Record<Exclude<KeyedProviderId, "openai">, string> = {
  anthropic: "https://api.anthropic.com/v1",
  groq: "https://api.groq.com/openai/v1",
  together: "https://api.together.xyz/v1",
  fireworks: "https://api.fireworks.ai/inference/v1",
  deepinfra: "https://api.deepinfra.com/v1/openai",
  cerebras: "https://api.cerebras.ai/v1",
  mistral: "https://api.mistral.ai/v1",
  openrouter: "https://openrouter.ai/api/v1",
};

/**
 * Any OpenAI-compatible host, through the `openai` SDK with that host's key and base URL. The SDK
 * rather than plain fetch: the wire format is the same one the OpenAI adapter already speaks, and
 * the SDK gives us its error classes (HTTP status), abort handling and timeouts for free, so the
 * two adapters differ only in the two request options below.
 *
 * Those hosts promise valid JSON (`json_object`) far more widely than strict `json_schema`, which
 * several accept only for some models and reject with a 400 for the rest; the prompt states the
 * answer's shape and our validation checks it either way. They document `max_tokens`.
 */
export function createOpenAiCompatibleBackend(
  providerId: Exclude<KeyedProviderId, "openai">,
  model: string,
  endpoint: ProviderEndpoint,
  timeoutMs: number,
): OpenAiChatBackend {
  const client = new OpenAI({
    apiKey: endpoint.apiKey,
    baseURL: endpoint.baseUrl ?? OPENAI_COMPATIBLE_BASE_URLS[providerId],
    maxRetries: 0,
    timeout: timeoutMs,
  });
  return new OpenAiChatBackend({
    backend: providerId,
    model,
    client,
    responseFormat: "json_object",
    tokenLimitParameter: "max_tokens",
  });
}
