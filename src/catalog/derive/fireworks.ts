import type { SourceFacts } from "../types.js";
import { asBoolean, asDate, asPositiveInt, asString, fact } from "./common.js";

const S = "provider_catalog" as const;

/**
 * Fireworks states `supportsTools`, `supportsImageInput`, `contextLength`, `createTime`, the
 * model `kind` (FLUMINA_* are image models, EMBEDDING_MODEL embeddings), `state` and whether
 * it is served without a dedicated deployment (`supportsServerless`).
 */
export function deriveFireworks(raw: Record<string, unknown>): SourceFacts {
  const image = asBoolean(raw["supportsImageInput"]);
  const kind = asString(raw["kind"])?.toUpperCase() ?? "";
  const state = asString(raw["state"])?.toUpperCase() ?? null;
  const facts: SourceFacts = {
    tools: fact(asBoolean(raw["supportsTools"]), S),
    inputModalities: fact(image === null ? null : image ? ["text", "image"] : ["text"], S),
    contextLength: fact(asPositiveInt(raw["contextLength"]), S),
    createdAt: fact(asDate(raw["createTime"]), S),
  };
  if (kind.startsWith("FLUMINA")) facts.notBenchmarkable = { value: "image", source: S };
  else if (kind.includes("EMBEDDING")) facts.notBenchmarkable = { value: "embedding", source: S };
  else if (state !== null && state !== "READY") facts.notBenchmarkable = { value: "inactive", source: S };
  else if (asBoolean(raw["supportsServerless"]) === false) {
    facts.notBenchmarkable = { value: "dedicated-only", source: S };
  }
  return facts;
}
