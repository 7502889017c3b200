import { z } from "zod";
import { comesAfter, filterModels } from "../fleet/model-filter.js";
import { cursorField, decodeCursor, encodeCursor, limitField, pageFields } from "./pagination.js";
import { fleetProvider } from "./provider-filter.js";
import { iso, isoDate, isoDateOrNull, providerField } from "./schemas.js";
import { defineTool } from "./tool.js";
import { untrustedOrNull, untrustedText } from "./untrusted.js";

const input = z.strictObject({
  provider: providerField.optional().describe("Only models of this provider."),
  enabled: z
    .boolean()
    .optional()
    .describe("true: only enabled (measured) models; false: only disabled ones."),
  failing: z
    .boolean()
    .optional()
    .describe("true: only models in a failure streak; false: only models not failing."),
  query: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("Case-insensitive text the model id must contain, e.g. 'llama-3.1'."),
  limit: limitField(50, 200),
  cursor: cursorField,
});

const output = z.object({
  as_of: isoDate.describe("When the fleet picture was read."),
  total: z.number().describe("Models matching the filters."),
  models: z.array(
    z.object({
      provider: z.string(),
      model_id: z.string(),
      enabled: z.boolean(),
      deprecated: z.boolean(),
      status: z.string().nullable().describe("Admission status: probing, probation, rejected, or null."),
      disabled_class: z.string().nullable(),
      disabled_reason: untrustedText.nullable(),
      last_success_at: isoDateOrNull,
      failing_since: isoDateOrNull,
      last_error_kind: z.string().nullable(),
      renamed_from: z
        .string()
        .nullable()
        .describe("The id a rename moved this model from; its history is under that id (get_model_signals)."),
    }),
  ),
  ...pageFields,
});

/** Keyset position: the last (provider, model_id) of the previous page, in the catalog's sort order. */
function keyPosition(p: unknown): [string, string] | null {
  return Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && typeof p[1] === "string"
    ? [p[0], p[1]]
    : null;
}

export const listModels = defineTool({
  name: "list_models",
  title: "List models",
  description:
    "Lists the fleet's models (the catalog of what is benchmarked), sorted by provider and model id, with enabled and " +
    "deprecated flags, admission status, why a model was disabled, its last success and whether it is failing. Filter by " +
    "provider, enabled, failing or id text. Next: get_model_signals for one model; propose_enable for a disabled one " +
    "that should be measured again; search_catalog for models not yet in the fleet.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const { data: state, asOf } = await ctx.services.fleet.get();
    const provider = fleetProvider(state.signals, args.provider);
    const filters = [provider, args.enabled, args.failing, args.query?.toLowerCase()];
    const key = decodeCursor(args.cursor, filters, keyPosition);
    const matching = filterModels(state.signals, {
      provider,
      enabled: args.enabled,
      failing: args.failing,
      query: args.query,
    });
    const rest = key ? matching.filter((s) => comesAfter(s, key)) : matching;
    const page = rest.slice(0, args.limit);
    const last = page.at(-1);
    const more = rest.length > page.length;
    return {
      as_of: asOf.toISOString(),
      total: matching.length,
      models: page.map((s) => ({
        provider: s.provider,
        model_id: s.model_id,
        enabled: s.catalog.enabled,
        deprecated: s.catalog.deprecated,
        status: s.catalog.status,
        disabled_class: s.catalog.disabled_class,
        disabled_reason: untrustedOrNull(s.catalog.disabled_reason, 200),
        last_success_at: iso(s.lastSuccessAt),
        failing_since: iso(s.streakStartedAt),
        last_error_kind: s.lastError?.kind ?? null,
        renamed_from: s.catalog.renamed_from ?? null,
      })),
      next_cursor: more && last ? encodeCursor([last.provider, last.model_id], filters) : null,
      truncated: more,
    };
  },
});
