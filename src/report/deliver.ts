import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import { redactSecrets } from "../logger.js";
import type { ClaimsRepository } from "../storage/claims.js";
import type { DatabaseRepository } from "../storage/database-repository.js";
import type {
  DeliveryAttempt,
  HealthReportDoc,
  HealthReportsRepository,
} from "../storage/health-reports-repository.js";
import type { Mailer } from "./mailer.js";
import type { RenderedReport } from "./types.js";

/** The stores a send needs: the reports, and the claims a send takes (`claimSend`). */
export interface ReportStores {
  healthReports: HealthReportsRepository;
  claims: ClaimsRepository;
  /** Its clock: a send's lease is taken and measured on it. */
  database: DatabaseRepository;
}

/**
 * How long a send's claim holds another sender off. A send ends well within it (three attempts of at
 * most a minute each, and their waits; the health-email job's own deadline is ten minutes); a sender
 * that stopped without giving its claim back (a crash, a kill) blocks the report only until then.
 */
export const SEND_LEASE_MS = 10 * 60_000;

export interface SendOptions {
  /** Attempts in total. @default 3 */
  attempts?: number;
  /** Wait before retry n (1-based) is `backoffMs * 4^(n-1)`. @default 2000 */
  backoffMs?: number;
  /** Stamps the attempts and the delivery; the send's lease is on the database's clock (`claimSend`). */
  clock?: () => Date;
  /** Aborts the waits between attempts (the job's deadline or shutdown). */
  signal?: AbortSignal;
  /** Who sends, as another sender is told: "health-email job run …", "report send by …". */
  by?: string;
}

export interface DeliverOptions extends SendOptions {
  from: string;
  to: string[];
  days: number;
  generatedAt: Date;
  runId?: string;
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
 * A delivery that failed after its attempts is not a bug (the mail server refused or was out of
 * reach; the report and its attempts are stored): the refusal a person is told, as an AppError.
 * Anything else is returned as it was.
 */
export function undelivered(e: unknown): unknown {
  return e instanceof DeliveryError ? new AppError("unavailable", e.message) : e;
}

/**
 * Stores the report, then sends it, retrying with exponential backoff. The report is stored
 * before the first attempt, so it exists whether or not any attempt succeeds; every attempt is
 * recorded. Its send is claimed before it is stored, so no `report send` of it can mail it at the
 * same time. Resolves with the stored document; rejects with {@link DeliveryError} if all failed.
 */
export async function deliverReport(
  stores: ReportStores,
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
  if (!mailer) {
    await stores.healthReports.insert(doc);
    return doc;
  }
  const claim = await claimSend(stores, doc._id, opts.by ?? "bench-operator");
  try {
    await stores.healthReports.insert(doc);
    if (opts.to.length === 0) {
      doc.delivery = {
        ...doc.delivery,
        status: "failed",
        attempts: [{ at: clock(), ok: false, error: "REPORT_TO names no recipient" }],
      };
      await stores.healthReports.setDelivery(doc._id, doc.delivery);
      throw new DeliveryError("REPORT_TO names no recipient; the report is stored", doc._id);
    }
    return await sendWithRetries(stores.healthReports, mailer, doc, opts);
  } finally {
    await stores.claims.release(claim.key, claim.holder);
  }
}

/**
 * Sends a stored report again (`bench-operator report send <id>`, the console's "Send now"), as it
 * was built, with the same retries, recording the attempts on it: what a failed delivery's error
 * points at, since nothing else retries a daily email before the next day's. The send is claimed
 * first: of two senders at the same moment (two shells, the console, the health-email job), one
 * mails it and the other is told who is sending it; a report already sent is not sent again.
 */
export async function resendReport(
  stores: ReportStores,
  mailer: Mailer,
  id: string,
  opts: SendOptions,
): Promise<HealthReportDoc> {
  const found = await stores.healthReports.get(id);
  if (!found) throw new AppError("not_found", `no stored health report ${id} (the job's error names its id)`);
  if (found.delivery.status === "sent") throw delivered(found);
  const claim = await claimSend(stores, id, opts.by ?? "bench-operator");
  try {
    // Read again under the claim: a sender that finished just before it may have sent it.
    const doc = (await stores.healthReports.get(id)) ?? found;
    if (doc.delivery.status === "sent") throw delivered(doc);
    return await sendWithRetries(stores.healthReports, mailer, doc, opts);
  } finally {
    await stores.claims.release(claim.key, claim.holder);
  }
}

function delivered(doc: HealthReportDoc): AppError {
  return new AppError(
    "conflict",
    `report ${doc._id} was delivered at ${doc.delivery.delivered_at?.toISOString() ?? "an unknown time"} (message ${doc.delivery.message_id ?? "unknown"}); nothing sent`,
  );
}

/** A send in progress, as its claim says: who, since when, and when its claim lapses. */
export interface SendInProgress {
  by: string;
  since: Date;
  until: Date;
}

const sendKey = (id: string): string => `report:${id}:send`;

/**
 * Claims the send of report `id` (an insert of a unique key: atomic on FerretDB, where a
 * conditional update of the report is not; src/storage/claims.ts). A claim older than the lease
 * is a sender that stopped: taken over, given back only while that sender still holds it. Throws
 * a conflict naming the sender that holds it. The lease is taken and measured on the database's
 * clock, not this host's: two hosts whose clocks disagree by more than the lease would otherwise
 * both send (one seeing the other's live claim as lapsed).
 */
async function claimSend(
  { claims, database }: Pick<ReportStores, "claims" | "database">,
  id: string,
  by: string,
): Promise<{ key: string; holder: string }> {
  const now = await database.now();
  const key = sendKey(id);
  // Unique per call: a taker gives back only the claim it saw lapse, never a later one.
  const holder = `send_${randomBytes(6).toString("hex")}`;
  const intent = { by, until: new Date(now.getTime() + SEND_LEASE_MS) };
  for (let round = 0; round < 3; round++) {
    if (await claims.claimOnce(key, now, holder, intent)) return { key, holder };
    const held = (await claims.find([key])).get(key);
    if (!held) continue;
    const other = inProgress(held);
    if (now < other.until) {
      throw new AppError(
        "conflict",
        `report ${id} is being sent by ${other.by} since ${other.since.toISOString()}; nothing sent by this call. ` +
          `It is sent, or its attempts are recorded, when that send ends; if that sender stopped, its claim lapses at ${other.until.toISOString()}.`,
      );
    }
    await claims.release(key, held.holder);
  }
  throw new AppError(
    "conflict",
    `report ${id} is being sent by others at this moment; nothing sent by this call`,
  );
}

function inProgress(held: { at: Date; intent?: Record<string, unknown> }): SendInProgress {
  const by = held.intent?.["by"];
  return {
    by: typeof by === "string" ? by : "another sender",
    since: held.at,
    until: new Date(held.at.getTime() + SEND_LEASE_MS),
  };
}

/** The send of report `id` under way now, if any (a claim within its lease, on the database's clock). */
export async function sendInProgress(
  { claims, database }: Pick<ReportStores, "claims" | "database">,
  id: string,
): Promise<SendInProgress | null> {
  const held = (await claims.find([sendKey(id)])).get(sendKey(id));
  if (!held) return null;
  const now = await database.now();
  const other = inProgress(held);
  return now < other.until ? other : null;
}

async function sendWithRetries(
  repo: HealthReportsRepository,
  mailer: Mailer,
  doc: HealthReportDoc,
  opts: SendOptions,
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
