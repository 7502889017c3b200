import type { IncomingMessage, ServerResponse } from "node:http";
import type { RunnerIdentity } from "../auth/tokens.js";
import { getProfile } from "../benchmark/profiles.js";
import type { Deps } from "../deps.js";
import { discoverProvider } from "../catalog/discovery/run.js";
import { safeErrorText } from "../catalog/readers/http.js";
import {
  catalogRequestSchema,
  INGEST_BODY_LIMITS,
  INGEST_PATHS,
  releaseRequestSchema,
  workRequestSchema,
  type WireWorkItem,
  type WorkResponse,
} from "../runner/protocol.js";
import { storableKeys } from "../runner/sanitize.js";
import type { ClaimedItem, WorkSource } from "../runner/work-source.js";
import { forbidden, parse, reply } from "./ingest-http.js";
import { releaseClaims, runnerHolder } from "./ingest-release.js";
import { createResultRoute } from "./ingest-result.js";
import { createReceiptPruner } from "./receipt-pruner.js";

export { reply } from "./ingest-http.js";

export interface IngestApi {
  /** Handles a request under /runner/v1 from an authenticated runner. */
  handle(runner: RunnerIdentity, path: string, req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * The ingest API a remote runner calls (DESIGN section 9): claim work, post a result per claim,
 * post a catalog listing. JSON in and out; every body is zod-validated and a bad one gets a 400
 * that names the problems, with nothing stored. A runner is confined to its token's providers.
 */
export function createIngestApi(deps: Deps, work: WorkSource): IngestApi {
  const receipts = deps.repos.runnerReceipts;
  const { receiptRetentionDays: retentionDays, leaseMinutes } = deps.config.runner;
  const pruner = createReceiptPruner(receipts, { retentionDays, leaseMinutes, logger: deps.logger });
  const routes: Record<string, IngestRoute> = {
    [INGEST_PATHS.work]: createWorkRoute(deps, work),
    [INGEST_PATHS.results]: createResultRoute(deps, work),
    [INGEST_PATHS.catalog]: createCatalogRoute(deps),
    [INGEST_PATHS.release]: createReleaseRoute(deps, work),
  };
  const limits: Record<string, number> = {
    [INGEST_PATHS.work]: INGEST_BODY_LIMITS.work,
    [INGEST_PATHS.results]: INGEST_BODY_LIMITS.results,
    [INGEST_PATHS.catalog]: INGEST_BODY_LIMITS.catalog,
    [INGEST_PATHS.release]: INGEST_BODY_LIMITS.release,
  };

  return {
    async handle(runner, path, req, res) {
      const route = routes[path];
      if (!route) {
        return reply(res, 404, {
          error: "not_found",
          message: `Unknown ingest path; the API is POST ${Object.values(INGEST_PATHS).join(", ")}.`,
        });
      }
      if (req.method !== "POST") {
        res.setHeader("Allow", "POST");
        return reply(res, 405, { error: "method_not_allowed", message: "The ingest API takes POST only." });
      }
      const body = await readBody(req, res, limits[path] ?? INGEST_BODY_LIMITS.work);
      if (body === INVALID) return;
      await route(runner, body, res);
      // After the answer, so no runner waits on the hourly scan; a failed prune is retried next hour.
      await pruner.maybePrune(deps.clock()).catch((e: unknown) => {
        deps.logger.warn("pruning runner receipts failed", { error: String(e) });
      });
    },
  };
}

type IngestRoute = (runner: RunnerIdentity, body: unknown, res: ServerResponse) => Promise<void>;

/** POST work: claims up to `limit` items across the runner's providers (or the one it names). */
function createWorkRoute(deps: Deps, work: WorkSource): IngestRoute {
  return async (runner, body, res) => {
    const input = parse(workRequestSchema, body, res);
    if (!input) return;
    if (input.provider && !runner.providers.includes(input.provider))
      return forbidden(res, runner, input.provider);
    const providers = input.provider ? [input.provider] : runner.providers;
    const items: ClaimedItem[] = [];
    for (const provider of providers) {
      const left = input.limit - items.length;
      if (left <= 0) break;
      const now = deps.clock();
      items.push(
        ...(await work.claim({
          provider,
          model: input.model,
          limit: left,
          now,
          holder: runnerHolder(runner),
        })),
      );
    }
    const profiles: Record<string, unknown> = {};
    for (const item of items) profiles[item.profile_id] ??= getProfile(item.profile_id) ?? null;
    const response: WorkResponse = { items: items.map(toWire), profiles };
    if (items.length > 0) {
      deps.logger.info(`runner ${runner.name}: claimed ${items.length}`, {
        models: items.map((i) => `${i.provider}/${i.model_id}`).slice(0, 20),
      });
    }
    reply(res, 200, response);
  };
}

/** POST catalog: a listing read on the runner's host, stored as a local read would be. */
function createCatalogRoute(deps: Deps): IngestRoute {
  return async (runner, body, res) => {
    const input = parse(catalogRequestSchema, body, res);
    if (!input) return;
    if (!runner.providers.includes(input.provider)) return forbidden(res, runner, input.provider);
    // The same path as a local read: rows stored (evidence of presence), one ledger row saying
    // whether the read was complete (only complete reads count as evidence of absence).
    const run = await discoverProvider(
      deps.repos,
      {
        provider: input.provider,
        read: () =>
          Promise.resolve({
            provider: input.provider,
            // Provider keys such as "$ref" or "a.b" are stored escaped, not lost with the listing.
            rows: input.rows.map((r) => ({
              ...r,
              modelId: r.modelId.trim(),
              raw: storableKeys(r.raw) as Record<string, unknown>,
            })),
            rawCount: input.raw_count,
            pages: input.pages,
            complete: input.complete,
            error: input.error === null ? null : safeErrorText(`runner ${runner.name}: ${input.error}`),
          }),
      },
      { clock: deps.clock, logger: deps.logger },
    );
    reply(res, 200, { run });
  };
}

/** POST release: hands back claims the runner holds but will not finish. */
function createReleaseRoute(deps: Deps, work: WorkSource): IngestRoute {
  const receipts = deps.repos.runnerReceipts;
  return async (runner, body, res) => {
    const input = parse(releaseRequestSchema, body, res);
    if (!input) return;
    const answer = await releaseClaims(work, receipts, runner, input, deps.clock());
    if ("forbidden" in answer) return forbidden(res, runner, answer.forbidden);
    const released = answer.results.filter((r) => r.outcome === "released").length;
    deps.logger.info(`runner ${runner.name}: released ${released} of ${answer.results.length} claims`, {
      reason: input.reason,
      refused: answer.results.filter((r) => r.outcome === "not_holder").map((r) => r.claim_id),
    });
    reply(res, 200, answer);
  };
}

function toWire(item: ClaimedItem): WireWorkItem {
  return { ...item, expires_at: item.expires_at.toISOString(), metadata: item.metadata ?? null };
}

const INVALID = Symbol("invalid body");

async function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  if (Number(req.headers["content-length"] ?? 0) > limit) {
    reply(res, 413, { error: "too_large", message: `Request body over ${limit} bytes.` });
    return INVALID;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      reply(res, 413, { error: "too_large", message: `Request body over ${limit} bytes.` });
      return INVALID;
    }
    chunks.push(buf);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    reply(res, 400, { error: "invalid_json", message: "The body is not JSON." });
    return INVALID;
  }
}
