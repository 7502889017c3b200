import type { Repositories } from "../storage/repositories.js";
import { classOf, isErrorKind } from "../taxonomy/kinds.js";

/**
 * The fleet at a glance: per provider, how many models it has and how many are enabled, and what
 * the last 24 hours produced (successful runs and errors), plus the errors by kind. The history
 * queries are one `$match` on the time index plus a `$group` with `$sum`, which FerretDB 1.24
 * supports, so the cost grows with one day of documents, never with the whole history.
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
  /** The stored `error_kind`; "(none)" for documents written without one. */
  kind: string;
  /** The kind's class, or "legacy" for the earlier runner's kinds and documents without a kind. */
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

const DAY_MS = 86_400_000;
export const NO_KIND = "(none)";

export async function fleetOverview(repos: Repositories, now: Date): Promise<FleetOverview> {
  const since = new Date(now.getTime() - DAY_MS);
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
  for (const m of await repos.models.find({})) {
    const r = row(m.provider);
    r.models++;
    if (m.enabled) r.enabled++;
    if (m.enabled && m.deprecated === true) r.deprecated_enabled++;
    if (!m.enabled && m.status === "probing") r.candidates++;
  }

  for (const s of await repos.metrics.countByProvider(since, now)) row(s.provider).successes_24h += s.n;

  const byKind = new Map<string, number>();
  for (const e of await repos.errors.countByProviderAndKind(since, now)) {
    row(e.provider).errors_24h += e.n;
    const kind = e.kind ?? NO_KIND;
    byKind.set(kind, (byKind.get(kind) ?? 0) + e.n);
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
