import { countTokens } from "./count-tokens.js";
import { redactSecrets } from "../../logger.js";
import type { OperatorLlmBackend, OperatorLlmRequest } from "./backend.js";

/** USD per million tokens, as in `OPERATOR_LLM_PRICES`. */
export interface TokenPrice {
  input: number;
  output: number;
}

export function costUsd(inputTokens: number, outputTokens: number, price: TokenPrice): number {
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

/** Longest error text kept from a failed call. */
export const MAX_CALL_ERROR_CHARS = 300;

/** What one call cost and returned; `text` is absent and `error` set when it failed. */
export interface MeteredCall {
  backend: string;
  model: string;
  at: Date;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** `provider`: usage as reported; `counted`: the provider reported none, so we counted (o200k). */
  usageSource: "provider" | "counted";
  text?: string;
  /** Redacted and truncated. */
  error?: string;
}

export interface MeteredCallOptions {
  timeoutMs: number;
  price: TokenPrice;
  /** Our own count of the prompt, used when the provider reports no usage. */
  countedInputTokens: number;
  /** When the call starts, on the caller's clock. */
  at: Date;
}

/**
 * One call with our deadline, measured and priced. Never throws: a failure comes back as a call
 * with `error` and zero tokens (providers report no usage on errors; a timed-out call may still be
 * billed, which the ledger cannot know).
 */
export async function meteredCall(
  backend: OperatorLlmBackend,
  request: Omit<OperatorLlmRequest, "signal">,
  options: MeteredCallOptions,
): Promise<MeteredCall> {
  const base = { backend: backend.backend, model: backend.model, at: options.at };
  let started = performance.now();
  try {
    // A backend's client library loads on its first call (providers/llm/index.ts); the deadline
    // is the provider's, so it starts once that is done.
    await backend.prepare?.();
    started = performance.now();
    const signal = AbortSignal.timeout(options.timeoutMs);
    const deadline = `${backend.backend} ${backend.model}: timed out after ${options.timeoutMs} ms`;
    const response = await abortable(backend.complete({ ...request, signal }), signal, deadline);
    const latencyMs = Math.round(performance.now() - started);
    // A provider that reports no usage still charged for the call: count it ourselves.
    const reported = response.usage.inputTokens > 0 || response.usage.outputTokens > 0;
    const inputTokens = reported ? response.usage.inputTokens : options.countedInputTokens;
    const outputTokens = reported ? response.usage.outputTokens : countTokens(response.text);
    return {
      ...base,
      latencyMs,
      inputTokens,
      outputTokens,
      costUsd: costUsd(inputTokens, outputTokens, options.price),
      usageSource: reported ? "provider" : "counted",
      text: response.text,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      latencyMs: Math.round(performance.now() - started),
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      usageSource: "provider",
      error: safeErrorText(message),
    };
  }
}

/** Redact before truncating: a cut could leave a secret too short for the patterns to match. */
export function safeErrorText(text: string): string {
  return redactSecrets(text).slice(0, MAX_CALL_ERROR_CHARS);
}

/** Rejects when the signal aborts even if a backend ignores its signal: the deadline is ours. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal, timeoutText: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error(timeoutText));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
