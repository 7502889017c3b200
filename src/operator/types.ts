import type { ErrorClassification } from "../signals/read.js";
import type { ErrorKind } from "../taxonomy/kinds.js";
import type { OperatorAction } from "./actions.js";

export { OPERATOR_ACTIONS, type OperatorAction } from "./actions.js";

/**
 * A group of affected models that share provider | kind | fingerprint (DESIGN section 6). Its
 * id is derived from that key, so it is stable across runs. Sample messages are provider text:
 * untrusted, and delimited wherever they reach a prompt or an agent.
 */
export interface Situation {
  id: string;
  provider: string;
  kind: ErrorKind;
  fingerprint: string;
  /** For an `unknown` kind: the stored LLM classification of the fingerprint, if any. */
  classified: ErrorClassification | null;
  modelIds: string[];
  modelCount: number;
  startedAt: Date;
  lastSeenAt: Date;
  /** The provider's words, redacted (not the normalized text that groups them): distinct by that text. */
  sampleMessages: string[];
  /** Whether other models of the same provider succeeded recently (within 24 h). */
  providerHasHealthyModels: boolean;
  /** The deterministic classifier's suggestion, shown to the LLM and used as the fallback. */
  suggestion: SituationVerdict;
  /** Changes when the evidence changes; an unchanged digest reuses the last LLM verdict. */
  evidenceDigest: string;
}

export interface SituationVerdict {
  situationId: string;
  action: OperatorAction;
  confidence: number;
  reasoning: string;
}
