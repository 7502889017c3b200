import type { Config } from "../../config/config.js";
import { PROVIDERS } from "../../config/settings.js";
import { AppError } from "../../errors.js";
import type { OperatorLlmBackend } from "./backend.js";
import { createBedrockBackend, type BedrockBackendOptions } from "./bedrock.js";
import { createOpenAiBackend } from "./openai.js";
import { createOpenAiCompatibleBackend } from "./openai-compatible.js";

export type { OperatorLlmBackend, OperatorLlmRequest, OperatorLlmResponse } from "./backend.js";
export { OperatorLlmError } from "./backend.js";

export interface OperatorLlmChainOptions {
  /** Passed to the Bedrock client; tests give static fake credentials here. */
  bedrock?: BedrockBackendOptions;
}

/**
 * The operator's LLM backends in fallback order, from `OPERATOR_LLM`. The only switch on backend id.
 * A backend that cannot work as configured (unknown id, missing API key) is a configuration error
 * raised here, at start-up, rather than a silent gap in the fallback chain found at 3 a.m.
 * An empty `OPERATOR_LLM` gives an empty chain: the deterministic classifier decides.
 */
export function createOperatorLlmChain(
  config: Config,
  options: OperatorLlmChainOptions = {},
): OperatorLlmBackend[] {
  const timeoutMs = config.operator.llmTimeoutMs;
  return config.operator.llm.map(({ backend, model }) => {
    if (backend === "bedrock") return createBedrockBackend(model, config.bedrock, timeoutMs, options.bedrock);
    const provider = PROVIDERS.find((p) => p.id === backend);
    if (provider === undefined) {
      throw new AppError(
        "config_invalid",
        `OPERATOR_LLM: unknown backend "${backend}". Use openai, bedrock or one of: ${PROVIDERS.map((p) => p.id).join(", ")}.`,
      );
    }
    const endpoint = config.providers[provider.id];
    if (endpoint.apiKey === undefined) {
      throw new AppError(
        "config_invalid",
        `OPERATOR_LLM names ${backend}:${model}, but ${provider.prefix}_API_KEY is not set.`,
      );
    }
    return provider.id === "openai"
      ? createOpenAiBackend(model, endpoint, timeoutMs)
      : createOpenAiCompatibleBackend(provider.id, model, endpoint, timeoutMs);
  });
}
