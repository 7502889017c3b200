import type { BenchmarkProfile } from "../profiles.js";

/** USD per million tokens, and where the figure came from. */
export interface ModelPrice {
  input_per_million: number;
  output_per_million: number;
  source: "model_metadata" | "provider_catalog" | "openrouter";
}

export interface RunCost {
  /** null when the price is unknown: never 0 for unknown (0 would read as free). */
  cost_usd: number | null;
  price_known: boolean;
  price_source: ModelPrice["source"] | null;
}

/** A rough token count of the profile's prompt, for runs whose provider reported no input usage. */
export function promptTokensEstimate(profile: BenchmarkProfile): number {
  // About four characters per token for English prose, plus the unique prefix and chat framing.
  return Math.ceil(profile.prompt.length / 4) + 16;
}

/** Cost of one run from its usage and the catalog price. */
export function runCost(
  price: ModelPrice | null,
  usage: { input_tokens: number | null; output_tokens: number | null },
  profile: BenchmarkProfile,
): RunCost {
  if (!price) return { cost_usd: null, price_known: false, price_source: null };
  const input = usage.input_tokens ?? promptTokensEstimate(profile);
  const output = usage.output_tokens ?? 0;
  const usd = (input * price.input_per_million + output * price.output_per_million) / 1_000_000;
  return { cost_usd: roundUsd(usd), price_known: true, price_source: price.source };
}

/**
 * What the budget reserves before a call: the whole output budget at the catalog price (an upper
 * bound), or a flat setting when the price is unknown, so that unknown prices are not free.
 */
export function estimateRunUsd(
  price: ModelPrice | null,
  profile: BenchmarkProfile,
  unknownUsd: number,
): number {
  if (!price) return unknownUsd;
  return roundUsd(
    (promptTokensEstimate(profile) * price.input_per_million +
      profile.maxOutputTokens * price.output_per_million) /
      1_000_000,
  );
}

function roundUsd(x: number): number {
  return Number(x.toPrecision(10));
}
