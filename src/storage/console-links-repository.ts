import type { Collection, Db } from "mongodb";
import type { ConsoleScope, ConsoleSessionDoc } from "./console-sessions-repository.js";

export const CONSOLE_LINKS_COLLECTION = "console_links";

/**
 * A one-time link into the web console: a sign-in link printed by `bench-operator console --link`
 * (scope `all`) or an approval link minted when an MCP client cannot ask its human (scope: one
 * decision or batch). Only the sha256 of the link's secret is stored. Its single use is claimed
 * through the claims store (an insert of a unique key), not by updating this document: conditional
 * updates are not atomic on FerretDB.
 */
export interface ConsoleLinkDoc {
  _id: string;
  principal: ConsoleSessionDoc["principal"];
  scope: ConsoleScope;
  purpose: "sign-in" | "approve" | "revert";
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export class ConsoleLinksRepository {
  private readonly col: Collection<ConsoleLinkDoc>;

  constructor(db: Db) {
    this.col = db.collection<ConsoleLinkDoc>(CONSOLE_LINKS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expires_at: 1 }, { name: "expires_at" });
  }

  async insert(doc: ConsoleLinkDoc): Promise<void> {
    await this.col.insertOne(doc);
  }

  get(hash: string): Promise<ConsoleLinkDoc | null> {
    return this.col.findOne({ _id: hash });
  }

  /** Whether a link of `purposes` minted before `now` can still be opened (unused, unexpired). */
  async anyOpen(purposes: readonly ConsoleLinkDoc["purpose"][], now: Date): Promise<boolean> {
    const open = await this.col.findOne(
      { expires_at: { $gt: now }, used_at: null, purpose: { $in: [...purposes] } },
      { projection: { _id: 1 } },
    );
    return open !== null;
  }

  /** Records the use for readers; the use itself was claimed once elsewhere. */
  async markUsed(hash: string, now: Date): Promise<void> {
    await this.col.updateOne({ _id: hash }, { $set: { used_at: now } });
  }
}
