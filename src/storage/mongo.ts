import {
  MongoClient,
  MongoParseError,
  type Db,
  type ServerHeartbeatFailedEvent,
  type ServerHeartbeatSucceededEvent,
  type TopologyDescriptionChangedEvent,
} from "mongodb";
import type { Config } from "../config/config.js";
import { MONGODB_URI_SHAPES } from "../config/mongo-uri.js";
import { AppError } from "../errors.js";
import { redactSecrets } from "../logger.js";

/**
 * How long an address may refuse connections before a connect gives up on it: nothing listens
 * there, and a person running a command should hear so in about a second, not after the
 * server-selection timeout. The driver retries every half second, so this is two refusals.
 */
const REFUSED_FOR_MS = 500;

/**
 * Answers that mean nothing will answer at an address however long one waits: no server listens
 * on the port, or no host has the name. A host that stays silent is not here: it may be slow
 * (a remote cluster's TLS handshake), and the timeouts decide for it.
 */
const NOTHING_THERE: Record<string, string> = {
  ECONNREFUSED: "the connection was refused: no database server listens there",
  ENOTFOUND: "no host has that name",
};

export interface ConnectOptions {
  /** How long to look for a server that answers at all. @default 5000 */
  serverSelectionTimeoutMS?: number;
  /**
   * Keep trying an address that refuses connections (or does not resolve) for the whole
   * server-selection timeout, as for a server that may still be starting (`serve`, started beside
   * its database). Otherwise the connect gives up once every address has refused for half a second.
   */
  waitForStart?: boolean;
}

/**
 * Opens the client with short server-selection timeouts: a CLI command or a job that cannot
 * reach the database should say so in seconds, not hang for the driver's default 30 s, and in
 * about a second when nothing listens at the address at all.
 */
export async function connectMongo(uri: string, opts: ConnectOptions = {}): Promise<MongoClient> {
  let client: MongoClient;
  try {
    client = new MongoClient(uri, {
      serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 5_000,
      connectTimeoutMS: 5_000,
      appName: "bench-operator",
    });
  } catch (e) {
    // The config checks the URI's shape; the driver alone knows its options (`?foo=1`).
    if (!(e instanceof MongoParseError)) throw e;
    throw new AppError(
      "config_invalid",
      `MONGODB_URI: ${redactSecrets(e.message)}; expected ${MONGODB_URI_SHAPES}`,
      { cause: e },
    );
  }
  const nothingThere = opts.waitForStart ? null : watchForNothingThere(client);
  try {
    const connect = client.connect().then(() => client.db("admin").command({ ping: 1 }));
    await (nothingThere ? Promise.race([connect, nothingThere.found]) : connect);
  } catch (e) {
    await client.close().catch(() => {});
    if (e instanceof AppError) throw e;
    throw new AppError(
      "database_unavailable",
      `Cannot reach the database at ${addressOf(uri)}: ${redactSecrets((e as Error).message)}. Check MONGODB_URI and that the server is running.`,
      { cause: e },
    );
  } finally {
    nothingThere?.stop();
  }
  return client;
}

/**
 * Where a URI points, as a refusal may show it: scheme, hosts and database, never the user or
 * password (a user name says who may connect; the person reading the error needs only where).
 */
function addressOf(uri: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/?#]*@)?([^/?#]*)(\/[^?#]*)?/.exec(uri);
  return m ? `${m[1]}${m[2]}${m[3] ?? ""}` : redactSecrets(uri);
}

/**
 * Rejects `found` once every address of the topology has answered with NOTHING_THERE for
 * REFUSED_FOR_MS, naming the addresses (host and port: never the URI's credentials) and what
 * to do. The driver's own heartbeats are the evidence; no connection is made beside them.
 */
function watchForNothingThere(client: MongoClient): { found: Promise<never>; stop(): void } {
  const since = new Map<string, { at: number; why: string }>();
  let addresses: string[] = [];
  let fail: (e: AppError) => void = () => {};
  const found = new Promise<never>((_, reject) => (fail = reject));
  found.catch(() => {});
  const onTopology = (e: TopologyDescriptionChangedEvent): void => {
    addresses = [...e.newDescription.servers.keys()];
  };
  const onSucceeded = (e: ServerHeartbeatSucceededEvent): void => void since.delete(e.connectionId);
  const onFailed = (e: ServerHeartbeatFailedEvent): void => {
    const why = nothingThereReason(e.failure);
    if (why === null) return void since.delete(e.connectionId);
    if (!since.has(e.connectionId)) since.set(e.connectionId, { at: Date.now(), why });
    const refused = addresses.map((a) => [a, since.get(a)] as const);
    if (refused.length === 0 || refused.some(([, r]) => !r || Date.now() - r.at < REFUSED_FOR_MS)) return;
    fail(
      new AppError(
        "database_unavailable",
        `Nothing answers at ${refused.map(([a, r]) => `${a} (${r!.why})`).join(", ")}. ` +
          "Start the database there, or set MONGODB_URI to the address of one that runs.",
      ),
    );
  };
  client.on("topologyDescriptionChanged", onTopology);
  client.on("serverHeartbeatSucceeded", onSucceeded);
  client.on("serverHeartbeatFailed", onFailed);
  return {
    found,
    stop() {
      client.off("topologyDescriptionChanged", onTopology);
      client.off("serverHeartbeatSucceeded", onSucceeded);
      client.off("serverHeartbeatFailed", onFailed);
    },
  };
}

/** Our words for a heartbeat failure that means nothing is there, or null for any other failure. */
function nothingThereReason(error: unknown): string | null {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code in NOTHING_THERE) return NOTHING_THERE[code]!;
  }
  return null;
}

/** The connection as the rest of the product holds it: something to close at shutdown. */
export type DatabaseClient = Pick<MongoClient, "close">;

export function databaseFor(client: MongoClient, config: Pick<Config, "mongodb">): Db {
  return client.db(config.mongodb.db);
}
