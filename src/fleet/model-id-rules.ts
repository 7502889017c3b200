/**
 * What we know about model ids before a model is added, so `models add` catches the mistakes the
 * earlier fleet made: Bedrock's newer Anthropic and Meta models answer only through a regional
 * inference profile (`us.` prefix), and endpoints that do not generate text cannot be benchmarked.
 */
export interface IdCheck {
  errors: string[];
  warnings: string[];
  suggestion?: string;
}

// Models that Bedrock serves on demand only through a cross-region inference profile.
const BEDROCK_PROFILE_ONLY =
  /^(anthropic\.claude-(3-5-sonnet-20241022|3-5-haiku|3-7|sonnet-4|opus-4|haiku-4)|meta\.llama(3-2|3-3|4))/;
const BEDROCK_PROFILE_PREFIX = /^(us|eu|apac|global)\./;
const NON_CHAT =
  /(embed|tts|whisper|transcrib|dall-e|image-|imagen|moderation|rerank|speech|audio-preview|sora)/i;

export function checkModelId(provider: string, modelId: string): IdCheck {
  const out: IdCheck = { errors: [], warnings: [] };
  if (modelId.trim() !== modelId || modelId === "")
    out.errors.push("the model id is empty or has surrounding spaces");
  if (provider === "bedrock" && !BEDROCK_PROFILE_PREFIX.test(modelId) && BEDROCK_PROFILE_ONLY.test(modelId)) {
    out.suggestion = `us.${modelId}`;
    out.errors.push(
      `Bedrock serves ${modelId} on demand only through an inference profile: use ${out.suggestion}`,
    );
  }
  if (NON_CHAT.test(modelId)) {
    out.warnings.push(
      `${modelId} looks like a non-chat endpoint (embedding, speech, image, moderation or rerank); it cannot be benchmarked`,
    );
  }
  return out;
}
