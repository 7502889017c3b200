/**
 * What the fleet-wide rollups (`fleet_hours`, `spend_days`) share. Each of their documents is
 * written by every run of its hour or day, and FerretDB's updates are read-modify-write:
 * concurrent updates of one document lose fields (CONTRIBUTING, "FerretDB"; without this a test
 * of 30 concurrent spend writes kept 1 in 10). So a store runs its updates of one `_id` one after
 * another. Writers in other processes are not serialized with these; on MongoDB that is harmless,
 * on FerretDB a rebuild from the source (`signals backfill --rebuild-rollups`) corrects what a
 * collision lost.
 */
export class SerialWrites {
  /** The tail of the write chain per `_id`. */
  private readonly chains = new Map<string, Promise<void>>();

  run(_id: string, write: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(_id) ?? Promise.resolve()).then(write);
    const tail = next.catch(() => undefined);
    this.chains.set(_id, tail);
    void tail.then(() => {
      if (this.chains.get(_id) === tail) this.chains.delete(_id);
    });
    return next;
  }
}

/** A name (provider, backend) as a field name: `.` and `$` cannot appear in an update path. */
export function fieldKey(name: string): string {
  return name.replace(/%/g, "%25").replace(/\./g, "%2E").replace(/\$/g, "%24");
}

export function fromFieldKey(key: string): string {
  return key.replace(/%2E/g, ".").replace(/%24/g, "$").replace(/%25/g, "%");
}

/** An upsert that retries once when another process created the document first (duplicate key). */
export async function upsertRetrying(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return;
    } catch (e) {
      if (attempt === 0 && (e as { code?: number }).code === 11000) continue;
      throw e;
    }
  }
}
