import { z } from "zod";
import { isRemoteOnly } from "../config/providers.js";
import { providerStateWord, type ProviderAssessment } from "../operator/provider-state.js";
import { budgetsInForce } from "../policy/budgets.js";
import { fleetProvider } from "./provider-filter.js";
import { iso, isoDate, providerField } from "./schemas.js";
import { defineTool, type ToolContext } from "./tool.js";

const DAY_MS = 86_400_000;

const input = z.strictObject({
  provider: providerField
    .optional()
    .describe(
      "Only this provider (e.g. openai), as list_models spells it: every part of the answer is then about it. Omit for the whole fleet.",
    ),
});

const output = z.object({
  notice: z
    .string()
    .nullable()
    .describe(
      "Set when the database holds no models (nothing seeded or connected): says which database was read and how to seed or connect one. Tell the user; the other fields are empty.",
    ),
  as_of: isoDate.describe("When the fleet picture was read; it is at most a few seconds to minutes old."),
  kill_switch: z.boolean().describe("True when humans stopped every mutation and paid call."),
  policy_version: z.number(),
  totals: z.object({
    providers: z.number(),
    models: z.number(),
    enabled_models: z.number(),
    failing_models: z.number().describe("Enabled models in a failure streak."),
    situations: z.number(),
  }),
  coverage: z.object({
    enabled_models: z.number(),
    measured_24h: z.number().describe("Enabled models with a successful run in the last 24 hours."),
    fraction: z.number().describe("measured_24h / enabled_models (0 when nothing is enabled)."),
  }),
  providers: z.array(
    z.object({
      provider: z.string(),
      state: z
        .enum(["healthy", "degraded", "paused", "blocked", "not_configured"])
        .describe(
          "The health its runs of the last 24 h measure, whichever process ran them (serve, a remote runner), with the breaker's stored state: healthy, degraded, paused, blocked. Not this process's credentials: an MCP server without keys still reports what serve measured. not_configured: no run of its models in the last 24 h and this process holds no credentials for it (not a failure; /healthz applies the same rule).",
        ),
      state_reason: z
        .string()
        .describe(
          "Why the provider is in this state (our text), empty when healthy; for not_configured, the setting to fill in (where the benchmarks run); for a provider only remote runners measure (REMOTE_ONLY_PROVIDERS), says so whatever its state.",
        ),
      enabled_models: z.number(),
      active_models: z.number().describe("Enabled models with any run in the last 24 hours."),
      healthy_models: z.number(),
      successes_24h: z.number(),
      errors_24h: z.number(),
      error_rate_24h: z
        .number()
        .nullable()
        .describe("errors / (errors + successes) over 24 hours; null without runs."),
    }),
  ),
  errors_by_kind_24h: z.array(z.object({ kind: z.string(), class: z.string(), count: z.number() })),
  pending_decisions: z.object({
    count: z.number(),
    oldest: z.array(
      z.object({ decision_id: z.string(), action: z.string(), targets: z.number(), created_at: isoDate }),
    ),
  }),
  spend_today: z.array(
    z.object({
      category: z.enum(["operator", "benchmark"]),
      spent_usd: z
        .number()
        .describe(
          "Closed calls and, at their estimates, calls still in flight: what the budget check counts (get_costs shows the two apart).",
        ),
      budget_usd: z.number(),
      fraction: z.number().nullable(),
      alert: z.boolean().describe("True at or above the policy's alert fraction."),
    }),
  ),
  last_operator_run: z
    .object({
      run_id: z.string(),
      started_at: isoDate,
      outcome: z.string(),
      decided_by: z.string(),
      dry_run: z.boolean(),
    })
    .nullable(),
});

export type FleetHealth = z.input<typeof output>;

type OverviewCounts = Awaited<ReturnType<ToolContext["services"]["overview"]["get"]>>["data"]["providers"];
type StoredStates = Awaited<ReturnType<ToolContext["deps"]["repos"]["operatorState"]["providerStates"]>>;

/** One row per kept provider, by name: its state (or not_configured), models and 24 h runs. */
function providerRows(
  assessments: Iterable<ProviderAssessment>,
  overviewCounts: OverviewCounts,
  stored: StoredStates,
  keep: (provider: string) => boolean,
  remoteOnly: (provider: string) => boolean,
): FleetHealth["providers"] {
  const counts = new Map(overviewCounts.map((p) => [p.provider, p]));
  return [...assessments]
    .filter((a) => keep(a.provider))
    .sort((a, b) => a.provider.localeCompare(b.provider))
    .map((a) => {
      const c = counts.get(a.provider);
      const runs = (c?.successes_24h ?? 0) + (c?.errors_24h ?? 0);
      return {
        provider: a.provider,
        state: providerStateWord(a),
        state_reason: stateReason(a, stored, remoteOnly(a.provider)),
        enabled_models: a.enabledModels,
        active_models: a.activeModels,
        healthy_models: a.healthyModels,
        successes_24h: c?.successes_24h ?? 0,
        errors_24h: c?.errors_24h ?? 0,
        error_rate_24h: runs === 0 ? null : Math.round(((c?.errors_24h ?? 0) / runs) * 1000) / 1000,
      };
    });
}

/** Our text for the row's state; a remote-only provider's row says who measures it. */
function stateReason(a: ProviderAssessment, stored: StoredStates, remoteOnly: boolean): string {
  const reason = a.notConfigured ?? a.change?.reason ?? stored.get(a.provider)?.reason ?? "";
  if (!remoteOnly || a.notConfigured) return reason;
  const who = `measured by remote runners only (REMOTE_ONLY_PROVIDERS): this server neither runs nor pauses ${a.provider}`;
  return reason ? `${reason}; ${who}` : who;
}

/** Today's spend in a category against its budget, flagged at or above the alert fraction. */
function spendRow(
  category: "operator" | "benchmark",
  spent: number,
  budget: number,
  alertFraction: number,
): FleetHealth["spend_today"][number] {
  const fraction = budget > 0 ? Math.round((spent / budget) * 1000) / 1000 : null;
  return {
    category,
    spent_usd: spent,
    budget_usd: budget,
    fraction,
    alert: fraction !== null && fraction >= alertFraction,
  };
}

type PendingDecisions = Awaited<ReturnType<ToolContext["services"]["decisions"]["oldestFirst"]>>;

/** The pending count and the oldest five, from one read of the pending decisions. */
function pendingSummary(pending: PendingDecisions): FleetHealth["pending_decisions"] {
  return {
    count: pending.length,
    oldest: pending.slice(0, 5).map((d) => ({
      decision_id: d._id,
      action: d.action,
      targets: d.targets.length,
      created_at: iso(d.created_at) ?? "",
    })),
  };
}

type LastRun = Awaited<ReturnType<ToolContext["deps"]["repos"]["operatorState"]["latestRun"]>>;

function lastRunSummary(lastRun: LastRun): FleetHealth["last_operator_run"] {
  return lastRun
    ? {
        run_id: lastRun._id,
        started_at: iso(lastRun.started_at) ?? "",
        outcome: lastRun.outcome,
        decided_by: lastRun.decided_by,
        dry_run: lastRun.dry_run,
      }
    : null;
}

/** The health summary; also served as the fleet://health resource. */
export async function fleetHealth(ctx: ToolContext, asked?: string): Promise<FleetHealth> {
  const { repos } = ctx.deps;
  const [{ data: state, asOf }, { data: overview }, current, pendingAll, lastRun, opSpent, benchSpent] =
    await Promise.all([
      ctx.services.fleet.get(),
      ctx.services.overview.get(),
      repos.policies.current(),
      // From the decisions kept in memory (one `_id` read while they are unchanged); on FerretDB a
      // filter on the store decodes every decision.
      ctx.services.decisions.oldestFirst({ status: "pending" }),
      repos.operatorState.latestRun(),
      // The budget check's own read of today: closed calls, and calls in flight at their estimates.
      ctx.services.spend.spentToday("operator", ctx.now),
      ctx.services.spend.spentToday("benchmark", ctx.now),
    ]);
  const provider = fleetProvider(overview.providers, asked);
  const pending = pendingAll.filter(
    (d) => provider === undefined || d.targets.some((x) => x.provider === provider),
  );
  const stored = await repos.operatorState.providerStates();
  const keep = (p: string): boolean => provider === undefined || p === provider;
  const signals = state.signals.filter((s) => keep(s.provider));
  const enabled = signals.filter((s) => s.catalog.enabled);
  const measured = enabled.filter(
    (s) => s.lastSuccessAt && asOf.getTime() - s.lastSuccessAt.getTime() <= DAY_MS,
  );
  const remoteOnly = (p: string): boolean => isRemoteOnly(ctx.deps.config, p);
  const providers = providerRows(state.providers.values(), overview.providers, stored, keep, remoteOnly);
  const { policy, version } = current;
  const budgets = budgetsInForce(policy, ctx.deps.config);
  const kinds =
    provider === undefined
      ? overview.errors_by_kind
      : (overview.providers.find((p) => p.provider === provider)?.errors_by_kind ?? []);
  return {
    notice: overview.notice,
    as_of: asOf.toISOString(),
    kill_switch: policy.kill_switch,
    policy_version: version,
    totals: {
      providers: providers.length,
      models: signals.length,
      enabled_models: enabled.length,
      failing_models: enabled.filter((s) => s.streakStartedAt !== null).length,
      situations: state.situations.filter((s) => keep(s.provider)).length,
    },
    coverage: {
      enabled_models: enabled.length,
      measured_24h: measured.length,
      fraction: enabled.length === 0 ? 0 : Math.round((measured.length / enabled.length) * 1000) / 1000,
    },
    providers,
    errors_by_kind_24h: kinds.map((k) => ({ kind: k.kind, class: k.class, count: k.count })),
    pending_decisions: pendingSummary(pending),
    spend_today: [
      spendRow("operator", opSpent, budgets.operator.usd_per_day, budgets.alert_fraction),
      spendRow("benchmark", benchSpent, budgets.benchmark.usd_per_day, budgets.alert_fraction),
    ],
    last_operator_run: lastRunSummary(lastRun),
  };
}

export const getFleetHealth = defineTool({
  name: "get_fleet_health",
  title: "Fleet health",
  description:
    "Start here. Returns the fleet at a glance: each provider's state as its runs of the last 24 h measure it (healthy, degraded, paused, blocked; " +
    "not_configured when nothing ran it in that window and this process holds no credentials for it) with its models, " +
    "coverage (enabled models measured in the last 24 h), error rates and errors by kind over 24 h, pending decisions, " +
    "today's spend against the policy's budgets, and the last operator run; `notice` is set when the database holds no models. Next: list_situations to see what is failing, " +
    "list_decisions with status=pending to see what waits for approval, get_costs for spend detail.",
  operation: "read",
  input,
  output,
  handler: (args, ctx) => fleetHealth(ctx, args.provider),
});
