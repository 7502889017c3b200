import { safeErrorText } from "./http.js";
import { readAllPages, type PagedRead } from "./paging.js";
import { toCatalogRows } from "./rows.js";
import { DEFAULT_TIMEOUT_MS, type CatalogRead, type CatalogReader, type ReaderOptions } from "./types.js";

/** Static credentials (structurally the SDK's AwsCredentialIdentity). */
export interface StaticAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface BedrockReaderConfig extends ReaderOptions {
  region: string;
  /** Control-plane endpoint override (the runtime endpoint is a different host). */
  endpointUrl?: string;
  /** Tests pass static fake credentials; otherwise the SDK's default chain is used. */
  credentials?: StaticAwsCredentials;
}

export const BEDROCK_KIND_FOUNDATION_MODEL = "foundation_model";
export const BEDROCK_KIND_INFERENCE_PROFILE = "inference_profile";

/** ListInferenceProfiles accepts at most 1000 per page. */
const DEFAULT_PAGE_SIZE = 1000;

/**
 * AWS Bedrock's two lists, read as one provider read: `ListFoundationModels` (one page; the API
 * has no cursor) and `ListInferenceProfiles` (followed by `nextToken`). Newer Anthropic and Meta
 * models are invoked only through `us.`/`global.` profiles, so a read without the profiles would
 * make those fleet models look absent; the read is complete only when both lists are.
 *
 * Rows are the SDK's parsed objects: the SDK drops fields it does not know, so a field AWS adds
 * appears here after an SDK upgrade rather than at once.
 */
export function bedrockCatalogReader(config: BedrockReaderConfig): CatalogReader {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secrets = config.credentials
    ? [config.credentials.secretAccessKey, config.credentials.sessionToken ?? ""]
    : [];

  return {
    provider: "bedrock",
    async read() {
      // Loaded on first use: commands that never read Bedrock should not pay for the SDK.
      const { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand } =
        await import("@aws-sdk/client-bedrock");
      const client = new BedrockClient({
        region: config.region,
        ...(config.endpointUrl ? { endpoint: config.endpointUrl } : {}),
        ...(config.credentials ? { credentials: config.credentials } : {}),
        // One attempt: a failed read is simply incomplete, and the next scheduled read tries again.
        maxAttempts: 1,
      });
      try {
        const models = await readAllPages(
          async () => {
            const res = await client.send(new ListFoundationModelsCommand({}), {
              abortSignal: AbortSignal.timeout(timeoutMs),
            });
            return { rows: res.modelSummaries ?? [], next: null };
          },
          { maxPages: 1, secrets },
        );
        const profiles = await readAllPages(
          async (cursor) => {
            const res = await client.send(
              new ListInferenceProfilesCommand({
                maxResults: config.pageSize ?? DEFAULT_PAGE_SIZE,
                ...(cursor ? { nextToken: cursor } : {}),
              }),
              { abortSignal: AbortSignal.timeout(timeoutMs) },
            );
            return { rows: res.inferenceProfileSummaries ?? [], next: res.nextToken ? res.nextToken : null };
          },
          { maxPages: config.maxPages, secrets },
        );
        return combineBedrockLists(
          withAwsError(models, "ListFoundationModels", secrets),
          withAwsError(profiles, "ListInferenceProfiles", secrets),
        );
      } finally {
        client.destroy();
      }
    },
  };
}

/** One Bedrock read from its two lists (exported for the demo, which has them as snapshots). */
export function combineBedrockLists(models: PagedRead, profiles: PagedRead): CatalogRead {
  const rows = [
    ...toCatalogRows(models.rows, {
      idField: "modelId",
      nameFields: ["modelName"],
      kind: BEDROCK_KIND_FOUNDATION_MODEL,
    }),
    ...toCatalogRows(profiles.rows, {
      idField: "inferenceProfileId",
      nameFields: ["inferenceProfileName"],
      kind: BEDROCK_KIND_INFERENCE_PROFILE,
    }),
  ];
  const errors = [models.error, profiles.error].filter((e): e is string => e !== null);
  return {
    provider: "bedrock",
    rows,
    rawCount: models.rows.length + profiles.rows.length,
    pages: models.pages + profiles.pages,
    complete: models.complete && profiles.complete,
    error: errors.length > 0 ? errors.join("; ") : null,
  };
}

/** Prefixes the operation name; SDK errors carry the HTTP status in `$metadata`. */
function withAwsError(read: PagedRead, operation: string, secrets: string[]): PagedRead {
  return read.error === null
    ? read
    : { ...read, error: safeErrorText(`${operation} ${read.error}`, secrets) };
}
