import { notBenchmarkableFromId } from "../catalog/id-rules.js";
import {
  PROVIDER_PROFILES,
  REFERENCE_FLEET_SIZE,
  type DemoProvider,
  type ProviderProfile,
} from "./providers.js";

/** One id of the synthetic catalog, before any scenario is assigned. */
export interface CatalogEntry {
  provider: DemoProvider;
  model_id: string;
  /** A real id from a provider catalog, rather than one grown from a template. */
  real: boolean;
  /** Position in the provider's list: real ids first, newest first. */
  rank: number;
  enabled: boolean;
}

/** The share of the reference fleet that is enabled (220 of 523). */
export const ENABLED_SHARE = PROVIDER_PROFILES.reduce((n, p) => n + p.enabled, 0) / REFERENCE_FLEET_SIZE;

/**
 * Splits `total` over weighted buckets by the largest-remainder method, so the parts always sum
 * to `total` and every bucket with weight gets at least `min` when there is room.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const floors = weights.map((w) => Math.max(min, Math.floor((total * w) / sum)));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) / sum - Math.floor((total * w) / sum) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) floors[order[k]!.i]!++;
  // `min` can overshoot a tiny total; take the excess back from the largest buckets.
  while (left < 0) {
    const i = floors.indexOf(Math.max(...floors));
    floors[i]!--;
    left++;
  }
  return floors;
}

/** The first `count` ids of a provider: its real ids, then ids grown from its templates. */
export function providerIds(profile: ProviderProfile, count: number): { id: string; real: boolean }[] {
  const out: { id: string; real: boolean }[] = [];
  // Case-insensitive uniqueness: two spellings of one id are a scenario of their own, never an accident.
  const seen = new Set<string>();
  for (const id of profile.realIds) {
    if (out.length >= count) return out;
    if (seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    out.push({ id, real: true });
  }
  const templates = profile.templates;
  let misses = 0;
  for (let round = 0; out.length < count; round++) {
    for (const make of templates) {
      if (out.length >= count) break;
      const id = make(round);
      if (seen.has(id.toLowerCase())) {
        // Templates with short date formats repeat after a year; a long run of nothing new means
        // every template is exhausted, which the provider lists above are sized never to reach.
        if (++misses > 50 * templates.length) throw new Error(`cannot grow ${profile.id} to ${count} ids`);
        continue;
      }
      misses = 0;
      seen.add(id.toLowerCase());
      out.push({ id, real: false });
    }
  }
  return out;
}

/**
 * The fleet's ids: `total` models split over the providers in the reference fleet's proportions,
 * with about 42% enabled (the reference fleet's 220 of 523), the first ids of each provider
 * enabled and the rest disabled. Independent of the seed: the seed shapes what happens to the
 * models, not which models exist.
 */
export function buildCatalog(total: number): CatalogEntry[] {
  if (!Number.isInteger(total) || total < PROVIDER_PROFILES.length * 4) {
    throw new Error(`a demo fleet needs at least ${PROVIDER_PROFILES.length * 4} models`);
  }
  const counts = apportion(
    total,
    PROVIDER_PROFILES.map((p) => p.models),
    4,
  );
  const enabledTotal = Math.round(total * ENABLED_SHARE);
  // Every provider keeps at least two enabled models: a provider-wide scenario needs someone to hit.
  const enabled = apportion(
    enabledTotal,
    PROVIDER_PROFILES.map((p) => p.enabled),
    2,
  );
  const out: CatalogEntry[] = [];
  PROVIDER_PROFILES.forEach((profile, i) => {
    const count = counts[i]!;
    const on = Math.min(enabled[i]!, count - 1);
    // The fleet measures none of the ids the product itself would never add (guard, compound, ...):
    // those stay in it disabled, as a real fleet's are once someone noticed.
    let measured = 0;
    providerIds(profile, count).forEach(({ id, real }, rank) => {
      const enabled = measured < on && notBenchmarkableFromId(id) === null;
      if (enabled) measured += 1;
      out.push({ provider: profile.id, model_id: id, real, rank, enabled });
    });
  });
  return out;
}

/** A readable name from an id: the last path segment, without Bedrock's version suffix. */
export function displayName(modelId: string): string {
  const last = modelId.split("/").pop() ?? modelId;
  // Bedrock ids carry a region and a vendor prefix ("us.anthropic.") and a version suffix.
  const bare = last
    .replace(/^(us|eu|apac|global)\./, "")
    .replace(/^[a-z]+\.(?=[a-z])/, "")
    .replace(/-v\d+:\d+$/, "");
  return bare
    .split(/[-_]/)
    .filter((part) => part !== "")
    .map((part) => ACRONYMS[part] ?? (/^[a-z]/.test(part) ? part[0]!.toUpperCase() + part.slice(1) : part))
    .join(" ");
}

const ACRONYMS: Readonly<Record<string, string>> = {
  gpt: "GPT",
  glm: "GLM",
  oss: "OSS",
  qwq: "QwQ",
  r1: "R1",
};
