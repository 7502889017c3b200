import { AppError } from "../errors.js";

/**
 * How a stdio session answers tool calls while its database is still starting. initialize and
 * tools/list never wait for it; a tool call waits at most `waitMs` (clients give up on a call
 * after about 60 s) and then returns `pending()`, an error that says why and what to do.
 */
export interface DatabaseStartup {
  waitMs: number;
  pending(): AppError;
}

export interface EmbeddedStartup extends DatabaseStartup {
  /** The embedded database's launcher is being built (minutes, once). */
  buildStarted: () => void;
}

/**
 * `buildTime` and `buildCommand` are read each time `pending()` answers, so a caller may set them
 * on `opts` later, before a build starts (the stdio command loads the embedded database's module
 * only after the handshake).
 */
export function databaseStartup(opts: {
  waitMs: number;
  /** What the build usually takes, in words. */
  buildTime: string;
  /** The exact command that builds the launcher ahead of time. */
  buildCommand: string;
}): EmbeddedStartup {
  const started = Date.now();
  let buildStartedAt: number | undefined;
  const secondsSince = (at: number): number => Math.round((Date.now() - at) / 1000);
  return {
    waitMs: opts.waitMs,
    buildStarted: () => void (buildStartedAt ??= Date.now()),
    pending: () =>
      buildStartedAt === undefined
        ? new AppError(
            "unavailable",
            `The database is still starting (${secondsSince(started)} s so far), so nothing was read or changed. Call the tool again in a minute.`,
          )
        : new AppError(
            "unavailable",
            `The embedded database is being built for the first time (its FerretDB launcher; started ${secondsSince(buildStartedAt)} s ago, it takes ${opts.buildTime}), so nothing was read or changed. Call the tool again when it is done (the server's log on stderr says when). To build it ahead of time instead, a human can run: ${opts.buildCommand}`,
          ),
  };
}

/** `ready`, or `startup.pending()` once `startup.waitMs` has passed without it. */
export async function withinStartup<T>(ready: Promise<T>, startup: DatabaseStartup | undefined): Promise<T> {
  if (!startup) return ready;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(startup.pending()), startup.waitMs);
  });
  try {
    return await Promise.race([ready, late]);
  } finally {
    clearTimeout(timer);
  }
}
