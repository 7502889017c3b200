import type { Config } from "../../config/config.js";
import { PROVIDERS } from "../../config/settings.js";
import { AppError } from "../../errors.js";
import type { OperatorLlmBackend, OperatorLlmRequest, OperatorLlmResponse } from "./backend.js";
import type { BedrockBackendOptions } from "./bedrock.js";

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
 *
 * Each backend's client library (openai, the AWS SDK: about 50 ms each) loads on its first call,
 * so building a chain (every job process, every `operator` command) costs nothing until it asks.
 */
export function createOperatorLlmChain(
  config: Config,
  options: OperatorLlmChainOptions = {},
): OperatorLlmBackend[] {
  const timeoutMs = config.operator.llmTimeoutMs;
  return config.operator.llm.map(({ backend, model }) => {
    if (backend === "bedrock") {
      return loadedOnFirstCall(backend, model, async () =>
        (await import("./bedrock.js")).createBedrockBackend(
          model,
          config.bedrock,
          timeoutMs,
          options.bedrock,
        ),
      );
    }
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
    const id = provider.id;
    return loadedOnFirstCall(backend, model, async () =>
      id === "openai"
        ? (await import("./openai.js")).createOpenAiBackend(model, endpoint, timeoutMs)
        : (await import("./openai-compatible.js")).createOpenAiCompatibleBackend(
            id,
            model,
            endpoint,
            timeoutMs,
          ),
    );
  });
}

/** A backend whose client is built on its first `prepare` or `complete`, and reused after. */
function loadedOnFirstCall(
  backend: string,
  model: string,
  load: () => Promise<OperatorLlmBackend>,
): OperatorLlmBackend {
  let loaded: Promise<OperatorLlmBackend> | undefined;
  return {
    backend,
    model,
    async prepare(): Promise<void> {
      await (loaded ??= load());
    },
    async complete(request: OperatorLlmRequest): Promise<OperatorLlmResponse> {
      return (await (loaded ??= load())).complete(request);
    },
  };
}
