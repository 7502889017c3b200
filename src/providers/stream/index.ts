export { createStreamAdapter, type StreamAdapterOptions } from "./factory.js";
export { ProviderStreamError, type FailurePoint } from "./errors.js";
export { parseModelMetadata, ModelMetadataSchema, type ModelMetadata } from "./model-metadata.js";
export type {
  FinishReason,
  ReasoningRequest,
  RequestMode,
  StreamAdapter,
  StreamContext,
  StreamEvent,
  StreamRequest,
} from "./types.js";
