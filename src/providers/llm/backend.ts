/**
 * The operator's own LLM: one non-streaming call that returns JSON text. This is deliberately not
 * the benchmark provider interface (which streams and measures); the operator only needs a
 * structured answer, its token usage (spend must be known) and why it stopped.
 */
export interface OperatorLlmRequest {
  system: string;
  user: string;
  /** JSON schema of the answer; backends use it for structured output where their API has it. */
  jsonSchema: object;
  /** Upper bound on generated tokens (reasoning included); also the budget estimate's output side. */
  maxOutputTokens: number;
  /** Aborts the call: the caller's deadline. Backends never retry on their own. */
  signal: AbortSignal;
}

export interface OperatorLlmResponse {
  /** The answer as text: message content, or the structured tool input serialised as JSON. */
  text: string;
  /** As reported by the provider; zeros when it reported nothing. */
  usage: { inputTokens: number; outputTokens: number };
  /** The provider's stop reason, unchanged (`stop`, `length`, `end_turn`, `max_tokens`, `tool_use`...). */
  finishReason: string;
}

export interface OperatorLlmBackend {
  /** Backend id from `OPERATOR_LLM`: `openai`, `bedrock` or a keyed provider id such as `groq`. */
  readonly backend: string;
  readonly model: string;
  /**
   * Loads what the first call needs (the client library), so that a caller can start its deadline
   * after it. Optional: a backend built ready has nothing to load.
   */
  prepare?(): Promise<void>;
  /** Resolves with the answer or rejects with an {@link OperatorLlmError}; never retries. */
  complete(request: OperatorLlmRequest): Promise<OperatorLlmResponse>;
}

/**
 * A failed backend call. The message is safe to store: it names the backend and the HTTP status,
 * and the provider's own text is truncated and passed through `redactSecrets` by the caller.
 */
export class OperatorLlmError extends Error {
  constructor(
    message: string,
    readonly details: { backend: string; model: string; status?: number; timedOut?: boolean },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "OperatorLlmError";
  }
}

/**
 * Turns whatever a client threw into an {@link OperatorLlmError}. An abort caused by our own deadline
 * is reported as a timeout, not as the client's generic "aborted" text, so the ledger says why.
 */
export function toOperatorLlmError(
  error: unknown,
  context: { backend: string; model: string; signal: AbortSignal; status?: number },
): OperatorLlmError {
  if (error instanceof OperatorLlmError) return error;
  const { backend, model, signal, status } = context;
  if (signal.aborted) {
    // AbortSignal.timeout() aborts with a DOMException named TimeoutError.
    const reason: unknown = signal.reason;
    const timedOut =
      typeof reason === "object" && reason !== null && "name" in reason && reason.name === "TimeoutError";
    const text = timedOut ? "timed out (deadline reached)" : "aborted by the caller";
    return new OperatorLlmError(
      `${backend} ${model}: ${text}`,
      { backend, model, timedOut },
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const prefix = status === undefined ? "" : `HTTP ${status}: `;
  return new OperatorLlmError(
    `${backend} ${model}: ${prefix}${message}`,
    { backend, model, status },
    { cause: error },
  );
}
