/**
 * Where a derived fact came from. The catalog is built from sources of very different quality:
 * OpenRouter states capabilities and prices, some provider lists state a few facts, and for the
 * rest only the id says something. Every fact carries its source so that a reader (a person or
 * an agent) can weigh it.
 */
export type FactSource = "openrouter" | "provider_catalog" | "derived-from-id";

export interface Fact<T> {
  value: T;
  source: FactSource;
}

/** Why a catalog entry is not a text-generation endpoint that the benchmark can measure. */
export type NotBenchmarkableReason =
  | "embedding"
  | "speech"
  | "transcription"
  | "image"
  | "moderation"
  | "rerank"
  | "video"
  | "ocr"
  /** A meta-model that routes to others (OpenRouter's auto router); nothing stable to measure. */
  | "router"
  /** Search, computer-use and deep-research variants: they run tools, not plain generation. */
  | "agentic"
  /** A system behind one id that routes to several models and runs tools (Groq compound). */
  | "compound"
  /** Only a dedicated deployment (Bedrock provisioned throughput) can serve it. */
  | "dedicated-only"
  /** Bedrock serves it only through an inference profile, which is its own catalog entry. */
  | "inference-profile-only"
  /** The provider lists it but says it is not available (Groq `active:false`). */
  | "inactive"
  /** The source says it does no chat completion and nothing more specific. */
  | "not-chat";

export type Lifecycle = "active" | "legacy" | "deprecated";

export interface DerivedFacts {
  family: Fact<string> | null;
  tools: Fact<boolean> | null;
  reasoning: Fact<boolean> | null;
  structuredOutputs: Fact<boolean> | null;
  /** Lower-case modality names: text, image, audio, video, file, embedding. */
  inputModalities: Fact<string[]> | null;
  outputModalities: Fact<string[]> | null;
  /** USD per million tokens; null means unknown, never zero (zero means free). */
  inputPricePerMillion: Fact<number> | null;
  outputPricePerMillion: Fact<number> | null;
  contextLength: Fact<number> | null;
  maxOutputTokens: Fact<number> | null;
  /** When the source says the model was created (not when we first saw it). */
  createdAt: Fact<Date> | null;
  lifecycle: Fact<Lifecycle> | null;
  benchmarkable: Fact<boolean>;
  notBenchmarkableReason: NotBenchmarkableReason | null;
}

/** What a per-source deriver states; anything it leaves out is filled from the id, or unknown. */
export type SourceFacts = Partial<Omit<DerivedFacts, "benchmarkable" | "notBenchmarkableReason">> & {
  notBenchmarkable?: Fact<NotBenchmarkableReason>;
};
