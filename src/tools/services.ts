import { CatalogSearchService } from "../catalog/service.js";
import type { ConsoleLinker } from "../console/links.js";
import type { Deps } from "../deps.js";
import { isClientClosed } from "../errors.js";
import { fleetOverview, type FleetOverview, type OverviewModel } from "../fleet/overview.js";
import { readFleetState, type FleetState } from "../operator/fleet-state.js";
import { SignalDaysCache } from "../signals/days-cache.js";
import { DecisionRows } from "../storage/decision-rows.js";
import { ModelLocator } from "../storage/model-locator.js";
import type { JobRunsRepository } from "../storage/job-runs-repository.js";
import type { SpendRepository } from "../storage/spend-repository.js";
import { Cached } from "./cached.js";

/**
 * Long-lived helpers the tools share within one server process (every stdio or HTTP session of
 * it): the fleet picture and the catalog index are kept in memory and reloaded as described in
 * `Cached` and `CatalogSearchService`; repositories that the core does not bundle are built once.
 */
export interface ToolServices {
  fleet: Cached<FleetState>;
  overview: Cached<FleetOverview>;
  catalog: CatalogSearchService;
  /** Model rows by `_id` (see ModelLocator); rows are read live, only their ids are kept. */
  modelRows: ModelLocator;
  /** Day buckets per model, re-read when the model's status shows a new event. */
  signalDays: SignalDaysCache;
  /** The decisions' list fields, re-read when their change token moves (see DecisionRows). */
  decisions: DecisionRows;
  spend: SpendRepository;
  jobRuns: JobRunsRepository;
  /** After a write through this process: the next read waits for fresh data. */
  invalidate(): void;
  /** Opens one-time console links for a human this session cannot ask (stdio); absent elsewhere. */
  console?: ConsoleLinker;
}

export interface ToolServicesOptions {
  /** Serve the cached fleet picture as is for this long. @default 15000 */
  freshMs?: number;
  /** Serve it while reloading in the background up to this age. @default 120000 */
  maxStaleMs?: number;
  /**
   * A server that expects calls: load the fleet picture, the decisions' rows, the overview and the
   * catalog index this long after start (see `warm`), so the first call finds them loaded or
   * loading. At 5,000 models on FerretDB the picture takes about 0.1 s from its packed copies
   * (1-2 s from the rows themselves, when the copies are missing or stale).
   * Unset: each loads on its first use.
   */
  warmAfterMs?: number;
}

export function createToolServices(deps: Deps, opts: ToolServicesOptions = {}): ToolServices {
  const cacheOpts = {
    clock: deps.clock,
    logger: deps.logger,
    freshMs: opts.freshMs ?? 15_000,
    maxStaleMs: opts.maxStaleMs ?? 120_000,
  };
  // From the packed copies of the models and their statuses: a handful of reads, not 8,000.
  // Reloaded at the next read after any process changes a model (an approval in `serve`'s
  // console, the CLI) or stores a provider state (an operator run, a sweep's pause): the two
  // stores' change tokens. Signals move at the benchmark cadence; age covers them.
  const modelsChanged = () => deps.repos.models.changeToken();
  const fleetChanged = async (): Promise<string> => {
    const [models, providers] = await Promise.all([
      modelsChanged(),
      deps.repos.operatorState.providerStatesChangeToken(),
    ]);
    return `${models ?? ""}|${providers ?? ""}`;
  };
  const fleet = new Cached((now) => readFleetState(deps.repos, deps.config, now, { packed: true }), {
    ...cacheOpts,
    label: "fleet state",
    changeToken: fleetChanged,
  });
  // The overview's model counts come from the fleet picture's catalog rows: one read of the
  // models per reload, not two (on FerretDB each is about half a second at 5,000 models).
  const overview = new Cached(
    async (now) => fleetOverview(deps.repos, now, catalogRows(await fleet.get()), deps.config.mongodb),
    {
      ...cacheOpts,
      label: "fleet overview",
      changeToken: modelsChanged,
    },
  );
  // The index matches catalog rows to the fleet's models: those come from the fleet picture,
  // which the server keeps anyway, rather than a second read of every model row.
  const catalog = new CatalogSearchService(deps.repos, {
    clock: () => deps.clock().getTime(),
    fleetRows: async () => catalogRows(await fleet.get()),
    packed: true,
  });
  const decisions = new DecisionRows(deps.repos.decisions, {
    clock: () => deps.clock().getTime(),
    batches: deps.repos.mutations,
  });
  if (opts.warmAfterMs !== undefined) {
    setTimeout(() => void warm(deps, { fleet, overview, catalog, decisions }), opts.warmAfterMs).unref();
  }
  return {
    fleet,
    overview,
    catalog,
    modelRows: new ModelLocator(deps.repos.models, deps.logger),
    signalDays: new SignalDaysCache(),
    decisions,
    spend: deps.repos.spend,
    jobRuns: deps.repos.jobRuns,
    invalidate() {
      fleet.invalidate();
      overview.invalidate();
      catalog.invalidate();
    },
  };
}

/**
 * Loads what the first calls read: the fleet picture (from the packed copies of the models and
 * statuses) beside the decisions' rows, then the overview and the catalog index (both built on
 * the picture's rows) side by side.
 */
async function warm(
  deps: Deps,
  parts: Pick<ToolServices, "fleet" | "overview" | "catalog" | "decisions">,
): Promise<void> {
  try {
    await Promise.all([parts.fleet.get(), parts.decisions.oldestFirst({ status: "pending" })]);
    await Promise.all([parts.overview.get(), parts.catalog.getIndex()]);
  } catch (e) {
    // The session ended (its client closed) while the picture loaded: nothing failed.
    if (isClientClosed(e)) return;
    deps.logger.warn("loading the fleet picture at start failed; the first call reads it", {
      error: e instanceof Error ? e.message : String(e),
    });
  }
}

function catalogRows({
  data,
}: {
  data: FleetState;
}): (OverviewModel & { model_id: string; enabled: boolean })[] {
  return data.signals
    .filter((s) => s.catalog.inCatalog)
    .map((s) => ({
      provider: s.provider,
      model_id: s.model_id,
      enabled: s.catalog.enabled,
      deprecated: s.catalog.deprecated,
      status: (s.catalog.status ?? undefined) as OverviewModel["status"],
    }));
}
