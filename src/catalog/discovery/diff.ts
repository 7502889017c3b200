import { CATALOG_PROVIDERS } from "../provider-ids.js";
import type { DiscoveryRunDoc, LedgerPrice } from "../../storage/discovery-runs-repository.js";
import type { Repositories } from "../../storage/repositories.js";

export interface RunRef {
  id: string;
  finished_at: Date;
  model_count: number;
}

export interface DiffItem {
  model_id: string;
  name: string | null;
}

export interface PriceChange extends DiffItem {
  before: { input_per_million: number | null; output_per_million: number | null };
  after: { input_per_million: number | null; output_per_million: number | null };
}

export interface ReadDiff {
  provider: string;
  /** False when there are not two complete reads to compare; `reason` says what is missing. */
  comparable: boolean;
  reason: string | null;
  from: RunRef | null;
  to: RunRef | null;
  added: DiffItem[];
  gone: DiffItem[];
  priceChanged: PriceChange[];
}

/** The pure comparison of two complete reads' id lists and prices. */
export function diffRuns(
  older: Pick<DiscoveryRunDoc, "model_ids" | "prices">,
  newer: Pick<DiscoveryRunDoc, "model_ids" | "prices">,
): {
  added: string[];
  gone: string[];
  priceChanged: { model_id: string; before: LedgerPrice; after: LedgerPrice }[];
} {
  const before = new Set(older.model_ids);
  const after = new Set(newer.model_ids);
  const oldPrices = new Map(older.prices.map((p) => [p.model_id, p]));
  const priceChanged = [];
  for (const p of newer.prices) {
    const o = oldPrices.get(p.model_id);
    if (o && (o.input_per_million !== p.input_per_million || o.output_per_million !== p.output_per_million)) {
      priceChanged.push({ model_id: p.model_id, before: o, after: p });
    }
  }
  return {
    added: newer.model_ids.filter((id) => !before.has(id)).sort(),
    gone: older.model_ids.filter((id) => !after.has(id)).sort(),
    priceChanged: priceChanged.sort((a, b) => a.model_id.localeCompare(b.model_id)),
  };
}

export interface DiffOptions {
  provider?: string;
  /** Compare the newest complete read with the newest complete read that finished before this. */
  since?: Date;
}

/**
 * New, gone and re-priced entries between two complete reads per provider: the newest complete
 * read, and either the newest complete read before `since` or the one before the newest.
 * Incomplete reads are never compared: a cut-off page would show up as models "gone".
 */
export async function discoveryDiff(
  repos: Pick<Repositories, "discoveryRuns" | "providerCatalog" | "openrouterCatalog">,
  opts: DiffOptions = {},
): Promise<ReadDiff[]> {
  const providers = opts.provider ? [opts.provider] : await providersWithReads(repos);
  const out: ReadDiff[] = [];
  for (const provider of providers) out.push(await diffProvider(repos, provider, opts.since));
  return out;
}

async function providersWithReads(repos: Pick<Repositories, "discoveryRuns">): Promise<string[]> {
  const known = await repos.discoveryRuns.providers();
  const order = CATALOG_PROVIDERS as readonly string[];
  return known.sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
}

function rank(order: readonly string[], p: string): number {
  const i = order.indexOf(p);
  return i < 0 ? order.length : i;
}

async function diffProvider(
  repos: Pick<Repositories, "discoveryRuns" | "providerCatalog" | "openrouterCatalog">,
  provider: string,
  since: Date | undefined,
): Promise<ReadDiff> {
  const empty = { added: [], gone: [], priceChanged: [] };
  const [newest, previous] = await repos.discoveryRuns.lastComplete(provider, 2);
  if (!newest)
    return {
      provider,
      comparable: false,
      reason: "no complete read on record",
      from: null,
      to: null,
      ...empty,
    };
  const baseline = since ? (await repos.discoveryRuns.lastComplete(provider, 1, since))[0] : previous;
  const to = ref(newest);
  if (!baseline) {
    const reason = since
      ? `no complete read finished before ${since.toISOString()}`
      : "only one complete read on record";
    return { provider, comparable: false, reason, from: null, to, ...empty };
  }
  if (String(baseline._id) === String(newest._id)) {
    return {
      provider,
      comparable: false,
      reason: "no complete read after the baseline",
      from: ref(baseline),
      to,
      ...empty,
    };
  }
  const d = diffRuns(baseline, newest);
  const names = await namesFor(repos, provider);
  const item = (model_id: string): DiffItem => ({ model_id, name: names.get(model_id) ?? null });
  return {
    provider,
    comparable: true,
    reason: null,
    from: ref(baseline),
    to,
    added: d.added.map(item),
    gone: d.gone.map(item),
    priceChanged: d.priceChanged.map((c) => ({
      ...item(c.model_id),
      before: {
        input_per_million: c.before.input_per_million,
        output_per_million: c.before.output_per_million,
      },
      after: { input_per_million: c.after.input_per_million, output_per_million: c.after.output_per_million },
    })),
  };
}

function ref(run: DiscoveryRunDoc): RunRef {
  return { id: String(run._id), finished_at: run.finished_at, model_count: run.model_ids.length };
}

/** Display names from the catalog, which keeps rows of gone models (nothing is deleted). */
async function namesFor(
  repos: Pick<Repositories, "providerCatalog" | "openrouterCatalog">,
  provider: string,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (provider === "openrouter") {
    for (const d of await repos.openrouterCatalog.find()) if (d.name) names.set(d.openrouter_id, d.name);
  } else {
    for (const d of await repos.providerCatalog.find(provider)) if (d.name) names.set(d.model_id, d.name);
  }
  return names;
}
