import type { Collection, Db } from "mongodb";
import type { DocId } from "./documents.js";

export const TOOL_CALLS_COLLECTION = "tool_calls";

/** `handed_off`: nothing was done; the change was put in front of its person (their console page opened). */
export type ToolCallOutcome = "ok" | "handed_off" | "invalid" | "refused" | "error";

/** One MCP tool call, whatever became of it. Written once, never changed. */
export interface ToolCallDoc {
  _id?: DocId;
  at: Date;
  principal: { name: string; role: string; kind: string };
  transport: string;
  session_id: string | null;
  client: { name: string; version: string } | null;
  tool: string;
  /** sha256 of the arguments as canonical JSON: proves what was asked without storing it. */
  args_sha256: string;
  outcome: ToolCallOutcome;
  error_code: string | null;
  decision_id: string | null;
  batch_id: string | null;
  run_id: string | null;
  /** "elicitation" when the human confirmed the call in the client. */
  confirmed_by: string | null;
  duration_ms: number;
}

/** The tool-call audit log (`tool_calls`). */
export class ToolCallsRepository {
  private readonly col: Collection<ToolCallDoc>;

  constructor(db: Db) {
    this.col = db.collection<ToolCallDoc>(TOOL_CALLS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ at: -1 }, { name: "at" });
    await this.col.createIndex({ "principal.name": 1, at: -1 }, { name: "principal_at" });
  }

  async record(doc: ToolCallDoc): Promise<void> {
    await this.col.insertOne(doc);
  }

  /** Newest first. */
  list(filter: { principal?: string; tool?: string } = {}, limit = 50): Promise<ToolCallDoc[]> {
    return this.col
      .find({
        ...(filter.principal ? { "principal.name": filter.principal } : {}),
        ...(filter.tool ? { tool: filter.tool } : {}),
      })
      .sort({ at: -1 })
      .limit(limit)
      .toArray();
  }
}
