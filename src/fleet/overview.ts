import { window24hStart } from "../signals/read.js";
import { hoursBetween, readFleetHours } from "../signals/rollups.js";
import type { ModelDoc } from "../storage/documents.js";
import type { Repositories } from "../storage/repositories.js";
import { classOf, isErrorKind } from "../taxonomy/kinds.js";

/**
 * The fleet at a glance: per provider, how many models it has and how many are enabled, and what
 * the last 24 hours produced (successful runs and errors), plus the errors by kind. The 24 hours
 * (the current UTC hour and the 23 before it) come from the fleet's hour rollup, which every
 * signals writer and the backfill keep current: 24 `_id` reads, whatever the number of models or
 * the length of the raw history (which on FerretDB any time filter would scan whole).
 */
export interface ProviderOverview {
  provider: string;
  models: number;
  enabled: number;
  /** Enabled models the provider has flagged deprecated. */
  deprecated_enabled: number;
  /** Disabled rows that admission is still probing. */
  candidates: number;
  successes_24h: number;
  errors_24h: number;
}

export interface KindCount {
  /**
   * The error kind as the signals record it: a document written without a kind, or with one of
   * the earlier runner's kinds, is classified when it is folded in (see `errorEvent`).
   */
  kind: string;
  /** The kind's class ("legacy" only for a kind this version does not know). */
  class: string;
  count: number;
}

export interface FleetOverview {
  now: Date;
  since: Date;
  totals: Omit<ProviderOverview, "provider"> & { providers: number };
  providers: ProviderOverview[];
  errors_by_kind: KindCount[];
  /** Set when the database holds no models: what to do instead of reading a table of zeros. */
  notice: string | null;
}

/**
 * The hint for an empty database. A newcomer who has not seeded or connected anything sees every
 * surface read the default database; this says which one was read and both ways forward. It names
 * the database, never the URI (which can carry a password).
 */
export function emptyDatabaseNotice(dbName: string): string {
  return (
    `The database "${dbName}" holds no models. Try the product on a synthetic fleet with \`npm run demo\` ` +
    `(or \`bench-operator demo\`), which seeds "${dbName}"; or connect your fleet's database by setting ` +
    `MONGODB_URI (unset: the embedded database) and MONGODB_DB (now "${dbName}").`
  );
}

/** What the overview counts of a catalog row. */
export type OverviewModel = Pick<ModelDoc, "provider" | "enabled" | "deprecated" | "status">;

/**
 * `models`: the catalog rows when the caller has them already (the MCP server's fleet picture
 * holds every row), so the overview reads only the hour rollups; read from the store otherwise.
 */
export async function fleetOverview(
  repos: Repositories,
  now: Date,
  models?: Iterable<OverviewModel>,
): Promise<FleetOverview> {
  const since = window24hStart(now);
  const rows = new Map<string, ProviderOverview>();
  const row = (provider: string): ProviderOverview => {
    let r = rows.get(provider);
    if (!r) {
      r = {
        provider,
        models: 0,
        enabled: 0,
        deprecated_enabled: 0,
        candidates: 0,
        successes_24h: 0,
        errors_24h: 0,
      };
      rows.set(provider, r);
    }
    return r;
  };

  // The catalog is small (one row per model, thousands at most) and the repository only reads
  // through finds, so it is folded here rather than aggregated.
  for (const m of models ?? (await repos.models.find({}))) {
    const r = row(m.provider);
    r.models++;
    if (m.enabled) r.enabled++;
    if (m.enabled && m.deprecated === true) r.deprecated_enabled++;
    if (!m.enabled && m.status === "probing") r.candidates++;
  }

  const byKind = new Map<string, number>();
  for (const h of await readFleetHours(repos, hoursBetween(since, now))) {
    for (const [provider, c] of h.providers) {
      const r = row(provider);
      r.successes_24h += c.ok;
      r.errors_24h += c.err;
      for (const [kind, n] of Object.entries(c.k)) byKind.set(kind, (byKind.get(kind) ?? 0) + n);
    }
  }

  const providers = [...rows.values()].sort((a, b) => a.provider.localeCompare(b.provider));
  const sum = (f: keyof Omit<ProviderOverview, "provider">): number =>
    providers.reduce((n, p) => n + p[f], 0);
  return {
    now,
    since,
    totals: {
      providers: providers.length,
      models: sum("models"),
      enabled: sum("enabled"),
      deprecated_enabled: sum("deprecated_enabled"),
      candidates: sum("candidates"),
      successes_24h: sum("successes_24h"),
      errors_24h: sum("errors_24h"),
    },
    providers,
    errors_by_kind: [...byKind.entries()]
      .map(([kind, count]) => ({ kind, class: isErrorKind(kind) ? classOf(kind) : "legacy", count }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    notice: providers.some((p) => p.models > 0) ? null : emptyDatabaseNotice(repos.databaseName),
  };
}
