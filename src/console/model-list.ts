import { AppError } from "../errors.js";
import { filterModels, type ModelFilter } from "../fleet/model-filter.js";
import { changeAction } from "../storage/in-force.js";
import type { ModelSignals } from "../signals/read.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import { fleetProvider } from "../tools/provider-filter.js";
import type { PageContext } from "./context.js";
import { changeOf, decisionsAbout } from "./model-history.js";

/**
 * The models page's data: the fleet picture the MCP tools share (`list_models` filters the same
 * picture with the same `filterModels`), filtered and cut into pages here on the server, and for
 * the rows of one page only, the change each model last went through.
 */

export const PAGE_SIZE = 50;

export const MODEL_STATES = ["enabled", "disabled", "deprecated"] as const;
export type ModelState = (typeof MODEL_STATES)[number];

/**
 * Disabled means not measured and not deprecated (a deprecated model is disabled too, and has a
 * state of its own); a model the provider flags deprecated while it is still measured is both
 * enabled and deprecated, so it is listed under either.
 */
const STATE_FILTER: Record<ModelState, ModelFilter> = {
  enabled: { enabled: true },
  disabled: { enabled: false, deprecated: false },
  deprecated: { deprecated: true },
};

export interface ModelListQuery {
  provider?: string;
  state?: ModelState;
  /** Text the model id contains. */
  q?: string;
  /** 1-based. */
  page: number;
}

/** The page's query string, checked: a value no form of ours sends is a clear error. */
export function parseListQuery(query: URLSearchParams): ModelListQuery {
  const out: ModelListQuery = { page: 1 };
  const provider = query.get("provider")?.trim();
  if (provider) out.provider = provider;
  const state = query.get("state")?.trim();
  if (state) {
    if (!(MODEL_STATES as readonly string[]).includes(state))
      throw new AppError("invalid_input", `State must be one of ${MODEL_STATES.join(", ")}, not "${state}".`);
    out.state = state as ModelState;
  }
  const q = query.get("q")?.trim();
  if (q) {
    if (q.length > 100) throw new AppError("invalid_input", "Keep the text to match under 100 characters.");
    out.q = q;
  }
  const page = query.get("page");
  if (page !== null && page !== "") {
    if (!/^[1-9]\d{0,5}$/.test(page))
      throw new AppError("invalid_input", `The page must be a whole number from 1, not "${page}".`);
    out.page = Number(page);
  }
  return out;
}

/** The change a model last went through, as far as the batches and decisions say. */
export type LastChange =
  | { kind: "batch"; batch: MutationBatchDoc; action: string; decisionId: string | null }
  | {
      kind: "revert";
      revertBatchId: string;
      by: string;
      at: Date;
      decisionId: string | null;
      action: string;
    };

export interface ModelListRow {
  signals: ModelSignals;
  lastChange: LastChange | null;
}

export interface ModelList {
  asOf: Date;
  /** Every model of the fleet, and those the filters keep. */
  fleetSize: number;
  matching: number;
  page: number;
  pages: number;
  /** The fleet's providers, for the filter's choices. */
  providers: string[];
  /** The provider filter as the fleet spells it. */
  provider?: string;
  rows: ModelListRow[];
}

export async function listFleetModels(c: PageContext, q: ModelListQuery): Promise<ModelList> {
  const { data: state, asOf } = await c.shared.services.fleet.get();
  const provider = fleetProvider(state.signals, q.provider);
  const matching = filterModels(state.signals, {
    provider,
    query: q.q,
    ...(q.state ? STATE_FILTER[q.state] : {}),
  });
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const shown = matching.slice((q.page - 1) * PAGE_SIZE, q.page * PAGE_SIZE);
  const changes = await lastChanges(c, shown);
  return {
    asOf,
    fleetSize: state.signals.length,
    matching: matching.length,
    page: q.page,
    pages,
    providers: [...new Set(state.signals.map((s) => s.provider))].sort(),
    ...(provider ? { provider } : {}),
    rows: shown.map((s, i) => ({ signals: s, lastChange: changes[i] ?? null })),
  };
}

/**
 * Each model's last change: the batch whose change its row holds (one `_id` read for the page),
 * unless a revert of one of its decisions' batches came after it (the revert restored the row's
 * earlier batch id, so the row alone does not show it). A person's undo of the model's change
 * alone is a revert the row holds.
 */
async function lastChanges(c: PageContext, models: readonly ModelSignals[]): Promise<(LastChange | null)[]> {
  const ids = [
    ...new Set(models.flatMap((s) => (s.catalog.mutation_batch_id ? [s.catalog.mutation_batch_id] : []))),
  ];
  const batches = new Map((await c.shared.deps.repos.mutations.getMany(ids)).map((b) => [b._id, b]));
  return Promise.all(
    models.map(async (s): Promise<LastChange | null> => {
      const decisions = await decisionsAbout(c, s.provider, [s.model_id]);
      const held = s.catalog.mutation_batch_id ? batches.get(s.catalog.mutation_batch_id) : undefined;
      const reverted = decisions
        .filter((d) => d.reverted !== undefined)
        .sort((a, b) => b.reverted!.at.getTime() - a.reverted!.at.getTime())[0];
      if (reverted?.reverted && (!held || reverted.reverted.at > held.created_at))
        return {
          kind: "revert",
          revertBatchId: reverted.reverted.revert_batch_id,
          by: reverted.reverted.by,
          at: reverted.reverted.at,
          decisionId: reverted._id,
          action: reverted.action,
        };
      if (!held) return null;
      const change = changeOf(held, s);
      if (held.revert_only && change)
        return {
          kind: "revert",
          revertBatchId: held._id,
          by: held.actor,
          at: held.created_at,
          decisionId: held.decision_ids[0] ?? null,
          // The undo's before-image is what the undone change wrote.
          action: `${changeAction({ ...change, after: change.before })} (this model only)`,
        };
      return {
        kind: "batch",
        batch: held,
        action: change ? changeAction(change) : "change",
        decisionId: held.decision_ids.find((id) => decisions.some((d) => d._id === id)) ?? null,
      };
    }),
  );
}
