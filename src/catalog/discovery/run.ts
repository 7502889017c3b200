import { deriveSourceFacts } from "../derive/index.js";
import type { Logger } from "../../logger.js";
import { silentLogger } from "../../logger.js";
import { safeErrorText } from "../readers/http.js";
import type { PlannedRead } from "../readers/registry.js";
import type { CatalogRead, CatalogReader, CatalogRow } from "../readers/types.js";
import type { DiscoveryRunSummary, LedgerPrice } from "../../storage/discovery-runs-repository.js";
import type { OpenRouterCatalogDoc } from "../../storage/documents.js";
import type { Repositories } from "../../storage/repositories.js";

export type DiscoveryRepos = Pick<Repositories, "providerCatalog" | "openrouterCatalog" | "discoveryRuns">;

export type DiscoveryOutcome =
  { provider: string; skipped: string } | { provider: string; run: DiscoveryRunSummary };

export interface RunDiscoveryOptions {
  clock?: () => Date;
  logger?: Logger;
  /** Called before and after each provider's read, with the totals so far (the CLI shows them). */
  onProgress?: (e: DiscoveryProgress) => void;
}

export interface DiscoveryProgress {
  /** `reading`: the read of `provider` starts; `read`: it ended (or was skipped) as `outcome` says. */
  phase: "reading" | "read";
  provider: string;
  /** Providers finished so far, of `total` planned. */
  done: number;
  total: number;
  outcome?: DiscoveryOutcome;
  totals: DiscoveryTotals;
}

export interface DiscoveryTotals {
  complete: number;
  incomplete: number;
  skipped: number;
  /** Models accepted, and of those new to the catalog, over the reads so far. */
  accepted: number;
  new: number;
}

/**
 * Reads every planned provider one after another (a few requests each, once a day: nothing to
 * gain from parallel reads but rate-limit trouble) and records one ledger row per read.
 * Skipped providers write no ledger row: nothing ran, and the outcome says why.
 */
export async function runDiscovery(
  repos: DiscoveryRepos,
  plan: readonly PlannedRead[],
  opts: RunDiscoveryOptions = {},
): Promise<DiscoveryOutcome[]> {
  const out: DiscoveryOutcome[] = [];
  const totals: DiscoveryTotals = { complete: 0, incomplete: 0, skipped: 0, accepted: 0, new: 0 };
  const report = (phase: DiscoveryProgress["phase"], provider: string, outcome?: DiscoveryOutcome): void =>
    opts.onProgress?.({
      phase,
      provider,
      done: out.length,
      total: plan.length,
      ...(outcome ? { outcome } : {}),
      totals: { ...totals },
    });
  for (const item of plan) {
    let outcome: DiscoveryOutcome;
    if ("skipped" in item) {
      outcome = { provider: item.provider, skipped: item.skipped };
      totals.skipped++;
    } else {
      report("reading", item.provider);
      const run = await discoverProvider(repos, item.reader, opts);
      outcome = { provider: item.provider, run };
      if (run.complete) totals.complete++;
      else totals.incomplete++;
      totals.accepted += run.accepted_count;
      totals.new += run.new_count;
    }
    out.push(outcome);
    report("read", item.provider, outcome);
  }
  return out;
}

/**
 * One provider read: fetch, store what was seen, write the ledger row. Rows seen in a partial
 * read are still stored (seeing a row is evidence of presence), but the ledger row says
 * `complete:false`, and nothing is ever removed or marked absent here: absence is a question
 * asked of complete ledger rows later (see absence.ts).
 */
export async function discoverProvider(
  repos: DiscoveryRepos,
  reader: CatalogReader,
  opts: RunDiscoveryOptions = {},
): Promise<DiscoveryRunSummary> {
  const clock = opts.clock ?? (() => new Date());
  const logger = opts.logger ?? silentLogger;
  const provider = reader.provider;
  const startedAt = clock();
  const read = await safeRead(reader);
  const seenAt = clock();

  let newIds: string[] = [];
  let storeError: string | null = null;
  try {
    newIds =
      provider === "openrouter"
        ? await repos.openrouterCatalog.upsertManySeen(read.rows.map(openRouterEntry), seenAt)
        : await repos.providerCatalog.upsertManySeen(
            provider,
            read.rows.map((r) => ({
              modelId: r.modelId,
              name: r.name,
              raw: r.raw,
              extra: r.kind ? { kind: r.kind } : {},
            })),
            seenAt,
          );
  } catch (e) {
    storeError = safeErrorText(`storing the rows failed: ${e instanceof Error ? e.message : String(e)}`);
  }

  const complete = read.complete && storeError === null;
  const error = [read.error, storeError].filter((x): x is string => x !== null).join("; ") || null;
  const doc = await repos.discoveryRuns.insert({
    provider,
    started_at: startedAt,
    finished_at: clock(),
    complete,
    pages: read.pages,
    raw_count: read.rawCount,
    accepted_count: read.rows.length,
    new_count: newIds.length,
    error,
    model_ids: read.rows.map((r) => r.modelId),
    ...(read.coverage ? { coverage: read.coverage } : {}),
    prices: ledgerPrices(provider, read.rows),
  });
  const fields = {
    pages: doc.pages,
    accepted: doc.accepted_count,
    new: doc.new_count,
    ...(error ? { error } : {}),
  };
  if (complete) logger.info(`discovery ${provider}: complete read`, fields);
  else logger.warn(`discovery ${provider}: incomplete read`, fields);
  const { model_ids: _ids, prices: _prices, ...summary } = doc;
  return summary;
}

/** Readers do not throw for provider trouble; this guards against our own bugs all the same. */
async function safeRead(reader: CatalogReader): Promise<CatalogRead> {
  try {
    return await reader.read();
  } catch (e) {
    return {
      provider: reader.provider,
      rows: [],
      rawCount: 0,
      pages: 0,
      complete: false,
      error: safeErrorText(`reader failed: ${e instanceof Error ? e.message : String(e)}`),
    };
  }
}

/**
 * The `openrouter_catalog` document: the fields the existing dashboard reads (pricing as
 * floats per token, as the earlier runner wrote them; null when unknown) and the whole row.
 */
export function openRouterEntry(row: CatalogRow): Partial<OpenRouterCatalogDoc> & { openrouter_id: string } {
  const facts = deriveSourceFacts({
    origin: "openrouter",
    provider: "openrouter",
    modelId: row.modelId,
    raw: row.raw,
  });
  const slash = row.modelId.indexOf("/");
  return {
    openrouter_id: row.modelId,
    name: row.name ?? row.modelId,
    org: slash > 0 ? row.modelId.slice(0, slash) : "",
    pricing: {
      prompt: perToken(facts.inputPricePerMillion?.value),
      completion: perToken(facts.outputPricePerMillion?.value),
    },
    context_length: facts.contextLength?.value ?? null,
    created: typeof row.raw["created"] === "number" ? row.raw["created"] : null,
    raw: row.raw,
  };
}

function perToken(perMillion: number | undefined): number | null {
  return perMillion === undefined ? null : Number((perMillion / 1_000_000).toPrecision(12));
}

/** Prices the source states, kept in the ledger so a diff can report what changed between reads. */
function ledgerPrices(provider: string, rows: readonly CatalogRow[]): LedgerPrice[] {
  const origin = provider === "openrouter" ? "openrouter" : "provider_catalog";
  const out: LedgerPrice[] = [];
  for (const r of rows) {
    const f = deriveSourceFacts({ origin, provider, modelId: r.modelId, raw: r.raw, kind: r.kind ?? null });
    const input = f.inputPricePerMillion?.value ?? null;
    const output = f.outputPricePerMillion?.value ?? null;
    if (input !== null || output !== null) {
      out.push({ model_id: r.modelId, input_per_million: input, output_per_million: output });
    }
  }
  return out;
}
