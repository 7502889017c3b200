import { randomBytes } from "node:crypto";
import type { Db } from "mongodb";
import { upsertRetrying } from "./rollup-writes.js";

/** One document: the random identity of this database, created once (see `identity`). */
export const DATABASE_IDENTITY_COLLECTION = "database_identity";
const IDENTITY_ID = "identity";

interface IdentityDoc {
  _id: string;
  id: string;
  created_at: Date;
}

/**
 * What the product asks of the database as a whole rather than of one collection: its name (for
 * messages), its identity (which database a console serves), a ping (healthz), its clock, and the
 * collection list a demo re-seed drops.
 */
export class DatabaseRepository {
  constructor(private readonly db: Db) {}

  get name(): string {
    return this.db.databaseName;
  }

  /**
   * A random id created the first time anyone asks, then the same for every process on this
   * database. Unlike the name (`llm-bench` in most installations) it tells two databases apart:
   * another data directory, another user's, another server. Racing first creations: one insert
   * wins, the others match it (FerretDB answers a racing upsert with duplicate key 11000: retried).
   */
  async identity(): Promise<string> {
    const identities = this.db.collection<IdentityDoc>(DATABASE_IDENTITY_COLLECTION);
    const existing = await identities.findOne({ _id: IDENTITY_ID });
    if (existing) return existing.id;
    const mine: IdentityDoc = {
      _id: IDENTITY_ID,
      id: randomBytes(16).toString("hex"),
      created_at: new Date(),
    };
    await upsertRetrying(() =>
      identities.updateOne(
        { _id: IDENTITY_ID },
        { $setOnInsert: { id: mine.id, created_at: mine.created_at } },
        { upsert: true },
      ),
    );
    const stored = await identities.findOne({ _id: IDENTITY_ID });
    if (!stored) throw new Error("the database identity was not stored");
    return stored.id;
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  /**
   * The database server's clock (`hello`'s localTime, which MongoDB and FerretDB both answer); the host's
   * clock if a server does not say. A claim or lease that another host judges is stamped and judged on it
   * (CONTRIBUTING.md, "FerretDB"), so hosts whose own clocks disagree still agree on when it lapses.
   */
  async now(): Promise<Date> {
    const hello = await this.db.command({ hello: 1 });
    const t: unknown = hello["localTime"];
    return t instanceof Date ? t : new Date();
  }

  /** Names of the collections that exist, system collections included. */
  async collectionNames(): Promise<string[]> {
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return collections.map((c) => c.name);
  }

  async dropCollection(name: string): Promise<void> {
    await this.db.dropCollection(name);
  }
}
