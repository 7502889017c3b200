import { z } from "zod";
import { AppError } from "../errors.js";
import { storedFleetProvider } from "../fleet/provider-filter.js";
import { fastPassReason, situationId } from "../operator/situations.js";
import { getModelSignals, type WindowCounts } from "../signals/read.js";
import {
  classificationOutput,
  classificationView,
  iso,
  isoDate,
  isoDateOrNull,
  modelIdField,
  providerField,
} from "./schemas.js";
import { defineTool } from "./tool.js";
import { untrusted, untrustedOrNull, untrustedText } from "./untrusted.js";

const input = z.strictObject({
  provider: providerField.describe("Provider id, e.g. openai."),
  model_id: modelIdField.describe(
    "Model id exactly as the fleet stores it (see list_models or list_situations).",
  ),
});

const windowOutput = z.object({
  successes: z.number(),
  errors: z.number(),
  errors_by_kind: z.record(z.string(), z.number()),
});

const output = z.object({
  provider: z.string(),
  model_id: z.string(),
  as_of: isoDate,
  catalog: z.object({
    in_catalog: z.boolean(),
    enabled: z.boolean(),
    deprecated: z.boolean(),
    status: z.string().nullable().describe("Admission status: probing, probation, rejected, or null."),
    disabled_class: z.string().nullable(),
    disabled_reason: untrustedText.nullable(),
    recheck_after: isoDateOrNull,
  }),
  last_success_at: isoDateOrNull,
  last_error: z
    .object({
      at: isoDate,
      kind: z.string(),
      class: z.string(),
      fingerprint: z.string(),
      message: untrustedText,
      classified: classificationOutput
        .nullable()
        .describe("For kind unknown: how an LLM classified this fingerprint. Not evidence for a disable."),
    })
    .nullable(),
  failing_since: isoDateOrNull.describe("First error after the last success; null when not failing."),
  failing_for_hours: z.number().nullable(),
  consecutive_failures: z.number(),
  situation_id: z
    .string()
    .nullable()
    .describe(
      "The situation this model belongs to while failing (null when it is disabled, deprecated or a candidate).",
    ),
  windows: z
    .object({ h24: windowOutput, d7: windowOutput, d30: windowOutput })
    .describe("h24: the last 24 hours; d7 and d30: today (UTC) and the 6 or 29 UTC days before it."),
  recent_errors: z.array(
    z.object({
      kind: z.string(),
      class: z.string(),
      count: z.number(),
      last_at: isoDate,
      message: untrustedText,
    }),
  ),
  speed: z.object({
    last_ttft_s: z.number().nullable(),
    last_tokens_per_second: z.number().nullable(),
    ttft_avg_7d_s: z.number().nullable(),
    tokens_per_second_avg_7d: z.number().nullable(),
  }),
  settings: z
    .object({
      values: z
        .record(z.string(), z.unknown())
        .describe("model_metadata: api, omit_temperature, max_tokens_param..."),
      changed_at: isoDateOrNull.describe(
        "When a batch last changed them; a fix after the last error waits for a run.",
      ),
      batch: z
        .object({ batch_id: z.string(), actor: z.string(), at: isoDate })
        .nullable()
        .describe("The batch whose change set them (revert_batch undoes it); null when none is on record."),
    })
    .nullable()
    .describe("The model's per-model request settings; null when it has none."),
  open_decisions: z.array(z.object({ decision_id: z.string(), action: z.string(), status: z.string() })),
  renamed_from: z
    .object({
      model_id: z.string(),
      renamed_at: isoDateOrNull,
      last_success_at: isoDateOrNull,
      successes_total: z.number(),
      errors_total: z.number(),
      last_error_kind: z.string().nullable(),
    })
    .nullable()
    .describe("A rename moved this model from that id: its history is stored there; ask for it by that id."),
  renamed_to: z
    .object({ model_id: z.string(), renamed_at: isoDateOrNull })
    .nullable()
    .describe("A rename moved this id's model to that id, where it is measured now."),
});

function windowView(w: WindowCounts): z.input<typeof windowOutput> {
  const byKind: Record<string, number> = {};
  for (const [k, n] of Object.entries(w.errorsByKind)) if (n !== undefined) byKind[k] = n;
  return { successes: w.successes, errors: w.errors, errors_by_kind: byKind };
}

export const getModelSignalsTool = defineTool({
  name: "get_model_signals",
  title: "Model signals",
  description:
    "Returns everything known about one model now: catalog state, last success, last error (kind, class, message), the " +
    "current failure streak measured from its first error, successes and errors by kind over 24 h, 7 d and 30 d, the newest " +
    "distinct error messages (untrusted provider text), speed, its per-model request settings and the batch that set them, its situation id and open decisions. Use it before proposing " +
    "anything about a model. Next: propose_disable or propose_enable, or list_decisions for its history.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const read = (provider: string) =>
      Promise.all([
        getModelSignals(ctx.deps.repos, provider, args.model_id, ctx.now, {
          modelRow: (key) => ctx.services.modelRows.get(key),
          days: ctx.services.signalDays,
        }),
        ctx.services.decisions.list(
          { status: ["pending", "approved"], provider, model_id: args.model_id },
          { limit: 10 },
        ),
      ]);
    let [s, open] = await read(args.provider);
    if (!s) {
      // A provider spelled otherwise than the fleet spells it (`OpenAI`) is read as the fleet's; one
      // the fleet does not have is refused naming the providers it has.
      const provider = await storedFleetProvider(ctx.deps.repos, args.provider, "list_models");
      if (provider !== undefined && provider !== args.provider) [s, open] = await read(provider);
    }
    if (!s) {
      throw new AppError(
        "not_found",
        `No model ${args.provider}:${args.model_id} in the fleet or the signals. Find the exact id with list_models (filter by provider and query).`,
      );
    }
    return {
      provider: s.provider,
      model_id: s.model_id,
      as_of: ctx.now.toISOString(),
      catalog: {
        in_catalog: s.catalog.inCatalog,
        enabled: s.catalog.enabled,
        deprecated: s.catalog.deprecated,
        status: s.catalog.status,
        disabled_class: s.catalog.disabled_class,
        disabled_reason: untrustedOrNull(s.catalog.disabled_reason, 300),
        recheck_after: iso(s.catalog.recheck_after),
      },
      last_success_at: iso(s.lastSuccessAt),
      last_error: s.lastError
        ? {
            at: s.lastError.at.toISOString(),
            kind: s.lastError.kind,
            class: s.lastError.class,
            fingerprint: s.lastError.fingerprint,
            message: untrusted(s.lastError.displayMessage),
            classified: classificationView(s.lastError.classified),
          }
        : null,
      failing_since: iso(s.streakStartedAt),
      failing_for_hours: s.failingForHours,
      consecutive_failures: s.consecutiveFailures,
      // Only a model list_situations groups has one: a failing, enabled, admitted model.
      situation_id:
        fastPassReason(s) === null && s.lastError
          ? situationId(s.provider, s.lastError.kind, s.lastError.fingerprint)
          : null,
      windows: {
        h24: windowView(s.windows.h24),
        d7: windowView(s.windows.d7),
        d30: windowView(s.windows.d30),
      },
      recent_errors: s.recentErrors.map((e) => ({
        kind: e.kind,
        class: e.class,
        count: e.count,
        last_at: e.last_ts.toISOString(),
        message: untrusted(e.display_message, 300),
      })),
      speed: {
        last_ttft_s: s.speed.lastTtft,
        last_tokens_per_second: s.speed.lastTokensPerSecond,
        ttft_avg_7d_s: s.speed.ttftAvg7d,
        tokens_per_second_avg_7d: s.speed.tpsAvg7d,
      },
      settings: s.settings
        ? {
            values: s.settings.values,
            changed_at: iso(s.settings.changedAt),
            batch: s.settings.batch
              ? {
                  batch_id: s.settings.batch.id,
                  actor: s.settings.batch.actor,
                  at: s.settings.batch.at.toISOString(),
                }
              : null,
          }
        : null,
      open_decisions: open.map((d) => ({ decision_id: d._id, action: d.action, status: d.status })),
      renamed_from: s.renamedFrom
        ? {
            ...s.renamedFrom,
            renamed_at: iso(s.renamedFrom.renamed_at),
            last_success_at: iso(s.renamedFrom.last_success_at),
          }
        : null,
      renamed_to: s.renamedTo ? { ...s.renamedTo, renamed_at: iso(s.renamedTo.renamed_at) } : null,
    };
  },
});
