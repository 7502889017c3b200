import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * The runner's write-ahead spool: every result is written here before it is posted and
 * removed once the server has answered for it, so nothing measured is lost to a server outage,
 * a lost response or a killed runner (the server recognises a re-delivery by claim id).
 *
 * Files are named by write time and a sequence number, so a sorted listing is delivery order
 * (oldest first). Each is written to a temporary name, flushed and renamed: a crash leaves a
 * whole file or none. Results the server rejects as malformed are moved to `rejected/` rather
 * than deleted, so a bug is kept for inspection instead of disappearing.
 *
 * The bound: the runner claims no new work while the spool holds `max` results (see run.ts),
 * so the spool never grows past it from new work and no result in hand is ever dropped for room.
 * By age it is bounded by `maxAgeMs` (RUNNER_RECEIPT_RETENTION_DAYS): an older result is dropped
 * rather than sent, because the server no longer keeps what would recognise it as a re-delivery
 * (see retention.ts).
 */
export interface SpoolEntry {
  file: string;
  body: unknown;
}

const RESULT_FILE = /^r-(\d{13})-\d{6}-[\w.-]{1,80}\.json$/;

export class Spool {
  private seq = 0;
  private readonly rejectedDir: string;

  constructor(
    readonly dir: string,
    readonly max: number,
    readonly maxAgeMs = Infinity,
  ) {
    this.rejectedDir = join(dir, "rejected");
  }

  async init(): Promise<void> {
    await mkdir(this.rejectedDir, { recursive: true });
  }

  /** Writes one result durably and returns its file name. */
  async add(claimId: string, body: unknown, now = Date.now()): Promise<string> {
    const safeId = claimId.replace(/[^\w.-]/g, "_").slice(0, 80) || "claim";
    this.seq = (this.seq + 1) % 1_000_000;
    const name = `r-${String(now).padStart(13, "0")}-${String(this.seq).padStart(6, "0")}-${safeId}.json`;
    const tmp = join(this.dir, `.tmp-${randomBytes(6).toString("hex")}`);
    const handle = await open(tmp, "w", 0o600);
    try {
      await handle.writeFile(JSON.stringify(body));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(this.dir, name));
    return name;
  }

  /** Spooled result files, oldest first. */
  async list(): Promise<string[]> {
    const names = await readdir(this.dir);
    return names.filter((n) => RESULT_FILE.test(n)).sort();
  }

  /** True when the file was written longer than `maxAgeMs` before `now` (this host's clock both times). */
  expired(file: string, now = Date.now()): boolean {
    const written = Number(RESULT_FILE.exec(file)?.[1] ?? now);
    return now - written > this.maxAgeMs;
  }

  async count(): Promise<number> {
    return (await this.list()).length;
  }

  /** The parsed body, or null when the file is unreadable (it is moved to rejected/). */
  async read(file: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(join(this.dir, file), "utf8")) as unknown;
    } catch {
      await this.reject(file);
      return null;
    }
  }

  async remove(file: string): Promise<void> {
    await unlink(join(this.dir, file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }

  async reject(file: string): Promise<void> {
    await rename(join(this.dir, file), join(this.rejectedDir, file));
  }
}
