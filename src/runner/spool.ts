import { createHash, randomBytes } from "node:crypto";
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
 *
 * Beside the results, `claims/` keeps the claims this runner holds and has no result for yet, one
 * file each, named by the process that holds them: written when claimed, removed once the result
 * is spooled or the claim given back. A runner killed outright (SIGKILL, power loss) leaves its
 * files behind, and the next runner on the spool gives those claims back, so the models are due
 * again at once rather than when the lease runs out (run.ts).
 */
export interface SpoolEntry {
  file: string;
  body: unknown;
}

const RESULT_FILE = /^r-(\d{13})-\d{6}-[\w.-]{1,80}\.json$/;
const HELD_FILE = /^h-(\d{1,10})-[\w.-]{1,60}-[0-9a-f]{12}\.json$/;

/** A claim a runner held, as its file in `claims/` keeps it. */
export interface HeldEntry {
  file: string;
  /** The claim as claimed (the wire item), or null when the file is unreadable. */
  body: unknown;
}

export class Spool {
  private seq = 0;
  private readonly rejectedDir: string;
  private readonly claimsDir: string;

  constructor(
    readonly dir: string,
    readonly max: number,
    readonly maxAgeMs = Infinity,
    /** The process holding this runner's claims (its files are named by it). */
    private readonly pid = process.pid,
  ) {
    this.rejectedDir = join(dir, "rejected");
    this.claimsDir = join(dir, "claims");
  }

  async init(): Promise<void> {
    await mkdir(this.rejectedDir, { recursive: true });
    await mkdir(this.claimsDir, { recursive: true });
  }

  /** Writes one result durably and returns its file name. */
  async add(claimId: string, body: unknown, now = Date.now()): Promise<string> {
    this.seq = (this.seq + 1) % 1_000_000;
    const name = `r-${String(now).padStart(13, "0")}-${String(this.seq).padStart(6, "0")}-${safeName(claimId, 80)}.json`;
    await writeDurably(this.dir, name, body);
    return name;
  }

  /** Records a claim this runner holds, durably, before it is run. */
  async hold(claimId: string, item: unknown): Promise<void> {
    await writeDurably(this.claimsDir, this.heldName(claimId), item);
  }

  /** The claim is settled: its result is spooled, or it was given back. */
  async letGo(claimId: string): Promise<void> {
    await this.dropHeld(this.heldName(claimId));
  }

  async dropHeld(file: string): Promise<void> {
    await unlink(join(this.claimsDir, file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }

  /**
   * Claims left by runners of this spool that are gone: held by this process's id in an earlier
   * life (a container's runner is often pid 1 every time) or by a process that no longer exists.
   * A live process's claims are its own to settle.
   */
  async orphanedClaims(alive: (pid: number) => boolean = processAlive): Promise<HeldEntry[]> {
    const names = (await readdir(this.claimsDir)).filter((n) => HELD_FILE.test(n)).sort();
    const out: HeldEntry[] = [];
    for (const file of names) {
      const pid = Number(HELD_FILE.exec(file)?.[1]);
      if (pid !== this.pid && alive(pid)) continue;
      out.push({ file, body: await readJson(join(this.claimsDir, file)) });
    }
    return out;
  }

  /** The claim ids of the results waiting in the spool (each file's `item.claim_id`). */
  async resultClaimIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const file of await this.list()) {
      const body = (await readJson(join(this.dir, file))) as { item?: { claim_id?: unknown } } | null;
      const id = body?.item?.claim_id;
      if (typeof id === "string") ids.add(id);
    }
    return ids;
  }

  private heldName(claimId: string): string {
    const hash = createHash("sha256").update(claimId).digest("hex").slice(0, 12);
    return `h-${this.pid}-${safeName(claimId, 60)}-${hash}.json`;
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

function safeName(claimId: string, max: number): string {
  return claimId.replace(/[^\w.-]/g, "_").slice(0, max) || "claim";
}

/** Written to a temporary name, flushed and renamed: a crash leaves a whole file or none. */
async function writeDurably(dir: string, name: string, body: unknown): Promise<void> {
  const tmp = join(dir, `.tmp-${randomBytes(6).toString("hex")}`);
  const handle = await open(tmp, "w", 0o600);
  try {
    await handle.writeFile(JSON.stringify(body));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, name));
}

/** The parsed file, or null when it is unreadable or not JSON. */
async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as unknown;
  } catch {
    return null;
  }
}

/** Signal 0 checks that a process exists; EPERM means it does, under another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
