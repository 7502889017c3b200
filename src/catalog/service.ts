import type { Repositories } from "../storage/repositories.js";
import { buildCatalogIndex, type CatalogIndex } from "./catalog-index.js";
import type { FleetModelRef } from "./fleet-match.js";
import { searchCatalog, type CatalogQuery, type CatalogSearchResult } from "./search.js";

export type CatalogRepos = Pick<
  Repositories,
  "openrouterCatalog" | "providerCatalog" | "models" | "discoveryRuns"
>;

/**
 * Reads the two catalog collections, the fleet and the ledger once, and builds the index.
 * `fleetRows`: where the fleet's rows come from when the caller holds them already (the MCP
 * server's fleet picture); on FerretDB reading 5,000 model rows costs about half a second.
 */
export async function loadCatalogIndex(
  repos: CatalogRepos,
  now: Date = new Date(),
  fleetRows: () => Promise<readonly FleetModelRef[]> = () => repos.models.find(),
  /** Read the OpenRouter catalog from its packed copy (a long-lived reader: the MCP server). */
  opts: { packed?: boolean } = {},
): Promise<CatalogIndex> {
  const [openrouter, providerRows, fleet, latest] = await Promise.all([
    opts.packed ? repos.openrouterCatalog.allRows() : repos.openrouterCatalog.find(),
    repos.providerCatalog.find(),
    fleetRows(),
    repos.discoveryRuns.latestPerProvider(),
  ]);
  const lastCompleteReads: Record<string, Date> = {};
  let ledgerMark: Date | null = null;
  for (const { provider, latestComplete } of latest) {
    if (!latestComplete) continue;
    lastCompleteReads[provider] = latestComplete.finished_at;
    if (!ledgerMark || latestComplete.finished_at > ledgerMark) ledgerMark = latestComplete.finished_at;
  }
  return buildCatalogIndex({ openrouter, providerRows, fleet, lastCompleteReads, ledgerMark, now });
}

export interface CatalogSearchServiceOptions {
  /** Rebuild at least this often even if the ledger shows nothing new (fleet changes, say). */
  ttlMs?: number;
  /** How often a search may ask the ledger whether a newer complete read exists. */
  ledgerCheckMs?: number;
  clock?: () => number;
  /** Where the fleet's rows come from (see loadCatalogIndex); the models store by default. */
  fleetRows?: () => Promise<readonly FleetModelRef[]>;
  /** Read the OpenRouter catalog from its packed copy (see loadCatalogIndex). */
  packed?: boolean;
}

/**
 * Keeps one index in memory for a long-lived process (the MCP server, a job runner): searches
 * never touch MongoDB except for an occasional, index-served "newest complete read" lookup;
 * the index is rebuilt when that read is newer than the index, or after the TTL.
 */
export class CatalogSearchService {
  private index: CatalogIndex | null = null;
  private loading: Promise<CatalogIndex> | null = null;
  private lastLedgerCheck = 0;
  private readonly ttlMs: number;
  private readonly ledgerCheckMs: number;
  private readonly clock: () => number;
  private readonly fleetRows: (() => Promise<readonly FleetModelRef[]>) | undefined;
  private readonly packed: boolean;

  constructor(
    private readonly repos: CatalogRepos,
    opts: CatalogSearchServiceOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 15 * 60_000;
    this.ledgerCheckMs = opts.ledgerCheckMs ?? 5_000;
    this.clock = opts.clock ?? Date.now;
    this.fleetRows = opts.fleetRows;
    this.packed = opts.packed === true;
  }

  async search(query: CatalogQuery): Promise<CatalogSearchResult> {
    return searchCatalog(await this.getIndex(), query);
  }

  async getIndex(): Promise<CatalogIndex> {
    const current = this.index;
    if (!current) return this.reload();
    const now = this.clock();
    if (now - current.builtAt.getTime() >= this.ttlMs) return this.reload();
    if (now - this.lastLedgerCheck >= this.ledgerCheckMs) {
      this.lastLedgerCheck = now;
      const mark = await this.repos.discoveryRuns.newestCompleteFinishedAt();
      if (mark && (!current.ledgerMark || mark > current.ledgerMark)) return this.reload();
    }
    return current;
  }

  /** Forces the next search to rebuild (after a fetch in the same process, for instance). */
  invalidate(): void {
    this.index = null;
  }

  private reload(): Promise<CatalogIndex> {
    // Concurrent searches during a rebuild share one load instead of each starting their own.
    this.loading ??= loadCatalogIndex(this.repos, new Date(this.clock()), this.fleetRows, {
      packed: this.packed,
    })
      .then((index) => {
        this.index = index;
        this.lastLedgerCheck = this.clock();
        return index;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
