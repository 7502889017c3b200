import { z } from "zod";
import type { DecisionQuery, DecisionStatus } from "../storage/decisions-repository.js";
import { undoneAloneWords } from "../storage/in-force.js";
import type { PolicyAction } from "../policy/evaluate.js";
import {
  cursorField,
  decodeCursor,
  encodeCursor,
  limitField,
  offsetPosition,
  pageFields,
} from "./pagination.js";
import { storedFleetProvider } from "../fleet/provider-filter.js";
import { decisionSummary, modelIdField, providerField, toDecisionSummary } from "./schemas.js";
import { defineTool } from "./tool.js";

const STATUSES: [DecisionStatus, ...DecisionStatus[]] = [
  "pending",
  "approved",
  "executed",
  "failed",
  "rejected",
  "expired",
  "superseded",
];
const ACTIONS: [PolicyAction, ...PolicyAction[]] = [
  "disable",
  "enable",
  "deprecate",
  "monitor",
  "ignore",
  "promote",
  "rename",
  "set_settings",
];

const input = z.strictObject({
  status: z
    .enum(STATUSES)
    .optional()
    .describe("Only decisions in this status; 'pending' lists what waits for approval."),
  action: z.enum(ACTIONS).optional().describe("Only this action."),
  provider: providerField.optional().describe("Only decisions with a target at this provider."),
  model_id: modelIdField
    .optional()
    .describe("Only decisions with a target with this model id (use with provider)."),
  situation_id: z.string().max(64).optional().describe("Only decisions resting on this situation (sit_…)."),
  reverted: z
    .boolean()
    .optional()
    .describe(
      "true: only decisions whose batch was reverted since; false: only those not reverted (with status=executed: the changes in force).",
    ),
  limit: limitField(20, 100),
  cursor: cursorField,
});

const listed = decisionSummary.extend({
  undone_alone: z
    .string()
    .nullable()
    .describe(
      'Set when a person undid this decision\'s change for some of its models alone (the batch stays unreverted): "partly undone (1 of 3 models)" or "undone alone (1 of 1 model)"; get_decision has who and when. Null otherwise.',
    ),
});

const output = z.object({
  decisions: z.array(listed).describe("Newest first."),
  ...pageFields,
});

export const listDecisions = defineTool({
  name: "list_decisions",
  title: "List decisions",
  description:
    `Lists decisions newest first: what was proposed (${ACTIONS.join(", ")}), for which models, by ` +
    `whom (operator run, LLM, classifier, agent, human), its status (${STATUSES.join(", ")}), the batch that ` +
    "executed it and, when that batch was reverted, `reverted` (by whom, when): an executed decision whose batch was " +
    "reverted is no longer in force. Use status=pending to see what waits for a human; status=executed with " +
    "reverted=false for the changes in force. Next: " +
    "get_decision for evidence, policy verdict and history; approve_decision or reject_decision for a pending one.",
  operation: "read",
  input,
  output,
  async handler(args, ctx) {
    const { limit, cursor, ...filters } = args;
    const offset = decodeCursor(cursor, filters, offsetPosition) ?? 0;
    const filter: DecisionQuery = {};
    if (args.status) filter.status = args.status;
    if (args.action) filter.action = args.action;
    if (args.situation_id) filter.situation_id = args.situation_id;
    // Checked against the fleet's providers: a misspelt one answered "no decisions".
    const provider = await storedFleetProvider(ctx.deps.repos, args.provider, "list_models");
    if (provider) filter.provider = provider;
    if (args.model_id) filter.model_id = args.model_id;
    // One more than asked tells whether another page exists without a count.
    const rows = await ctx.services.decisions.list(filter, {
      limit: limit + 1,
      skip: offset,
      ...(args.reverted === undefined ? {} : { reverted: args.reverted }),
    });
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    // A person's undo of one model leaves the batch unreverted: `reverted` alone would miss it.
    const reverts = await ctx.deps.repos.mutations.revertsOfBatches(
      page.flatMap((d) => (d.batch_id ? [d.batch_id] : [])),
    );
    return {
      decisions: page.map((d) => ({
        ...toDecisionSummary(d),
        undone_alone: d.batch_id && !d.reverted ? undoneAloneWords(d.batch_id, d.targets, reverts) : null,
      })),
      next_cursor: more ? encodeCursor(offset + limit, filters) : null,
      truncated: more,
    };
  },
});
