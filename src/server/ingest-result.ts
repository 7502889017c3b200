import type { ServerResponse } from "node:http";
import type { RunnerIdentity } from "../auth/tokens.js";
import type { Deps } from "../deps.js";
import { resultRequestSchema, type ResultResponse } from "../runner/protocol.js";
import { pastRetention } from "../runner/retention.js";
import { identityMismatch, resultFromWire } from "../runner/sanitize.js";
import type { ClaimedItem, RecordOutcome, WorkSource } from "../runner/work-source.js";
import { forbidden, fromWire, parse, reply } from "./ingest-http.js";
import { runnerHolder } from "./ingest-release.js";

const REFUSAL_MESSAGES: Record<Extract<RecordOutcome, { refused: string }>["refused"], string> = {
  model_disabled:
    "The model was disabled after it was claimed; the result is not stored, and the run's spend is charged.",
  claim_expired:
    "The claim expired and another runner took the model over before the result arrived; the result is not stored, and the run's spend is charged.",
  unknown_claim: "No such claim; the result is not stored.",
};

const PAST_RETENTION_MESSAGE =
  "The claim expired longer ago than RUNNER_RECEIPT_RETENTION_DAYS, so the server can no longer tell whether it already stored this result; it is not stored. Drop it.";

type Route = (runner: RunnerIdentity, body: unknown, res: ServerResponse) => Promise<void>;

/**
 * POST /results: one result per claim, stored once. Only the runner holding the claim may post
 * it (as for /release), and only for the claim's own model. A receipt is kept only for a stored
 * result, so a refused post (wrong claim, model disabled, expired) takes nothing away from the
 * right result that follows; a stored one answers every retry as a duplicate.
 */
export function createResultRoute(deps: Deps, work: WorkSource): Route {
  const receipts = deps.repos.runnerReceipts;
  const { receiptRetentionDays: retentionDays } = deps.config.runner;

  return async (runner, body, res) => {
    const input = parse(resultRequestSchema, body, res);
    if (!input) return;
    const item = fromWire(input.item);
    if (!runner.providers.includes(item.provider)) return forbidden(res, runner, item.provider);
    const mismatch = identityMismatch(item, input.result);
    if (mismatch) return reply(res, 400, { error: "invalid_body", message: mismatch, issues: [mismatch] });

    const now = deps.clock();
    if (pastRetention(item.expires_at, now, retentionDays)) return pastRetentionAnswer(item, runner, res);
    const refusal = await notTheHolder(work, runner, item);
    if (refusal) return reply(res, refusal.status, refusal.body);
    const begun = await receipts.begin(item.claim_id, runner.name, now);
    if (!begun.begun) {
      if (begun.receipt.state === "done" && begun.receipt.outcome) {
        return replyDuplicate(res, begun.receipt.outcome);
      }
      res.setHeader("Retry-After", "5");
      return reply(res, 503, {
        error: "busy",
        message: "This claim's result is being recorded by another request; send it again later.",
      });
    }
    let outcome: RecordOutcome;
    try {
      outcome = await work.record(item, resultFromWire(item, input.result), deps.clock());
    } catch (e) {
      await receipts.release(begun.key);
      throw e;
    }
    if ("refused" in outcome) {
      // No receipt: the next post for this claim is judged afresh, not answered as a duplicate.
      await receipts.release(begun.key);
      deps.logger.warn(`runner ${runner.name}: result refused (${outcome.refused})`, {
        model: `${item.provider}/${item.model_id}`,
      });
      const response: ResultResponse = {
        outcome: "refused",
        reason: outcome.refused,
        message: REFUSAL_MESSAGES[outcome.refused],
        duplicate: false,
      };
      return reply(res, 409, response);
    }
    const response: ResultResponse = {
      outcome: "stored",
      stored: outcome.stored,
      cost_usd: outcome.cost_usd,
      duplicate: false,
    };
    await receipts.finish(item.claim_id, begun.key, { ...response }, deps.clock());
    reply(res, 200, response);
  };

  async function pastRetentionAnswer(item: ClaimedItem, runner: RunnerIdentity, res: ServerResponse) {
    // Its receipt may be pruned: answer from it while it lasts, otherwise refuse without a
    // write (src/runner/retention.ts), so the same answer comes however often it is sent.
    const receipt = await receipts.get(item.claim_id);
    if (receipt?.state === "done" && receipt.outcome) return replyDuplicate(res, receipt.outcome);
    deps.logger.warn(`runner ${runner.name}: result past the retention refused`, {
      model: `${item.provider}/${item.model_id}`,
      claim_expired_at: item.expires_at.toISOString(),
    });
    const refusal: ResultResponse = {
      outcome: "refused",
      reason: "past_retention",
      message: PAST_RETENTION_MESSAGE,
      duplicate: false,
    };
    return reply(res, 409, refusal);
  }
}

/**
 * The stored claim decides, not the posted item: a claim held by another runner is refused
 * (403) and so is a post naming another model than the claim's (400); nothing is written.
 */
async function notTheHolder(
  work: WorkSource,
  runner: RunnerIdentity,
  item: ClaimedItem,
): Promise<{ status: number; body: Record<string, unknown> } | null> {
  const claim = (await work.lookup([item.claim_id])).get(item.claim_id);
  if (!claim) return null; // recording refuses it (unknown or expired), without a receipt
  if (claim.holder !== runnerHolder(runner))
    return {
      status: 403,
      body: {
        error: "not_holder",
        message: `Claim ${item.claim_id} is not held by runner ${runner.name}; only its holder may post its result.`,
      },
    };
  if (claim.item.provider !== item.provider || claim.item.model_id !== item.model_id) {
    const message = `Claim ${item.claim_id} is for ${claim.item.provider}/${claim.item.model_id}, not ${item.provider}/${item.model_id}; nothing is stored.`;
    return { status: 400, body: { error: "invalid_body", message, issues: [message] } };
  }
  return null;
}

function replyDuplicate(res: ServerResponse, outcome: Record<string, unknown>): void {
  const previous = { ...outcome, duplicate: true } as ResultResponse;
  reply(res, previous.outcome === "refused" ? 409 : 200, previous);
}
