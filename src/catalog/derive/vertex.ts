import type { SourceFacts } from "../types.js";
import { asString, fact } from "./common.js";

const S = "provider_catalog" as const;

/** Open-weight categories: Model Garden lists these for deployment on an endpoint of one's own. */
const OPEN_WEIGHTS = /_OSS($|_)/;

/**
 * A Vertex Model Garden row (`PublisherModel`) states its launch stage and whether its weights
 * are open. Open weights without `-maas` in the id are served only from a deployment of one's
 * own (Gemma, Llama checkpoints), never by the serverless APIs the benchmark calls; the MaaS ids
 * and the proprietary models (Gemini, Claude) are. Modalities, prices and limits are not in the
 * list's basic view and are left to the id rules.
 */
export function deriveVertex(raw: Record<string, unknown>, modelId: string): SourceFacts {
  const stage = asString(raw["launchStage"]);
  const category = asString(raw["openSourceCategory"]);
  const facts: SourceFacts = {
    lifecycle: fact(stage && stage !== "LAUNCH_STAGE_UNSPECIFIED" ? "active" : null, S),
  };
  if (category && OPEN_WEIGHTS.test(category) && !/-maas$/i.test(modelId)) {
    facts.notBenchmarkable = { value: "dedicated-only", source: S };
  }
  return facts;
}
