import { modelKey, vendorsCompatible, type ModelKey } from "./model-key.js";

/** The part of a `models` document matching needs. */
export interface FleetModelRef {
  provider: string;
  model_id: string;
  enabled: boolean;
}

export type FleetMatchRule =
  | "exact"
  | "case-insensitive"
  | "bedrock-inference-profile"
  | "same-model-key"
  | "same-model-key-without-date"
  | "same-model-key-without-suffix";

export interface FleetMatch {
  provider: string;
  modelId: string;
  enabled: boolean;
  rule: FleetMatchRule;
  /** How sure the rule is; only an exact match is certain. */
  confidence: number;
  /** True only for an exact provider + model_id match: everything else is a deterministic guess. */
  verified: boolean;
}

export interface FleetStatus {
  /** Some `models` row matches (enabled or not) at IN_FLEET_MIN_CONFIDENCE or more. */
  inFleet: boolean;
  /** Some such row is enabled: we measure it. */
  benchmarked: boolean;
  /** Every match, the surest first, near matches below IN_FLEET_MIN_CONFIDENCE included. */
  matches: FleetMatch[];
}

interface Keyed {
  ref: FleetModelRef;
  key: ModelKey;
}

const CONFIDENCE: Record<FleetMatchRule, number> = {
  exact: 1,
  "case-insensitive": 0.95,
  "bedrock-inference-profile": 0.9,
  "same-model-key": 0.85,
  "same-model-key-without-date": 0.75,
  "same-model-key-without-suffix": 0.6,
};
/**
 * A match this sure or surer puts an entry in the fleet. Below it is only the same family with
 * another release tag (`mistral-small-2603` and the fleet's `mistral-small-2402`): shown as a near
 * match, but the newer model is not in the fleet, so `--not-in-fleet` and admission still see it.
 */
export const IN_FLEET_MIN_CONFIDENCE = 0.7;
/** Cross-provider (OpenRouter ↔ a direct provider) matches are less certain than same-provider ones. */
const CROSS_PROVIDER_PENALTY = 0.05;

/**
 * Answers "is this catalog entry in our fleet, and under which id?" with deterministic rules:
 * same provider and id (exact, then case-insensitive: the fleet has case-variant duplicates),
 * Bedrock foundation model ↔ its `us.`/`global.` inference profile, and for OpenRouter entries
 * the same model at a direct provider (`anthropic/claude-3.5-sonnet` ↔ `claude-3-5-sonnet-…`).
 * A provider catalog entry is only matched within its own provider: serving the same weights
 * elsewhere is not measuring this endpoint.
 */
export class FleetMatcher {
  private readonly exact = new Map<string, FleetModelRef[]>();
  private readonly lower = new Map<string, FleetModelRef[]>();
  private readonly byStrict = new Map<string, Keyed[]>();
  private readonly byUndated = new Map<string, Keyed[]>();
  private readonly byLoose = new Map<string, Keyed[]>();

  constructor(models: readonly FleetModelRef[]) {
    for (const ref of models) {
      push(this.exact, `${ref.provider}\u0000${ref.model_id}`, ref);
      push(this.lower, `${ref.provider}\u0000${ref.model_id.toLowerCase()}`, ref);
      const key = modelKey(ref.provider, ref.model_id);
      push(this.byStrict, key.strict, { ref, key });
      push(this.byUndated, key.undated, { ref, key });
      push(this.byLoose, key.loose, { ref, key });
    }
  }

  match(provider: string, modelId: string): FleetStatus {
    const found = new Map<string, FleetMatch>();
    const add = (ref: FleetModelRef, rule: FleetMatchRule, penalty = 0): void => {
      const id = `${ref.provider}\u0000${ref.model_id}`;
      const confidence = Number((CONFIDENCE[rule] - penalty).toFixed(2));
      const prev = found.get(id);
      if (prev && prev.confidence >= confidence) return;
      found.set(id, {
        provider: ref.provider,
        modelId: ref.model_id,
        enabled: ref.enabled,
        rule,
        confidence,
        verified: rule === "exact",
      });
    };

    for (const ref of this.exact.get(`${provider}\u0000${modelId}`) ?? []) add(ref, "exact");
    for (const ref of this.lower.get(`${provider}\u0000${modelId.toLowerCase()}`) ?? [])
      add(ref, "case-insensitive");
    const key = modelKey(provider, modelId);
    for (const { ref, key: other } of this.byStrict.get(key.strict) ?? []) {
      if (!vendorsCompatible(key, other)) continue;
      if (ref.provider === provider) {
        add(
          ref,
          provider === "bedrock" && ref.model_id !== modelId ? "bedrock-inference-profile" : "same-model-key",
        );
      } else if (provider === "openrouter") {
        add(ref, "same-model-key", CROSS_PROVIDER_PENALTY);
      }
    }
    // Dropping dates is only safe across providers: a direct provider lists dated and undated
    // ids as separate endpoints (gpt-4o and gpt-4o-2024-08-06), and only one may be in the fleet.
    if (provider === "openrouter") {
      for (const { ref, key: other } of this.byUndated.get(key.undated) ?? []) {
        if (ref.provider !== provider && vendorsCompatible(key, other))
          add(ref, "same-model-key-without-date");
      }
      for (const { ref, key: other } of this.byLoose.get(key.loose) ?? []) {
        if (ref.provider !== provider && vendorsCompatible(key, other))
          add(ref, "same-model-key-without-suffix");
      }
    }
    const matches = [...found.values()].sort(
      (a, b) =>
        b.confidence - a.confidence ||
        a.provider.localeCompare(b.provider) ||
        a.modelId.localeCompare(b.modelId),
    );
    const sure = matches.filter((m) => m.confidence >= IN_FLEET_MIN_CONFIDENCE);
    return { inFleet: sure.length > 0, benchmarked: sure.some((m) => m.enabled), matches };
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
