import type { SourceFacts } from "../types.js";
import { asDate, fact } from "./common.js";

const S = "provider_catalog" as const;

/**
 * OpenAI, Anthropic and Cerebras list ids, owners and a creation time (Anthropic `created_at`,
 * OpenAI `created`; Cerebras says 0, which reads as unknown). Everything else comes from the id.
 */
export function deriveIdOnlyList(raw: Record<string, unknown>): SourceFacts {
  return { createdAt: fact(asDate(raw["created_at"]) ?? asDate(raw["created"]), S) };
}
