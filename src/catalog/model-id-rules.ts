import { notBenchmarkableFromId } from "./id-rules.js";

/**
 * What we know about model ids before a model is added, so `models add` catches the mistakes the
 * earlier fleet made: Bedrock's newer Anthropic and Meta models answer only through a regional
 * inference profile (`us.` prefix), and endpoints that do not generate text cannot be benchmarked.
 * Which ids those are is the catalog's one table (`notBenchmarkableFromId`), the same that marks
 * catalog entries, so `models add` and admission never disagree.
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
  const reason = notBenchmarkableFromId(modelId);
  if (reason) {
    out.errors.push(`${modelId} is not benchmarkable (${reason}): the benchmark measures text generation`);
  }
  return out;
}
