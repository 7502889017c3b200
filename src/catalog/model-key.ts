import { normalizeId } from "./id-rules.js";

/**
 * Keys that let the same model be recognised under different providers' spellings, for fleet
 * matching: OpenRouter `anthropic/claude-3.5-sonnet`, Anthropic `claude-3-5-sonnet-20241022`,
 * Bedrock `us.anthropic.claude-3-5-sonnet-20241022-v2:0`, Fireworks
 * `accounts/fireworks/models/llama-v3p1-8b-instruct`, Vertex `claude-sonnet-4-5@20250929`. A false merge is worse than a missed one,
 * so the strict key keeps every word and size; only the weaker keys drop dates and suffixes.
 */
export interface ModelKey {
  /** Who made the model, when the id says (`anthropic`, `meta`, ...); null when it does not. */
  vendor: string | null;
  strict: string;
  /** Without full date stamps (`-20241022`, `-2024-08-06`): the snapshot of a named model. */
  undated: string;
  /** Also without short suffixes (`-0528`, `-2411`, `-latest`), which may name another checkpoint. */
  loose: string;
}

const BEDROCK_REGIONS = /^(us|eu|apac|global|us-gov|jp|au|ca)\./;
const BEDROCK_VENDOR = /^([a-z0-9-]+)\.(?=[a-z])/;
const VENDOR_ALIASES: Record<string, string> = {
  "meta-llama": "meta",
  mistralai: "mistral",
  "x-ai": "xai",
  "deepseek-ai": "deepseek",
  moonshotai: "moonshot",
  "z-ai": "zai",
  "zai-org": "zai",
  qwen: "qwen",
  google: "google",
};
/** Providers whose own ids never name the vendor because they only serve their own models. */
const FIRST_PARTY: Record<string, string> = { openai: "openai", anthropic: "anthropic", mistral: "mistral" };

export function modelKey(provider: string, id: string): ModelKey {
  let rest = id.trim().toLowerCase();
  let vendor: string | null = FIRST_PARTY[provider] ?? null;
  if (provider === "bedrock") {
    rest = rest
      .replace(BEDROCK_REGIONS, "")
      .replace(/-v\d+(:\d+)?$/, "")
      .replace(/:\d+$/, "");
    const m = rest.match(BEDROCK_VENDOR);
    if (m) {
      vendor = m[1]!;
      rest = rest.slice(m[0].length);
    }
  } else {
    // Vertex spells a partner model's version `@20250929` (Anthropic's own API: `-20250929`) and
    // its serverless Llama `meta/...-maas`: the same models as elsewhere.
    if (provider === "vertex") rest = rest.replace("@", "-").replace(/-maas$/, "");
    // OpenRouter variants (`:free`, `:extended`, ...) are prices or limits, not another model.
    rest = rest.replace(/:[a-z][a-z-]*$/, "");
    const slash = rest.lastIndexOf("/");
    if (slash >= 0) {
      const org = rest.split("/")[0]!;
      if (org !== "accounts") vendor = org;
      rest = rest.slice(slash + 1);
    }
  }
  const spelled = normalizeId(rest)
    .replace(/_/g, "-")
    .replace(/(^|-)v(\d)/g, "$1$2");
  const undated = spelled.replace(/-20\d{2}-?\d{2}-?\d{2}/g, "");
  const loose = undated.replace(/-(\d{4}|latest)$/, "").replace(/-(\d{4}|latest)$/, "");
  return {
    vendor: vendor === null ? null : (VENDOR_ALIASES[vendor] ?? vendor),
    strict: joinVersions(spelled),
    undated: joinVersions(undated),
    loose: joinVersions(loose),
  };
}

/**
 * `llama-3.1` and `llama3.1`, `qwen-3` and `qwen3`, `gpt-4o` and `gpt4o` are spellings of one
 * name. Only a single leading digit is joined, so dates and sizes (`-20241022`, `-70b`) stay apart.
 */
function joinVersions(s: string): string {
  return s.replace(/([a-z])-(?=\d(?!\d))/g, "$1");
}

/** Vendors conflict only when both ids name one and the names differ. */
export function vendorsCompatible(a: ModelKey, b: ModelKey): boolean {
  return a.vendor === null || b.vendor === null || a.vendor === b.vendor;
}
