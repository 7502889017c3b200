/**
 * Versions stamped on every stored run. `metrics_schema_version` 3 is this contract (DESIGN
 * section 11): the earlier runner wrote 2, with the same legacy fields. `protocol_version` 2 is
 * this measurement protocol (every provider streamed through one core, TTFT at the first
 * non-empty generated text); the earlier runner's was 1.
 */
export const METRICS_SCHEMA_VERSION = 3;
export const PROTOCOL_VERSION = 2;

/** Messages stored with an error are cut to this length: one limit, kept with the one builder. */
export { MAX_ERROR_MESSAGE_LENGTH } from "../taxonomy/failure-doc.js";

export type SampleRole = "published" | "probe" | "shadow";
