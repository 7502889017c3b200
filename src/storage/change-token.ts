import { randomUUID } from "node:crypto";
import type { Db } from "mongodb";
import { POINTERS_COLLECTION } from "./counted-pointer.js";

interface ChangeTokenDoc {
  _id: string;
  token: string;
  at: Date;
}

/**
 * One document per store whose readers keep a copy in memory (in the pointers' collection, `_id`
 * "<store>:change_token"): a new random token after every write. A reader reads the token first
 * and the data after it, so a copy kept under a token holds every write made before that token was
 * set; writers set it after their data. A random token (not a counter) cannot be lost to FerretDB's
 * unsynchronized updates: any write leaves a token the reader has not seen. It is how a long-lived
 * reader (the MCP server) sees a write another process made (a decision approved in `serve`'s
 * console, a model disabled by the CLI) at its next read, for the price of one `_id` read.
 */
export class ChangeToken {
  private readonly id: string;

  constructor(
    private readonly db: Db,
    store: string,
  ) {
    this.id = `${store}:change_token`;
  }

  /** The current token; null before the store's first write. */
  async read(): Promise<string | null> {
    return (
      (await this.db.collection<ChangeTokenDoc>(POINTERS_COLLECTION).findOne({ _id: this.id }))?.token ?? null
    );
  }

  /** Called by a writer after its write. */
  async touch(): Promise<void> {
    await this.db
      .collection<ChangeTokenDoc>(POINTERS_COLLECTION)
      .updateOne({ _id: this.id }, { $set: { token: randomUUID(), at: new Date() } }, { upsert: true });
  }
}
