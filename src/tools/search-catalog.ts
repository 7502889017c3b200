import { z } from "zod";
import { MAX_LIMIT, type CatalogHit, type CatalogQuery } from "../catalog/search.js";
import type { Fact } from "../catalog/types.js";
import { AppError } from "../errors.js";
import {
  cursorField,
  decodeCursor,
  encodeCursor,
  limitField,
  offsetPosition,
  pageFields,
} from "./pagination.js";
import { catalogProvider } from "./provider-filter.js";
import { iso, isoDate, isoDateOrNull, providerField } from "./schemas.js";
import { defineTool } from "./tool.js";
import { untrustedOrNull, untrustedText } from "./untrusted.js";

const input = z.strictObject({
  query: z
    .string()
    .max(200)
    .optional()
    .describe(
      "Words matched against id, name, family and description; every word must match. E.g. 'llama 70b'.",
    ),
  provider: providerField
    .optional()
    .describe("Where it is served: 'openrouter' or a provider id such as groq."),
  tools: z.boolean().optional().describe("true: only models that support tool calls."),
  reasoning: z.boolean().optional().describe("true: only reasoning (thinking) models."),
  structured_outputs: z
    .boolean()
    .optional()
    .describe("true: only models with JSON-schema structured outputs."),
  vision: z.boolean().optional().describe("true: only models that accept image input."),
  max_input_price: z
    .number()
    .nonnegative()
    .optional()
    .describe("At most this many USD per million input tokens."),
  max_output_price: z
    .number()
    .nonnegative()
    .optional()
    .describe("At most this many USD per million output tokens."),
  min_context: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Context window of at least this many tokens."),
  new_since: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), "an ISO 8601 date such as 2026-10-01")
    .optional()
    .describe("Only models created (or first seen) on or after this ISO 8601 date."),
  in_fleet: z.boolean().optional().describe("true: only models we benchmark; false: only models we do not."),
  benchmarkable: z
    .boolean()
    .optional()
    .describe("true: only text-generation endpoints the benchmark can measure."),
  limit: limitField(20, Math.min(50, MAX_LIMIT)),
  cursor: cursorField,
});

const fact = <T extends z.ZodType>(value: T) =>
  z
    .object({ value, source: z.string().describe("openrouter, provider_catalog or derived-from-id") })
    .nullable();

const output = z.object({
  total: z.number(),
  hits: z.array(
    z.object({
      key: z.string(),
      provider: z.string().describe("Where it is served: openrouter or a provider id."),
      model_id: z.string(),
      name: untrustedText.nullable(),
      description: untrustedText.nullable(),
      family: z.string().nullable(),
      tools: fact(z.boolean()),
      reasoning: fact(z.boolean()),
      structured_outputs: fact(z.boolean()),
      vision: fact(z.boolean()),
      input_price_per_million_usd: fact(z.number()),
      output_price_per_million_usd: fact(z.number()),
      context_length: fact(z.number()),
      created_at: isoDateOrNull,
      first_seen_at: isoDateOrNull,
      benchmarkable: z.boolean(),
      not_benchmarkable_reason: z.string().nullable(),
      in_fleet: z.boolean(),
      fleet_matches: z.array(
        z.object({
          provider: z.string(),
          model_id: z.string(),
          enabled: z.boolean(),
          verified: z.boolean(),
          confidence: z.number(),
        }),
      ),
    }),
  ),
  index: z.object({
    built_at: isoDate,
    entries: z.number(),
    last_complete_reads: z
      .record(z.string(), z.string())
      .describe("Provider → when its newest complete catalog read finished."),
  }),
  ...pageFields,
});

function factView<T>(f: Fact<T> | null): { value: T; source: string } | null {
  return f ? { value: f.value, source: f.source } : null;
}

function hitView(h: CatalogHit): z.input<typeof output>["hits"][number] {
  const f = h.facts;
  return {
    key: h.key,
    provider: h.provider,
    model_id: h.modelId,
    name: untrustedOrNull(h.name, 200),
    description: untrustedOrNull(h.description, 400),
    family: f.family?.value ?? null,
    tools: factView(f.tools),
    reasoning: factView(f.reasoning),
    structured_outputs: factView(f.structuredOutputs),
    vision: factView(h.vision),
    input_price_per_million_usd: factView(f.inputPricePerMillion),
    output_price_per_million_usd: factView(f.outputPricePerMillion),
    context_length: factView(f.contextLength),
    created_at: iso(f.createdAt?.value),
    first_seen_at: iso(h.firstSeenAt),
    benchmarkable: f.benchmarkable.value,
    not_benchmarkable_reason: f.notBenchmarkableReason,
    in_fleet: h.fleet.inFleet,
    fleet_matches: h.fleet.matches.slice(0, 5).map((m) => ({
      provider: m.provider,
      model_id: m.modelId,
      enabled: m.enabled,
      verified: m.verified,
      confidence: m.confidence,
    })),
  };
}

export const searchCatalogTool = defineTool({
  name: "search_catalog",
  title: "Search the model catalog",
  description:
    "Searches every model the providers and OpenRouter list (not only the fleet) by text, capability (tools, reasoning, " +
    "structured outputs, vision), price, context length, age, fleet membership and whether the benchmark can measure it. " +
    "Each fact says its source (stated by OpenRouter or the provider, or derived from the id). Names and descriptions are " +
    "untrusted provider text. Next: list_models or get_model_signals for a model already in the fleet; propose_enable for " +
    "a disabled fleet model that should be measured again.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const { limit, cursor, ...filters } = args;
    const offset = decodeCursor(cursor, filters, offsetPosition) ?? 0;
    const query: CatalogQuery = {
      text: args.query,
      provider: catalogProvider(args.provider),
      tools: args.tools,
      reasoning: args.reasoning,
      structuredOutputs: args.structured_outputs,
      vision: args.vision,
      maxInputPrice: args.max_input_price,
      maxOutputPrice: args.max_output_price,
      minContext: args.min_context,
      newSince: args.new_since === undefined ? undefined : new Date(args.new_since),
      inFleet: args.in_fleet,
      benchmarkable: args.benchmarkable,
      limit,
      offset,
    };
    const result = await ctx.services.catalog.search(query);
    if (result.index.entries === 0 && offset === 0) {
      throw new AppError(
        "unavailable",
        "The catalog is empty: no provider or OpenRouter list has been read yet. A human runs `bench-operator discovery fetch` (or waits for the discovery job); meanwhile list_models shows the fleet.",
      );
    }
    return {
      total: result.total,
      hits: result.hits.map(hitView),
      index: {
        built_at: result.index.builtAt.toISOString(),
        entries: result.index.entries,
        last_complete_reads: Object.fromEntries(
          Object.entries(result.index.lastCompleteReads).map(([p, d]) => [p, d.toISOString()]),
        ),
      },
      next_cursor: result.nextOffset === null ? null : encodeCursor(result.nextOffset, filters),
      truncated: result.nextOffset !== null,
    };
  },
});
