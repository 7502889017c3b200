import { loadConfig, type Config } from "../config/config.js";
import type { RunningDatabase } from "../db/ferretdb.js";
import { createStderrLogger, type Logger } from "../logger.js";
import type { DatabaseClient } from "../storage/mongo.js";
import type { Repositories } from "../storage/repositories.js";
import { asDatabaseUnavailable } from "../errors.js";

/**
 * What a CLI command needs, built lazily: the config is parsed once per process, and a database
 * connection is opened only by commands that use one (`errors classify` never does).
 */
export interface CliContext {
  /** The environment, handed in once by main.ts; commands never read process.env themselves. */
  env: Readonly<Record<string, string | undefined>>;
  config(): Config;
  logger(): Logger;
  /** Runs `fn` with repositories over MONGODB_URI, or over the embedded database when it is unset. */
  withDatabase<T>(fn: (deps: DatabaseDeps) => Promise<T>, opts?: DatabaseOptions): Promise<T>;
}

export interface DatabaseDeps {
  config: Config;
  logger: Logger;
  client: DatabaseClient;
  repos: Repositories;
}

export interface DatabaseOptions {
  db?: string;
  /** Called when the embedded database's launcher must be built first (minutes, once). */
  onBuildStart?: () => void;
  /**
   * A database at MONGODB_URI may still be starting (`serve`, started beside it): an address that
   * refuses connections is retried for the whole connect timeout instead of about a second.
   */
  waitForStart?: boolean;
}

export function createCliContext(env: Record<string, string | undefined>): CliContext {
  let config: Config | undefined;
  let logger: Logger | undefined;
  const getConfig = (): Config => (config ??= loadConfig(env));
  const getLogger = (): Logger =>
    (logger ??= createStderrLogger(getConfig().logLevel, getConfig().logFormat));

  return {
    env,
    config: getConfig,
    logger: getLogger,
    async withDatabase(fn, opts = {}) {
      // Loaded here, not at import: the driver and the repositories are a few hundred ms of
      // module loading that commands without a database skip, and that `mcp` does after it
      // has started answering its client.
      const [{ startEmbeddedDatabase }, { connectMongo }, { createRepositories, ensureIndexes }] =
        await Promise.all([
          import("../db/embedded.js"),
          import("../storage/mongo.js"),
          import("../storage/repositories.js"),
        ]);
      const cfg = opts.db
        ? { ...getConfig(), mongodb: { ...getConfig().mongodb, db: opts.db } }
        : getConfig();
      let embedded: RunningDatabase | undefined;
      const uri =
        cfg.mongodb.uri ??
        (embedded = await startEmbeddedDatabase({
          dataDir: cfg.mongodb.dataDir,
          logger: getLogger(),
          ...(opts.onBuildStart ? { onBuildStart: opts.onBuildStart } : {}),
        })).uri;
      try {
        const client = await connectMongo(uri, { waitForStart: opts.waitForStart === true });
        try {
          const repos = createRepositories(client.db(cfg.mongodb.db), cfg.collections);
          await ensureIndexes(repos);
          return await fn({ config: cfg, logger: getLogger(), client, repos });
        } catch (e) {
          throw asDatabaseUnavailable(e);
        } finally {
          await client.close();
        }
      } finally {
        await embedded?.stop();
      }
    },
  };
}
