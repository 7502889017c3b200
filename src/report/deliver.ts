import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import { redactSecrets } from "../logger.js";
import type {
  DeliveryAttempt,
  HealthReportDoc,
  HealthReportsRepository,
} from "../storage/health-reports-repository.js";
import type { Mailer } from "./mailer.js";
import type { RenderedReport } from "./types.js";

export interface DeliverOptions {
  from: string;
  to: string[];
  days: number;
  generatedAt: Date;
  runId?: string;
  /** Attempts in total. @default 3 */
  attempts?: number;
  /** Wait before retry n (1-based) is `backoffMs * 4^(n-1)`. @default 2000 */
  backoffMs?: number;
  clock?: () => Date;
  /** Aborts the waits between attempts (the job's deadline or shutdown). */
  signal?: AbortSignal;
}

/** Thrown when every attempt failed; the report is stored with the attempts all the same. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly reportId: string,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/**
 * Stores the report, then sends it, retrying with exponential backoff. The report is stored
 * before the first attempt, so it exists whether or not any attempt succeeds; every attempt is
 * recorded. Resolves with the stored document; rejects with {@link DeliveryError} if all failed.
 */
export async function deliverReport(
  repo: HealthReportsRepository,
  mailer: Mailer | null,
  report: RenderedReport,
  opts: DeliverOptions,
): Promise<HealthReportDoc> {
  const clock = opts.clock ?? (() => new Date());
  const doc: HealthReportDoc = {
    _id: `hr_${opts.generatedAt.toISOString().replace(/[-:.]/g, "").slice(0, 15)}_${randomBytes(3).toString("hex")}`,
    generated_at: opts.generatedAt,
    days: opts.days,
    status: report.status,
    reasons: report.reasons,
    subject: report.subject,
    text: report.text,
    html: report.html,
    from: opts.from,
    to: opts.to,
    run_id: opts.runId ?? null,
    delivery: { status: mailer ? "pending" : "dry_run", attempts: [], message_id: null, delivered_at: null },
  };
  await repo.insert(doc);
  if (!mailer) return doc;
  if (opts.to.length === 0) {
    doc.delivery = {
      ...doc.delivery,
      status: "failed",
      attempts: [{ at: clock(), ok: false, error: "REPORT_TO names no recipient" }],
    };
    await repo.setDelivery(doc._id, doc.delivery);
    throw new DeliveryError("REPORT_TO names no recipient; the report is stored", doc._id);
  }

  return sendWithRetries(repo, mailer, doc, opts);
}

/**
 * Sends a stored report again (`bench-operator report send <id>`), as it was built, with the same
 * retries, recording the attempts on it: what a failed delivery's error points at, since nothing
 * else retries a daily email before the next day's.
 */
export async function resendReport(
  repo: HealthReportsRepository,
  mailer: Mailer,
  id: string,
  opts: Pick<DeliverOptions, "attempts" | "backoffMs" | "clock" | "signal">,
): Promise<HealthReportDoc> {
  const doc = await repo.get(id);
  if (!doc) throw new AppError("not_found", `no stored health report ${id} (the job's error names its id)`);
  if (doc.delivery.status === "sent") {
    throw new AppError(
      "conflict",
      `report ${id} was delivered at ${doc.delivery.delivered_at?.toISOString() ?? "an unknown time"} (message ${doc.delivery.message_id ?? "unknown"}); nothing sent`,
    );
  }
  return sendWithRetries(repo, mailer, doc, opts);
}

async function sendWithRetries(
  repo: HealthReportsRepository,
  mailer: Mailer,
  doc: HealthReportDoc,
  opts: Pick<DeliverOptions, "attempts" | "backoffMs" | "clock" | "signal">,
): Promise<HealthReportDoc> {
  const clock = opts.clock ?? (() => new Date());
  const total = opts.attempts ?? 3;
  // A resend keeps the earlier attempts: the record says every try.
  const attempts: DeliveryAttempt[] = [...doc.delivery.attempts];
  const before = attempts.length;
  for (let n = 1; n <= total; n++) {
    try {
      const { messageId } = await mailer.send({
        from: doc.from,
        to: doc.to,
        subject: doc.subject,
        text: doc.text,
        html: doc.html,
      });
      attempts.push({ at: clock(), ok: true, error: null });
      doc.delivery = { status: "sent", attempts, message_id: messageId, delivered_at: clock() };
      await repo.setDelivery(doc._id, doc.delivery);
      return doc;
    } catch (e) {
      attempts.push({
        at: clock(),
        ok: false,
        error: redactSecrets(e instanceof Error ? e.message : String(e)).slice(0, 500),
      });
      await repo.setDelivery(doc._id, { ...doc.delivery, attempts });
      if (n < total) await sleep((opts.backoffMs ?? 2_000) * 4 ** (n - 1), opts.signal);
      if (opts.signal?.aborted) break;
    }
  }
  doc.delivery = { status: "failed", attempts, message_id: null, delivered_at: null };
  await repo.setDelivery(doc._id, doc.delivery);
  throw new DeliveryError(
    `the health email could not be delivered after ${attempts.length - before} attempt(s) (last: ${attempts.at(-1)?.error ?? "unknown"}); report ${doc._id} is stored: send it again with bench-operator report send ${doc._id}`,
    doc._id,
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
