import type { Collection, Db } from "mongodb";
import type { Role } from "../config/config.js";

export const CONSOLE_SESSIONS_COLLECTION = "console_sessions";

/**
 * What a console session may see and do: everything its principal may (`all`, after signing in
 * with a token or a sign-in link), or one decision or batch page (a session opened by an approval
 * link from an MCP session; it grants nothing else).
 */
export type ConsoleScope = { kind: "all" } | { kind: "decision"; id: string } | { kind: "batch"; id: string };

/**
 * A browser session of the web console. Only the sha256 of the cookie's value is stored (the `_id`),
 * so a copy of the collection signs nobody in. The CSRF token is per session and goes in every form.
 */
export interface ConsoleSessionDoc {
  _id: string;
  principal: { name: string; role: Role; kind: "human" | "agent" | "system" };
  scope: ConsoleScope;
  csrf: string;
  /** How the session began: a bearer token typed into the sign-in form, or a one-time link. */
  via: "token" | "link";
  created_at: Date;
  expires_at: Date;
  ended_at: Date | null;
}

export class ConsoleSessionsRepository {
  private readonly col: Collection<ConsoleSessionDoc>;

  constructor(db: Db) {
    this.col = db.collection<ConsoleSessionDoc>(CONSOLE_SESSIONS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    // For pruning expired sessions; requests look sessions up by `_id`.
    await this.col.createIndex({ expires_at: 1 }, { name: "expires_at" });
  }

  async insert(doc: ConsoleSessionDoc): Promise<void> {
    await this.col.insertOne(doc);
  }

  get(hash: string): Promise<ConsoleSessionDoc | null> {
    return this.col.findOne({ _id: hash });
  }

  async end(hash: string, now: Date): Promise<void> {
    await this.col.updateOne({ _id: hash }, { $set: { ended_at: now } });
  }

  /** Whether a session begun `via` is live at `now` (not expired, not ended): an index read. */
  async anyLive(via: ConsoleSessionDoc["via"], now: Date): Promise<boolean> {
    return (
      (await this.col.findOne(
        { expires_at: { $gt: now }, via, ended_at: null },
        { projection: { _id: 1 } },
      )) !== null
    );
  }

  /** Removes sessions that expired before `now`; returns how many. */
  async prune(now: Date): Promise<number> {
    const r = await this.col.deleteMany({ expires_at: { $lt: now } });
    return r.deletedCount;
  }
}
