import OpenAI from "openai";
import type { ProviderEndpoint } from "../../config/config.js";
import { OpenAiChatBackend } from "./openai-chat.js";

/**
 * OpenAI itself: strict structured outputs (`json_schema`) and `max_completion_tokens`, which its
 * reasoning models require (a lesson from the earlier runner, whose gpt-5.2 calls failed on
 * `max_tokens`). `baseUrl` lets tests and proxies point it at another server.
 */
export function createOpenAiBackend(
  model: string,
  endpoint: ProviderEndpoint,
  timeoutMs: number,
): OpenAiChatBackend {
  const client = new OpenAI({
    apiKey: endpoint.apiKey,
    baseURL: endpoint.baseUrl,
    // We decide retries and fallback ourselves; the SDK's default of 2 retries would triple the
    // latency of a failing backend before the next one is tried.
    maxRetries: 0,
    timeout: timeoutMs,
  });
  return new OpenAiChatBackend({
    backend: "openai",
    model,
    client,
    responseFormat: "json_schema",
    tokenLimitParameter: "max_completion_tokens",
  });
}
