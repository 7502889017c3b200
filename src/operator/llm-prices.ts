import type { Config } from "../config/config.js";
import type { TokenPrice } from "../providers/llm/metered-call.js";

/**
 * Built-in prices of the common decision models, USD per million tokens (standard tier, no
 * cache discount), as the providers publish them: OpenAI's pricing page and Amazon Bedrock's
 * on-demand pricing for Anthropic and Amazon models, read 2026-12. They exist so that an API key
 * alone gives LLM decisions within the daily budget: a call is refused without a price, because
 * spend must be known. `OPERATOR_LLM_PRICES` overrides any entry and adds others; the README's
 * "Operator LLM prices" section lists this table (a unit test keeps the two in step).
 *
 * Bedrock's geographic inference profiles (`us.`, `eu.`, `apac.`, `jp.`, `au.`) cost more than the
 * global profile for recent Anthropic models (a 10% premium); the table holds the profile's price
 * and the lookup adds the premium to a prefixed id, so the budget check errs on the high side.
 */
export const BUILTIN_LLM_PRICES: Readonly<Record<string, TokenPrice>> = {
  "gpt-5.2": { input: 1.75, output: 14 },
  "gpt-5.1": { input: 1.25, output: 10 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  o3: { input: 2, output: 8 },
  "o4-mini": { input: 1.1, output: 4.4 },
  "anthropic.claude-opus-4-5-20251101-v1:0": { input: 5, output: 25 },
  "anthropic.claude-sonnet-4-5-20250929-v1:0": { input: 3, output: 15 },
  "anthropic.claude-haiku-4-5-20251001-v1:0": { input: 1, output: 5 },
  "anthropic.claude-sonnet-4-20250514-v1:0": { input: 3, output: 15 },
  "anthropic.claude-3-5-haiku-20241022-v1:0": { input: 0.8, output: 4 },
  "amazon.nova-pro-v1:0": { input: 0.8, output: 3.2 },
  "amazon.nova-lite-v1:0": { input: 0.06, output: 0.24 },
  "amazon.nova-micro-v1:0": { input: 0.035, output: 0.14 },
};

/** The geographic premium of a Bedrock cross-region profile over the plain or global id. */
const GEO_PROFILE_PREMIUM = 1.1;
const GEO_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov)\./;
const GLOBAL_PREFIX = /^global\./;
/** OpenAI's dated snapshots (`gpt-5-mini-2025-08-07`) cost what their alias costs. */
const DATED_SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;

export interface PriceLookup {
  price: TokenPrice;
  source: "setting" | "built_in";
}

/**
 * The price a call to `model` is charged at: `OPERATOR_LLM_PRICES` first (exactly as written),
 * then the built-in table (a dated OpenAI snapshot as its alias, a Bedrock profile as its base
 * id, a geographic profile with its premium). Undefined: the model has no known price.
 */
export function priceOf(config: Pick<Config, "operator">, model: string): PriceLookup | undefined {
  const set = config.operator.prices[model];
  if (set !== undefined) return { price: set, source: "setting" };
  const builtIn = builtInPrice(model);
  return builtIn === undefined ? undefined : { price: builtIn, source: "built_in" };
}

export function builtInPrice(model: string): TokenPrice | undefined {
  const exact = BUILTIN_LLM_PRICES[model] ?? BUILTIN_LLM_PRICES[model.replace(DATED_SNAPSHOT, "")];
  if (exact !== undefined) return exact;
  if (GLOBAL_PREFIX.test(model)) return BUILTIN_LLM_PRICES[model.replace(GLOBAL_PREFIX, "")];
  const base = GEO_PREFIX.test(model) ? BUILTIN_LLM_PRICES[model.replace(GEO_PREFIX, "")] : undefined;
  if (base === undefined) return undefined;
  return { input: base.input * GEO_PROFILE_PREMIUM, output: base.output * GEO_PROFILE_PREMIUM };
}

/** Why a model was refused a call for want of a price, naming both places a price comes from. */
export function noPriceText(backend: string, model: string): string {
  return `${backend}:${model}: no price (not in the built-in table, see the README's "Operator LLM prices", nor in OPERATOR_LLM_PRICES), not called`;
}

/** The README's table of built-in prices, generated so the two cannot drift. */
export function builtInPricesMarkdown(): string {
  const rows = Object.entries(BUILTIN_LLM_PRICES).map(
    ([model, p]) => `| \`${model}\` | ${p.input} | ${p.output} |`,
  );
  return ["| Model | Input USD / M tokens | Output USD / M tokens |", "| --- | --- | --- |", ...rows].join(
    "\n",
  );
}
