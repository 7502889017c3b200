export {
  prepareMeasurement,
  runBenchmark,
  type BenchmarkTarget,
  type RunOptions,
  type RunResult,
} from "./measure.js";
export {
  CLOUD_V1,
  DEFAULT_PROFILE_ID,
  getProfile,
  PROFILES,
  REASONING_V1,
  STORY_64_V1,
  type BenchmarkProfile,
  type LengthBand,
} from "./profiles.js";
export { METRICS_SCHEMA_VERSION, PROTOCOL_VERSION, type SampleRole } from "./contract.js";
export { targetFromModel } from "./target.js";
