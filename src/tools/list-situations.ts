import { z } from "zod";
import { cachedPending, pendingOn, type PendingChange } from "../storage/pending-on-models.js";
import type { FleetState } from "../operator/fleet-state.js";
import type { Situation } from "../operator/types.js";
import { situationFixNote } from "../signals/settings.js";
import { classOf, ERROR_KINDS, type ErrorKind } from "../taxonomy/kinds.js";
import { cursorField, limitField, pageFields, pageOf } from "./pagination.js";
import { fleetProvider } from "./provider-filter.js";
import { classificationOutput, classificationView, isoDate, providerField } from "./schemas.js";
import { defineTool } from "./tool.js";
import { untrusted, untrustedText } from "./untrusted.js";

const MODEL_IDS_SHOWN = 25;

export const situationOutput = z.object({
  situation_id: z.string().describe("Stable id (sit_…): use it as situation_id in propose_disable."),
  provider: z.string(),
  kind: z.string().describe("Error kind shared by the group, e.g. model_not_found, rate_limit, auth."),
  error_class: z
    .string()
    .describe("hard (evidence about the model), provider_wide, transient, ours or unknown."),
  classified: classificationOutput
    .nullable()
    .describe(
      "For kind unknown: how an LLM classified the group's errors (fingerprint-classification job). Not evidence for a disable.",
    ),
  model_count: z.number(),
  model_ids: z.array(z.string()).describe(`At most ${MODEL_IDS_SHOWN} ids; model_count has the total.`),
  started_at: isoDate.describe("Start of the earliest member's failure streak."),
  last_seen_at: isoDate,
  failing_for_hours: z
    .number()
    .describe(
      "Hours since started_at: the longest streak of the group, not each model's (a model's own is failing_for_hours in get_model_signals).",
    ),
  provider_state: z.string(),
  provider_has_healthy_models: z.boolean(),
  suggestion: z.object({
    action: z.string(),
    confidence: z.number(),
    reasoning: z.string().describe("The deterministic classifier's reason (our text)."),
  }),
  sample_messages: z.array(untrustedText).describe("Up to three provider error messages (untrusted)."),
  pending_decisions: z
    .array(
      z.object({
        decision_id: z.string(),
        model_id: z.string(),
        action: z.string(),
        rename_to: z.string().nullable().describe("For a rename: the id it moves the model to."),
      }),
    )
    .describe(
      `The member models' pending decisions (at most ${MODEL_IDS_SHOWN}): what already waits for a person, whatever the ` +
        "suggestion says (a model with a pending rename is not one to disable). Do not propose the same change again; " +
        "get_decision shows one.",
    ),
});

export function situationView(
  s: Situation,
  state: FleetState,
  asOf: Date,
  pending: readonly PendingChange[],
  allIds = false,
): z.input<typeof situationOutput> {
  return {
    situation_id: s.id,
    provider: s.provider,
    kind: s.kind,
    error_class: classOf(s.kind),
    classified: classificationView(s.classified),
    model_count: s.modelCount,
    model_ids: allIds ? s.modelIds : s.modelIds.slice(0, MODEL_IDS_SHOWN),
    started_at: s.startedAt.toISOString(),
    last_seen_at: s.lastSeenAt.toISOString(),
    failing_for_hours: Math.round((asOf.getTime() - s.startedAt.getTime()) / 360_000) / 10,
    provider_state: state.providers.get(s.provider)?.health.state ?? "healthy",
    provider_has_healthy_models: s.providerHasHealthyModels,
    suggestion: {
      action: s.suggestion.action,
      confidence: s.suggestion.confidence,
      reasoning: withFixNote(s.suggestion.reasoning, situationFixNote(s, state)),
    },
    sample_messages: s.sampleMessages.map((m) => untrusted(m, 300)),
    pending_decisions: (allIds ? pending : pending.slice(0, MODEL_IDS_SHOWN)).map((p) => ({
      decision_id: p.decisionId,
      model_id: p.modelId,
      action: p.action,
      rename_to: p.renameTo,
    })),
  };
}

/**
 * The classifier's reason, led by the settings fix applied since the errors when there is one: a
 * group of "ours" errors then no longer needs fixing but a run to confirm the fix.
 */
function withFixNote(reasoning: string, fix: string | null): string {
  return fix ? `${fix} (before it: ${reasoning})` : reasoning;
}

const kinds = Object.keys(ERROR_KINDS) as [ErrorKind, ...ErrorKind[]];

const input = z.strictObject({
  provider: providerField.optional().describe("Only situations at this provider."),
  kind: z.enum(kinds).optional().describe("Only this error kind (e.g. model_not_found)."),
  limit: limitField(20, 50),
  cursor: cursorField,
});

const output = z.object({
  as_of: isoDate.describe("When the fleet picture was read."),
  total: z.number().describe("Situations matching the filters."),
  situations: z.array(situationOutput),
  ...pageFields,
});

export const listSituations = defineTool({
  name: "list_situations",
  title: "List situations",
  description:
    "Lists what is failing now, grouped into situations: models of one provider that fail with the same error kind and " +
    "message fingerprint, largest first, each with its stable id, member models, how long it has lasted, whether the " +
    "provider is otherwise healthy, sample error messages (untrusted provider text) and the deterministic suggestion. " +
    "Next: get_model_signals for a member model, then propose_disable with the situation_id as evidence when a hard-class " +
    "error (model_not_found, model_retired, model_unavailable) has lasted; provider-wide kinds (auth, billing) are never a reason to disable models.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const [{ data: state, asOf }, byModel] = await Promise.all([
      ctx.services.fleet.get(),
      cachedPending(ctx.services.decisions, ctx.deps.repos.decisions),
    ]);
    const provider = fleetProvider(state.signals, args.provider);
    const matching = state.situations.filter(
      (s) =>
        (provider === undefined || s.provider === provider) &&
        (args.kind === undefined || s.kind === args.kind),
    );
    const page = pageOf(matching, {
      cursor: args.cursor,
      limit: args.limit,
      filters: [provider, args.kind],
    });
    return {
      as_of: asOf.toISOString(),
      total: page.total,
      situations: page.page.map((s) => situationView(s, state, asOf, pendingOn(s, byModel))),
      next_cursor: page.next_cursor,
      truncated: page.truncated,
    };
  },
});
