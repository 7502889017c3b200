import { defaultDataDir } from "../db/embedded.js";
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
  /** This provider's errors of the 24 hours by kind, most first. */
  errors_by_kind: KindCount[];
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
  totals: Omit<ProviderOverview, "provider" | "errors_by_kind"> & { providers: number };
  providers: ProviderOverview[];
  errors_by_kind: KindCount[];
  /** Set when the database holds no models: what to do instead of reading a table of zeros. */
  notice: string | null;
}

/** Where the database is, as the settings say: MONGODB_URI, else the embedded database's data directory. */
export interface DatabaseLocation {
  uri?: string | undefined;
  dataDir?: string | undefined;
}

/**
 * The server(s) of a MongoDB URI without the user and password (and without the options, which
 * can carry credentials too): `mongodb+srv://user:secret@cluster0.example.net/db?x=y` is
 * `mongodb+srv://cluster0.example.net`.
 */
export function uriHosts(uri: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^/?#]*)/i.exec(uri.trim());
  return `${m?.[1] ?? ""}${m?.[2] ?? ""}`;
}

function whereItIs(where: DatabaseLocation): string {
  if (where.uri) return `; it is on the server ${uriHosts(where.uri)}, from MONGODB_URI.`;
  if (where.dataDir)
    return `; it is the embedded database in ${where.dataDir}, from BENCH_OPERATOR_DATA_DIR.`;
  return `; it is the embedded database in ${defaultDataDir()}, the default data directory (BENCH_OPERATOR_DATA_DIR is unset).`;
}

/**
 * The hint for an empty database. A newcomer who has not seeded or connected anything sees every
 * surface read the default database; this says which one was read, and where (the data directory,
 * or the URI's hosts without credentials: a wrong BENCH_OPERATOR_DATA_DIR or MONGODB_URI in a
 * client's config shows here), and both ways forward. It never prints a password.
 */
export function emptyDatabaseNotice(dbName: string, where?: DatabaseLocation): string {
  return (
    `The database "${dbName}" holds no models${where ? whereItIs(where) : "."} Try the product on a synthetic fleet with \`npm run demo\` ` +
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
  /** Where the database is, for the empty database's notice. */
  where?: DatabaseLocation,
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
        errors_by_kind: [],
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
  const providerKinds = new Map<string, Map<string, number>>();
  for (const h of await readFleetHours(repos, hoursBetween(since, now))) {
    for (const [provider, c] of h.providers) {
      const r = row(provider);
      r.successes_24h += c.ok;
      r.errors_24h += c.err;
      const mine = providerKinds.get(provider) ?? new Map<string, number>();
      providerKinds.set(provider, mine);
      for (const [kind, n] of Object.entries(c.k)) {
        byKind.set(kind, (byKind.get(kind) ?? 0) + n);
        mine.set(kind, (mine.get(kind) ?? 0) + n);
      }
    }
  }
  for (const [provider, kinds] of providerKinds) row(provider).errors_by_kind = kindCounts(kinds);

  const providers = [...rows.values()].sort((a, b) => a.provider.localeCompare(b.provider));
  const sum = (f: keyof Omit<ProviderOverview, "provider" | "errors_by_kind">): number =>
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
    errors_by_kind: kindCounts(byKind),
    notice: providers.some((p) => p.models > 0) ? null : emptyDatabaseNotice(repos.databaseName, where),
  };
}

function kindCounts(byKind: Map<string, number>): KindCount[] {
  return [...byKind.entries()]
    .map(([kind, count]) => ({ kind, class: isErrorKind(kind) ? classOf(kind) : "legacy", count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}
