import type { SourceFacts } from "../types.js";
import { asBoolean, asDate, asPositiveInt, fact } from "./common.js";

const S = "provider_catalog" as const;

/** Groq adds `context_window`, `max_completion_tokens` (newer lists), `active` and a real `created`. */
export function deriveGroq(raw: Record<string, unknown>): SourceFacts {
  const facts: SourceFacts = {
    contextLength: fact(asPositiveInt(raw["context_window"]), S),
    maxOutputTokens: fact(asPositiveInt(raw["max_completion_tokens"]), S),
    createdAt: fact(asDate(raw["created"]), S),
  };
  if (asBoolean(raw["active"]) === false) facts.notBenchmarkable = { value: "inactive", source: S };
  return facts;
}
