import type { Db } from "mongodb";

/**
 * What the product asks of the database as a whole rather than of one collection: its name (for
 * messages), a ping (healthz), and the collection list a demo re-seed drops.
 */
export class DatabaseRepository {
  constructor(private readonly db: Db) {}

  get name(): string {
    return this.db.databaseName;
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
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
