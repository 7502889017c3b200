import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Principal } from "../policy/principal.js";

export interface Session {
  server: McpServer;
  transport: StreamableHTTPServerTransport;
  principal: Principal;
  lastSeen: number;
  /** Requests made after `initialize` (notifications aside): 0 for a session never used. */
  calls: number;
}

export interface SessionLimits {
  /** Sessions idle this long are closed. */
  idleMs: number;
  /** Sessions that never made a call are closed after this much idleness. */
  unusedIdleMs: number;
  /** At most this many open sessions for non-admin tokens together. */
  maxSessions: number;
  /** At most this many open sessions per token (admins included). */
  maxPerToken: number;
}

/**
 * The open MCP sessions, bounded so that no token can lock the others out (issue 16, failure
 * 4): a per-token cap, a shorter idle time for sessions that never made a call, and a global cap
 * that admins are not counted against and not stopped by, so an admin can always get in.
 */
export class SessionPool {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly limits: SessionLimits) {}

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  set(id: string, s: Session): void {
    this.sessions.set(id, s);
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  values(): IterableIterator<Session> {
    return this.sessions.values();
  }

  /** Why `principal` may not open another session now, or null when it may. */
  refusal(principal: Principal): string | null {
    let mine = 0;
    let others = 0;
    for (const s of this.sessions.values()) {
      if (s.principal.name === principal.name) mine++;
      if (s.principal.role !== "admin") others++;
    }
    if (mine >= this.limits.maxPerToken)
      return `This token has ${mine} open sessions, the most one token may hold; close one (DELETE /mcp with its mcp-session-id) or let it idle out.`;
    if (principal.role !== "admin" && others >= this.limits.maxSessions)
      return "Too many open sessions; close one or retry later.";
    return null;
  }

  /** Closes sessions past their idle time; returns how many. */
  sweep(now: number): number {
    let n = 0;
    for (const [id, s] of this.sessions) {
      const limit = s.calls === 0 ? this.limits.unusedIdleMs : this.limits.idleMs;
      if (now - s.lastSeen >= limit) {
        this.sessions.delete(id);
        s.server.close().catch(() => {});
        n++;
      }
    }
    return n;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.server.close().catch(() => {})));
    this.sessions.clear();
  }
}

/**
 * Requests in flight, so that shutdown can let them finish (and write their audit rows) before
 * the database closes.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  track<T>(p: Promise<T>): Promise<T> {
    this.count++;
    return p.finally(() => {
      this.count--;
      if (this.count === 0) for (const w of this.waiters.splice(0)) w();
    });
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when nothing is in flight or after `graceMs`, whichever comes first; true if drained. */
  drained(graceMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
