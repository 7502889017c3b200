import { notBenchmarkableFromId } from "../id-rules.js";
import type { SourceFacts } from "../types.js";
import { asBoolean, asPositiveInt, asRecord, asString, fact } from "./common.js";

const S = "provider_catalog" as const;

/**
 * Mistral states `capabilities` (completion_chat, function_calling, vision), the context
 * length and a deprecation date. Its `created` is the time of the request for every row, not
 * the model's creation, so it is ignored.
 */
export function deriveMistral(raw: Record<string, unknown>, modelId: string): SourceFacts {
  const caps = asRecord(raw["capabilities"]);
  const chat = asBoolean(caps?.["completion_chat"]);
  const vision = asBoolean(caps?.["vision"]);
  const facts: SourceFacts = {
    tools: fact(asBoolean(caps?.["function_calling"]), S),
    inputModalities: fact(vision === null ? null : vision ? ["text", "image"] : ["text"], S),
    contextLength: fact(asPositiveInt(raw["max_context_length"]), S),
    lifecycle: fact(asString(raw["deprecation"]) ? ("deprecated" as const) : null, S),
  };
  if (chat === false)
    facts.notBenchmarkable = { value: notBenchmarkableFromId(modelId) ?? "not-chat", source: S };
  else if (chat === true) facts.outputModalities = { value: ["text"], source: S };
  return facts;
}
