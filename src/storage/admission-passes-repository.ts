import type { Collection, Db } from "mongodb";
import type { DocId } from "./documents.js";

export const ADMISSION_PASSES_COLLECTION = "admission_passes";

/** A provider whose models vanished en masse from its list: retirement held back (admission/retirement.ts). */
export interface MassDisappearance {
  provider: string;
  fleet: number;
  missing: number;
  proposed: number;
  held: number;
  /** One line for the health report. */
  reason: string;
}

/**
 * One admission pass, as recorded: its counts, the mass disappearances it held back (with the
 * reason the health report shows), and the problems it met. Insert-only.
 */
export interface AdmissionPassDoc {
  _id?: DocId;
  run_id: string;
  at: Date;
  counts: Record<string, number>;
  mass_disappearances: MassDisappearance[];
  problems: string[];
  summary: string;
}

export class AdmissionPassesRepository {
  private readonly col: Collection<AdmissionPassDoc>;

  constructor(db: Db, name: string = ADMISSION_PASSES_COLLECTION) {
    this.col = db.collection<AdmissionPassDoc>(name);
  }

  async insert(doc: Omit<AdmissionPassDoc, "_id">): Promise<void> {
    await this.col.insertOne({ ...doc });
  }

  /** The newest pass: what the health report shows about retirement holds. */
  async latest(): Promise<AdmissionPassDoc | null> {
    return this.col.findOne({}, { sort: { at: -1 } });
  }
}
