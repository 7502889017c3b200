import { z } from "zod";

/**
 * Per-model request quirks, read from `ModelDoc.model_metadata`. A model that rejects
 * `temperature`, a Bedrock model reachable only through an inference profile, an OpenAI model
 * served only by the Responses API: each is a fact about one model, so it is data on that model,
 * never a check on its name. Unknown keys are kept (other runners write their own).
 */
export const ModelMetadataSchema = z.looseObject({
  /** OpenAI only: which API serves the model. Default `chat`. */
  api: z.enum(["chat", "responses"]).optional(),
  /** The model rejects a `temperature` parameter. */
  omit_temperature: z.boolean().optional(),
  /** Bedrock: invoke through this inference profile (e.g. `us.anthropic...`) instead of the model id. */
  inference_profile_id: z.string().min(1).optional(),
  /** Chat Completions: the name of the output-budget parameter this host or model accepts. */
  max_tokens_param: z.enum(["max_tokens", "max_completion_tokens"]).optional(),
  /**
   * The model reasons and accepts reasoning settings; only then does a reasoning profile send
   * them. On Bedrock they are sent in the Claude shape (`thinking`); a Bedrock model with another
   * shape leaves this unset and puts its fields in `additional_model_request_fields`.
   */
  reasoning: z.boolean().optional(),
  /** Overrides the profile's reasoning effort for this model. */
  reasoning_effort: z.enum(["minimal", "low", "medium", "high"]).optional(),
  /** Extra top-level request fields for JSON APIs (e.g. a host's `reasoning: {enabled: false}`). */
  extra_body: z.record(z.string(), z.unknown()).optional(),
  /** Bedrock `additionalModelRequestFields`. */
  additional_model_request_fields: z.record(z.string(), z.unknown()).optional(),
});

export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;

export type MetadataParse = { ok: true; metadata: ModelMetadata } | { ok: false; problem: string };

export function parseModelMetadata(raw: unknown): MetadataParse {
  const parsed = ModelMetadataSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, metadata: parsed.data };
  const problem = parsed.error.issues
    .map((issue) => `${issue.path.join(".") || "model_metadata"}: ${issue.message}`)
    .join("; ");
  return { ok: false, problem };
}
