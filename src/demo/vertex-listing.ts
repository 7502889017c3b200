import type { DemoManifest } from "./manifest.js";

/**
 * The demo's Vertex AI catalog (issue 17, item 4). No public raw Model Garden listing exists
 * (data/catalog/README.md), so unlike the other providers' snapshots these rows are written by
 * hand, in the documented `PublisherModel` shape the production reader parses (`name`,
 * `versionId`, `openSourceCategory`, `launchStage`, `versionState`, `publisherModelTemplate`), for
 * models Vertex serves: Gemini, Anthropic's Claude (`id@version`), Meta's MaaS Llamas, Mistral AI's
 * models (`id@version`, as the demo fleet spells them), and a few
 * rows the catalog must mark as not benchmarkable (an embedding, an image model, open weights that
 * only a deployment of one's own serves). They are the demo's illustration, not Vertex's catalog.
 *
 * A fleet model the demo's scenarios say the provider removed or retired is left out of the
 * listing, as Vertex's own list would leave it out, so the catalog agrees with the errors.
 */

export type VertexPublisher = "google" | "anthropic" | "meta" | "mistralai";

interface ListedModel {
  publisher: VertexPublisher;
  id: string;
  versionId: string;
  category: "PROPRIETARY" | "GOOGLE_OWNED_OSS_WITH_GOOGLE_CHECKPOINT" | "THIRD_PARTY_OWNED_OSS";
  stage?: "GA" | "PUBLIC_PREVIEW";
}

const P = "PROPRIETARY" as const;

const LISTED: readonly ListedModel[] = [
  { publisher: "google", id: "gemini-2.5-pro", versionId: "default", category: P },
  { publisher: "google", id: "gemini-2.5-flash", versionId: "default", category: P },
  { publisher: "google", id: "gemini-2.5-flash-lite", versionId: "default", category: P },
  { publisher: "google", id: "gemini-2.0-flash-001", versionId: "default", category: P },
  { publisher: "google", id: "gemini-2.0-flash-lite-001", versionId: "default", category: P },
  {
    publisher: "google",
    id: "gemini-3-pro-preview",
    versionId: "default",
    category: P,
    stage: "PUBLIC_PREVIEW",
  },
  {
    publisher: "google",
    id: "gemini-3-flash-preview",
    versionId: "default",
    category: P,
    stage: "PUBLIC_PREVIEW",
  },
  { publisher: "google", id: "gemini-2.5-flash-image", versionId: "default", category: P },
  { publisher: "google", id: "text-embedding-005", versionId: "default", category: P },
  { publisher: "google", id: "imagen-4.0-generate-001", versionId: "default", category: P },
  {
    publisher: "google",
    id: "gemma3",
    versionId: "gemma-3-27b-it",
    category: "GOOGLE_OWNED_OSS_WITH_GOOGLE_CHECKPOINT",
  },
  { publisher: "anthropic", id: "claude-sonnet-4-5", versionId: "20250929", category: P },
  { publisher: "anthropic", id: "claude-haiku-4-5", versionId: "20251001", category: P },
  { publisher: "anthropic", id: "claude-opus-4-1", versionId: "20250805", category: P },
  { publisher: "anthropic", id: "claude-3-7-sonnet", versionId: "20250219", category: P },
  { publisher: "anthropic", id: "claude-3-5-sonnet-v2", versionId: "20241022", category: P },
  { publisher: "anthropic", id: "claude-3-haiku", versionId: "20240307", category: P },
  {
    publisher: "meta",
    id: "llama-3.3-70b-instruct-maas",
    versionId: "default",
    category: "THIRD_PARTY_OWNED_OSS",
  },
  {
    publisher: "meta",
    id: "llama-3.1-405b-instruct-maas",
    versionId: "default",
    category: "THIRD_PARTY_OWNED_OSS",
  },
  {
    publisher: "meta",
    id: "llama-4-maverick-17b-128e-instruct-maas",
    versionId: "default",
    category: "THIRD_PARTY_OWNED_OSS",
  },
  {
    publisher: "meta",
    id: "llama-4-scout-17b-16e-instruct-maas",
    versionId: "default",
    category: "THIRD_PARTY_OWNED_OSS",
  },
  { publisher: "meta", id: "llama3", versionId: "meta-llama-3-8b", category: "THIRD_PARTY_OWNED_OSS" },
  { publisher: "mistralai", id: "mistral-large-2411", versionId: "001", category: P },
  { publisher: "mistralai", id: "codestral", versionId: "2405", category: P },
];

/** The id a request names the model by: the spelling the reader gives the row (vertexRow). */
export function requestId(m: Pick<ListedModel, "publisher" | "id" | "versionId">): string {
  if (m.publisher === "google") return m.id;
  if (m.publisher === "meta" || m.id.endsWith("-maas")) return `${m.publisher}/${m.id}`;
  return `${m.id}@${m.versionId}`;
}

/** Vertex fleet models the manifest says the provider removed or retired. */
export function goneVertexIds(manifest: Pick<DemoManifest, "models_truth"> | null): Set<string> {
  const gone = new Set<string>();
  for (const m of manifest?.models_truth ?? []) {
    if (m.provider === "vertex" && (m.scenario === "removed" || m.scenario === "retired"))
      gone.add(m.model_id);
  }
  return gone;
}

/** One publisher's `publisherModels` page (the whole list fits one page). */
export function vertexListingPage(
  publisher: string,
  gone: ReadonlySet<string>,
): { publisherModels: Record<string, unknown>[] } {
  const rows = LISTED.filter((m) => m.publisher === publisher && !gone.has(requestId(m))).map((m) => {
    const stage = m.stage ?? "GA";
    return {
      name: `publishers/${m.publisher}/models/${m.id}`,
      versionId: m.versionId,
      openSourceCategory: m.category,
      launchStage: stage,
      versionState: stage === "GA" ? "VERSION_STATE_STABLE" : "VERSION_STATE_UNSTABLE",
      publisherModelTemplate: `projects/{project}/locations/{location}/publishers/${m.publisher}/models/${m.id}@${m.versionId}`,
    };
  });
  return { publisherModels: rows };
}
