import type { ModelDoc, OpenRouterCatalogDoc, ProviderCatalogDoc } from "../storage/documents.js";
import { asRecord, asString } from "./derive/common.js";
import { deriveFacts, isInferenceProfile, type BedrockFoundationModels } from "./derive/index.js";
import { FleetMatcher, type FleetModelRef, type FleetStatus } from "./fleet-match.js";
import type { DerivedFacts } from "./types.js";

/** One searchable catalog row with everything derived from it. */
export interface CatalogEntry {
  /** Stable and unique: `openrouter:<id>` or `<provider>:<id>`. */
  key: string;
  origin: "openrouter" | "provider_catalog";
  /** Where it is served: "openrouter" for OpenRouter entries, else the provider id. */
  provider: string;
  modelId: string;
  kind: string | null;
  name: string | null;
  /** Provider text: untrusted, shown as data only. Cut to a bound. */
  description: string | null;
  facts: DerivedFacts;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  /** When the newest complete read of this entry's source finished; null if none on record. */
  lastCompleteReadAt: Date | null;
  fleet: FleetStatus;
}

/** Lower-cased text and sort keys computed once per build, so a search only compares strings. */
export interface EntryText {
  id: string;
  /** The id without org path or Bedrock region/vendor prefixes: what people type. */
  idTail: string;
  name: string;
  family: string;
  description: string;
  /** createdAt when the source states it, else first_seen_at; ms since epoch, 0 if neither. */
  addedAtMs: number;
}

export interface CatalogIndex {
  builtAt: Date;
  buildMs: number;
  /** The ledger's newest complete read when the index was loaded: a newer one means rebuild. */
  ledgerMark: Date | null;
  lastCompleteReads: Record<string, Date>;
  entries: CatalogEntry[];
  texts: EntryText[];
}

export interface CatalogSources {
  openrouter: readonly OpenRouterCatalogDoc[];
  providerRows: readonly ProviderCatalogDoc[];
  fleet: readonly (FleetModelRef | ModelDoc)[];
  /** provider → when its newest complete read finished. */
  lastCompleteReads: Readonly<Record<string, Date>>;
  ledgerMark?: Date | null;
  now?: Date;
}

const DESCRIPTION_LIMIT = 1_000;

/** Builds the in-memory index; pure apart from reading the clock for `buildMs`. */
export function buildCatalogIndex(src: CatalogSources): CatalogIndex {
  const started = performance.now();
  const matcher = new FleetMatcher(
    src.fleet.map((m) => ({ provider: m.provider, model_id: m.model_id, enabled: m.enabled === true })),
  );
  const bedrockFoundationModels: BedrockFoundationModels = new Map(
    src.providerRows
      .filter((r) => r.provider === "bedrock" && !isInferenceProfile({ kind: kindOf(r), raw: r.raw ?? {} }))
      .map((r) => [r.model_id, r.raw ?? {}]),
  );

  const entries: CatalogEntry[] = [];
  for (const doc of src.openrouter) {
    const raw = openRouterRaw(doc);
    entries.push(
      makeEntry({
        origin: "openrouter",
        provider: "openrouter",
        modelId: doc.openrouter_id,
        kind: null,
        name: doc.name ?? asString(raw["name"]),
        description: asString(raw["description"]),
        facts: deriveFacts({ origin: "openrouter", provider: "openrouter", modelId: doc.openrouter_id, raw }),
        doc,
        lastCompleteReadAt: src.lastCompleteReads["openrouter"] ?? null,
        fleet: matcher.match("openrouter", doc.openrouter_id),
      }),
    );
  }
  for (const doc of src.providerRows) {
    const raw = doc.raw ?? {};
    const kind = kindOf(doc);
    entries.push(
      makeEntry({
        origin: "provider_catalog",
        provider: doc.provider,
        modelId: doc.model_id,
        kind,
        name: doc.name ?? null,
        description: providerDescription(raw),
        facts: deriveFacts(
          { origin: "provider_catalog", provider: doc.provider, modelId: doc.model_id, raw, kind },
          { bedrockFoundationModels },
        ),
        doc,
        lastCompleteReadAt: src.lastCompleteReads[doc.provider] ?? null,
        fleet: matcher.match(doc.provider, doc.model_id),
      }),
    );
  }
  const now = src.now ?? new Date();
  return {
    builtAt: now,
    buildMs: performance.now() - started,
    ledgerMark: src.ledgerMark ?? null,
    lastCompleteReads: { ...src.lastCompleteReads },
    entries,
    texts: entries.map(textOf),
  };
}

/** The fields every origin supplies; the key and the seen dates follow from them. */
type EntryParts = Omit<CatalogEntry, "key" | "firstSeenAt" | "lastSeenAt"> & {
  doc: { first_seen_at?: unknown; last_seen_at?: unknown };
};

function makeEntry({ doc, ...p }: EntryParts): CatalogEntry {
  return {
    ...p,
    key: p.origin === "openrouter" ? `openrouter:${p.modelId}` : `${p.provider}:${p.modelId}`,
    description: p.description === null ? null : p.description.slice(0, DESCRIPTION_LIMIT),
    firstSeenAt: doc.first_seen_at instanceof Date ? doc.first_seen_at : null,
    lastSeenAt: doc.last_seen_at instanceof Date ? doc.last_seen_at : null,
  };
}

function textOf(e: CatalogEntry): EntryText {
  const id = e.modelId.toLowerCase();
  const added = e.facts.createdAt?.value ?? e.firstSeenAt;
  return {
    id,
    idTail: idTail(id, e.provider),
    name: (e.name ?? "").toLowerCase(),
    family: e.facts.family?.value ?? "",
    description: (e.description ?? "").toLowerCase(),
    addedAtMs: added ? added.getTime() : 0,
  };
}

/** `anthropic/claude-3.5-sonnet:free` → `claude-3.5-sonnet:free`; `us.anthropic.claude-…` → `claude-…`. */
export function idTail(lowerId: string, provider: string): string {
  const tail = lowerId.slice(lowerId.lastIndexOf("/") + 1);
  if (provider !== "bedrock") return tail;
  return tail.replace(/^(us|eu|apac|global|us-gov|jp|au|ca)\./, "").replace(/^[a-z0-9-]+\.(?=[a-z])/, "");
}

/** Rows written before we stored `raw` (the earlier runner) still have the fields it kept. */
function openRouterRaw(doc: OpenRouterCatalogDoc): Record<string, unknown> {
  const raw = asRecord(doc["raw"]);
  if (raw) return raw;
  return {
    id: doc.openrouter_id,
    name: doc.name,
    pricing: doc.pricing,
    context_length: doc.context_length,
    created: doc.created,
  };
}

function kindOf(doc: ProviderCatalogDoc): string | null {
  return typeof doc["kind"] === "string" ? doc["kind"] : null;
}

function providerDescription(raw: Record<string, unknown>): string | null {
  return asString(raw["description"]) ?? asString(asRecord(raw["metadata"])?.["description"]);
}
