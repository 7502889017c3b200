import type { Collection, Db } from "mongodb";

export const MANIFEST_COLLECTION = "demo_manifest";
export const MANIFEST_ID = "current";

export type ManifestStatus = "seeding" | "complete";

type ManifestDocument = { _id: string; status: ManifestStatus } & Record<string, unknown>;

/**
 * The demo's ground truth (its shape is demo/manifest.ts's `DemoManifest`): one document,
 * `_id: "current"`, which also marks a database as a demo database.
 */
export class DemoManifestRepository {
  private readonly col: Collection<ManifestDocument>;

  constructor(db: Db) {
    this.col = db.collection<ManifestDocument>(MANIFEST_COLLECTION);
  }

  async write(manifest: object, status: ManifestStatus): Promise<void> {
    await this.col.replaceOne({ _id: MANIFEST_ID }, { ...manifest, status }, { upsert: true });
  }

  /** The stored manifest as `write` stored it, without its `_id`, or null. */
  async read<M extends object>(): Promise<(M & { status: ManifestStatus }) | null> {
    const doc = await this.col.findOne({ _id: MANIFEST_ID });
    if (!doc) return null;
    const { _id: _ignored, ...rest } = doc;
    return rest as unknown as M & { status: ManifestStatus };
  }
}
