import type { ModelMetadata } from "../providers/stream/model-metadata.js";
import type { StreamRequest } from "../providers/stream/types.js";
import { promptFor, type BenchmarkProfile } from "./profiles.js";

/**
 * Resolves a profile against one model's metadata. The quirks that apply to every wire format
 * are decided here once (a model that rejects temperature; reasoning settings only for models
 * that reason, with a per-model effort); wire-specific ones stay in the adapters.
 */
export function buildRequest(
  profile: BenchmarkProfile,
  model: string,
  metadata: ModelMetadata,
  nonce?: string,
): StreamRequest {
  const reasoning =
    metadata.reasoning === true && profile.reasoning !== null
      ? { ...profile.reasoning, ...(metadata.reasoning_effort ? { effort: metadata.reasoning_effort } : {}) }
      : null;
  return {
    model,
    prompt: promptFor(profile, nonce),
    maxOutputTokens: profile.maxOutputTokens,
    temperature: metadata.omit_temperature ? null : profile.temperature,
    reasoning,
    metadata,
  };
}
