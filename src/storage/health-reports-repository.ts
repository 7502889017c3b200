import type { Collection, Db } from "mongodb";

/** The overall verdict of a health report (report/types.ts re-exports it). */
export type OverallStatus = "healthy" | "warning" | "critical";

export const HEALTH_REPORTS_COLLECTION = "health_reports";

export interface DeliveryAttempt {
  at: Date;
  ok: boolean;
  /** Redacted and truncated. */
  error: string | null;
}

/**
 * Every generated report, delivered or not: what was (or would have been) sent, and how each
 * delivery attempt went. A failed delivery leaves the report readable here.
 */
export interface HealthReportDoc {
  _id: string;
  generated_at: Date;
  days: number;
  status: OverallStatus;
  reasons: string[];
  subject: string;
  text: string;
  html: string;
  from: string;
  to: string[];
  run_id: string | null;
  delivery: {
    status: "pending" | "sent" | "failed" | "dry_run";
    attempts: DeliveryAttempt[];
    message_id: string | null;
    delivered_at: Date | null;
  };
}

/** A report's id and how its delivery stands. */
export type ReportDelivery = Pick<HealthReportDoc, "_id" | "delivery">;

export class HealthReportsRepository {
  private readonly col: Collection<HealthReportDoc>;

  constructor(db: Db) {
    this.col = db.collection<HealthReportDoc>(HEALTH_REPORTS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ generated_at: -1 }, { name: "generated_at" });
  }

  async insert(doc: HealthReportDoc): Promise<void> {
    await this.col.insertOne(doc);
  }

  async setDelivery(id: string, delivery: HealthReportDoc["delivery"]): Promise<void> {
    await this.col.updateOne({ _id: id }, { $set: { delivery } });
  }

  get(id: string): Promise<HealthReportDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /** The report each of the given job runs stored (the health-email job's), by run id: its id and delivery. */
  async byRunIds(runIds: readonly string[]): Promise<Map<string, ReportDelivery>> {
    if (runIds.length === 0) return new Map();
    const docs = await this.col
      .find({ run_id: { $in: [...runIds] } }, { projection: { _id: 1, run_id: 1, delivery: 1 } })
      .toArray();
    return new Map(docs.map((d) => [d.run_id!, { _id: d._id, delivery: d.delivery }]));
  }

  latest(limit = 10): Promise<HealthReportDoc[]> {
    return this.col.find().sort({ generated_at: -1 }).limit(limit).toArray();
  }
}
