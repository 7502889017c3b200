import type { ModelDoc } from "../storage/documents.js";
import type { BenchmarkTarget } from "./measure.js";

/** The benchmark target for a catalog model: its provider, id and request quirks. */
export function targetFromModel(
  model: Pick<ModelDoc, "provider" | "model_id" | "model_metadata">,
): BenchmarkTarget {
  return { provider: model.provider, model: model.model_id, metadata: model.model_metadata ?? null };
}
