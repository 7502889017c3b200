import type { ErrorKind } from "../taxonomy/kinds.js";
import {
  LOWER,
  sdkError,
  timedOut,
  connectionError,
  togetherId,
  openrouterUser,
  upstream,
  type Builder,
} from "./error-formats.js";
import { createRng, type Rng } from "./random.js";

/*
 * Error messages of the hosts of open models (Groq, Together, Fireworks, DeepInfra, Cerebras) and of
 * the OpenRouter gateway, in the shapes their APIs return and the Python SDKs print. Kinds a host
 * has no format of its own for fall back to the OpenAI format (see messages.ts).
 */

const groqBody = (message: string, type: string, code?: string) => ({
  error: code === undefined ? { message, type } : { message, type, code },
});

export const GROQ: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: ({ model }) =>
    sdkError(
      404,
      groqBody(
        `The model \`${model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        "model_not_found",
      ),
      "NotFoundError",
    ),
  model_retired: ({ model }) =>
    sdkError(
      400,
      groqBody(
        `The model \`${model}\` has been decommissioned and is no longer supported. Please refer to https://console.groq.com/docs/deprecations for a recommendation on which model to use instead.`,
        "invalid_request_error",
        "model_decommissioned",
      ),
      "BadRequestError",
    ),
  model_unavailable: ({ model }) =>
    sdkError(
      400,
      groqBody(
        `The model \`${model}\` requires terms acceptance. Please have the org admin accept the terms at https://console.groq.com/playground?model=${model}`,
        "invalid_request_error",
        "model_terms_required",
      ),
      "BadRequestError",
    ),
  rate_limit: ({ model, rng }) => {
    const limit = rng.pick([6000, 12000, 30000]);
    return sdkError(
      429,
      groqBody(
        `Rate limit reached for model \`${model}\` in organization \`org_01${rng.token(24, LOWER)}\` service tier \`on_demand\` on tokens per minute (TPM): Limit ${limit}, Used ${limit - rng.int(20, 600)}, Requested ${rng.int(600, 1200)}. Please try again in ${rng.between(0.5, 9).toFixed(2)}s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
        "tokens",
        "rate_limit_exceeded",
      ),
      "RateLimitError",
    );
  },
  overloaded: ({ model }) =>
    sdkError(
      503,
      groqBody(
        `${model} is currently over capacity. Please try again and back off exponentially. Visit https://groqstatus.com to see if there is an active incident.`,
        "internal_server_error",
        "service_unavailable",
      ),
      "InternalServerError",
    ),
  server_error: () =>
    sdkError(500, groqBody("Internal Server Error", "internal_server_error"), "InternalServerError"),
  auth: () =>
    sdkError(
      401,
      groqBody("Invalid API Key", "invalid_request_error", "invalid_api_key"),
      "AuthenticationError",
    ),
  timeout: timedOut,
  network: connectionError,
};

const togetherBody = (rng: Rng, message: string, type: string, code: string | null) => ({
  id: togetherId(rng),
  error: { message, type, param: null, code },
});

export const TOGETHER: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: ({ model, rng }) =>
    sdkError(
      404,
      togetherBody(
        rng,
        `Unable to access model ${model}. Please visit https://api.together.ai/models to view the list of supported models.`,
        "invalid_request_error",
        "model_not_available",
      ),
      "NotFoundError",
    ),
  model_retired: ({ model, rng }) =>
    sdkError(
      410,
      togetherBody(
        rng,
        `The model ${model} has been deprecated and is no longer available. Please see https://docs.together.ai/docs/deprecations for replacement models.`,
        "invalid_request_error",
        "model_deprecated",
      ),
      "APIStatusError",
    ),
  model_unavailable: ({ model, rng }) =>
    sdkError(
      400,
      togetherBody(
        rng,
        `Unable to access non-serverless model ${model}. Please visit https://api.together.ai/models/${model} to create and start a new dedicated endpoint for the model.`,
        "invalid_request_error",
        "model_not_available",
      ),
      "BadRequestError",
    ),
  rate_limit: ({ model, rng }) =>
    sdkError(
      429,
      togetherBody(
        rng,
        `You have reached the rate limit specific to this model ${model}. The maximum rate limit for this model is 6.0 queries and 180000 tokens per minute. This limit differs from the general rate limits published at Together AI rate limits documentation (https://docs.together.ai/docs/rate-limits). For inquiries about increasing your model-specific rate limit, please contact our sales team (https://www.together.ai/forms/contact-sales)`,
        "model_rate_limit",
        null,
      ),
      "RateLimitError",
    ),
  overloaded: ({ rng }) =>
    sdkError(
      503,
      togetherBody(rng, "The server is overloaded or not ready yet.", "server_error", null),
      "InternalServerError",
    ),
  server_error: ({ rng }) =>
    sdkError(500, togetherBody(rng, "Internal server error", "server_error", null), "InternalServerError"),
  auth: ({ rng }) =>
    sdkError(
      401,
      togetherBody(
        rng,
        "Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.",
        "invalid_request_error",
        "invalid_api_key",
      ),
      "AuthenticationError",
    ),
  timeout: timedOut,
  network: connectionError,
};

const fireworksBody = (type: string, message: string, code?: string) => ({
  error: code === undefined ? { object: "error", type, message } : { object: "error", type, code, message },
});

export const FIREWORKS: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: () =>
    sdkError(
      404,
      fireworksBody(
        "invalid_request_error",
        "Model not found, inaccessible, and/or not deployed",
        "NOT_FOUND",
      ),
      "NotFoundError",
    ),
  auth: () =>
    sdkError(
      401,
      fireworksBody("invalid_request_error", "The API key you provided is invalid.", "UNAUTHORIZED"),
      "AuthenticationError",
    ),
  rate_limit: () =>
    sdkError(
      429,
      fireworksBody("rate_limit_error", "rate limit exceeded, please try again later"),
      "RateLimitError",
    ),
  server_error: () =>
    sdkError(
      500,
      fireworksBody(
        "internal_server_error",
        "server had an error while processing your request, please retry again after a brief wait",
      ),
      "InternalServerError",
    ),
  timeout: timedOut,
  network: connectionError,
};

export const DEEPINFRA: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: ({ model }) =>
    sdkError(404, { detail: { error: `Model ${model} not found` } }, "NotFoundError"),
  billing: () =>
    sdkError(
      402,
      {
        error: {
          message:
            "Payment required: your account balance is insufficient. Add credits or a payment method at https://deepinfra.com/dash/billing",
          type: "billing_error",
          code: "insufficient_balance",
        },
      },
      "APIStatusError",
    ),
  server_error: () => sdkError(500, { detail: "Internal Server Error" }, "InternalServerError"),
  overloaded: () =>
    sdkError(503, { detail: "Model is overloaded, please try again later" }, "InternalServerError"),
  timeout: timedOut,
  network: connectionError,
};

const cerebrasBody = (message: string, type: string, param: string | null, code: string) => ({
  message,
  type,
  param,
  code,
});

export const CEREBRAS: Partial<Record<ErrorKind, Builder>> = {
  model_not_found: ({ model }) =>
    sdkError(
      404,
      cerebrasBody(
        `Model ${model} does not exist or you do not have access to it.`,
        "not_found_error",
        "model",
        "model_not_found",
      ),
      "NotFoundError",
    ),
  rate_limit: ({ rng }) =>
    rng.chance(0.6)
      ? sdkError(
          429,
          cerebrasBody(
            "Tokens per minute limit exceeded - too many tokens processed.",
            "too_many_tokens_error",
            "quota",
            "token_quota_exceeded",
          ),
          "RateLimitError",
        )
      : sdkError(
          429,
          cerebrasBody(
            "Requests per minute limit exceeded - too many requests sent.",
            "too_many_requests_error",
            "quota",
            "request_quota_exceeded",
          ),
          "RateLimitError",
        ),
  overloaded: () =>
    sdkError(
      503,
      cerebrasBody(
        "We're experiencing high traffic right now! Please try again soon.",
        "too_many_requests_error",
        "queue",
        "queue_exceeded",
      ),
      "InternalServerError",
    ),
  server_error: () =>
    sdkError(
      500,
      cerebrasBody("Internal server error", "internal_server_error", null, "internal_error"),
      "InternalServerError",
    ),
  timeout: timedOut,
  network: connectionError,
};

/** Vertex paths name the publisher: google for Gemini, anthropic for Claude, meta for Llama MaaS. */
const openrouterError = (rng: Rng, error: Record<string, unknown>) => ({
  error,
  user_id: openrouterUser(rng),
});

export const OPENROUTER: Partial<Record<ErrorKind, Builder>> = {
  // "No endpoints found" is a known id nobody serves; an id OpenRouter dropped (renamed) is invalid.
  // Which of the two a model gets is the model's own (OpenRouter answers one id the same way each
  // time), not each run's draw: the two read as different kinds, and a draw per run would let the
  // model's last error, and so its situation, depend on the time of day the demo was seeded.
  model_not_found: ({ model, rng, unknownId }) =>
    !unknownId && createRng(0, "openrouter-wording", model).chance(0.7)
      ? sdkError(
          404,
          openrouterError(rng, { message: `No endpoints found for ${model}.`, code: 404 }),
          "NotFoundError",
        )
      : sdkError(
          400,
          openrouterError(rng, { message: `${model} is not a valid model ID`, code: 400 }),
          "BadRequestError",
        ),
  rate_limit: ({ model, rng }) =>
    sdkError(
      429,
      openrouterError(rng, {
        message: "Provider returned error",
        code: 429,
        metadata: {
          raw: `${model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations`,
          provider_name: upstream(rng),
        },
      }),
      "RateLimitError",
    ),
  server_error: ({ rng }) =>
    sdkError(
      502,
      openrouterError(rng, {
        message: "Provider returned error",
        code: 502,
        metadata: {
          raw: "upstream connect error or disconnect/reset before headers",
          provider_name: upstream(rng),
        },
      }),
      "InternalServerError",
    ),
  billing: ({ rng }) =>
    sdkError(
      402,
      openrouterError(rng, {
        message: "Insufficient credits. Add more using https://openrouter.ai/settings/credits",
        code: 402,
      }),
      "APIStatusError",
    ),
  auth: () => sdkError(401, { error: { message: "User not found.", code: 401 } }, "AuthenticationError"),
  timeout: timedOut,
  network: connectionError,
};
