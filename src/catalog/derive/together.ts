import { perMillion } from "../price.js";
import type { NotBenchmarkableReason, SourceFacts } from "../types.js";
import { asDate, asPositiveInt, asRecord, asString, fact } from "./common.js";

const S = "provider_catalog" as const;

/** Together's `type` names the kind of endpoint; chat, language and code models generate text. */
const TYPE_REASONS: Record<string, NotBenchmarkableReason | null> = {
  chat: null,
  language: null,
  code: null,
  embedding: "embedding",
  image: "image",
  moderation: "moderation",
  rerank: "rerank",
  audio: "speech",
  transcribe: "transcription",
  video: "video",
};

/** Together states `type`, `context_length`, `created` and `pricing` in USD per million tokens. */
export function deriveTogether(raw: Record<string, unknown>): SourceFacts {
  const pricing = asRecord(raw["pricing"]);
  const type = asString(raw["type"])?.toLowerCase() ?? null;
  const facts: SourceFacts = {
    inputPricePerMillion: fact(perMillion(pricing?.["input"]), S),
    outputPricePerMillion: fact(perMillion(pricing?.["output"]), S),
    contextLength: fact(asPositiveInt(raw["context_length"]), S),
    createdAt: fact(asDate(raw["created"]), S),
  };
  if (type !== null && type in TYPE_REASONS) {
    const reason = TYPE_REASONS[type] ?? null;
    if (reason) facts.notBenchmarkable = { value: reason, source: S };
    else facts.outputModalities = { value: ["text"], source: S };
  }
  return facts;
}
