/**
 * What every bench script does before and after it measures: parse its few flags, log progress
 * to stderr, and get a database (MONGODB_URI when set, else FerretDB 1.24 started here on a
 * throw-away data directory, as the tests do) that it stops and removes again in `finally`.
 *
 * Nothing here prints a figure: each script keeps its own output, so the numbers quoted in issue
 * notes stay comparable.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFerretDb } from "../src/db/ferretdb.js";

/** The engine names the benches print. */
export const MONGODB_ENGINE = "MongoDB (MONGODB_URI)";
export const FERRETDB_ENGINE = "FerretDB 1.24 (SQLite)";

export interface BenchDatabase {
  /** The connection string to hand to `connectMongo`. */
  uri: string;
  /** `MONGODB_ENGINE` or `FERRETDB_ENGINE`. */
  engine: string;
  /** True when the given MONGODB_URI is used; false when FerretDB was started here. */
  external: boolean;
  /** Stops FerretDB and removes its data directory; does nothing for MONGODB_URI. */
  stop(): Promise<void>;
}

/**
 * Returns `uri` as it is when set (pass `loadConfig(process.env).mongodb.uri`), else starts
 * FerretDB with its data in a new directory `$TMPDIR/<tmpPrefix>XXXXXX`. Databases inside it are
 * the caller's: name, drop and close them as before; call `stop()` last, in `finally`.
 */
export async function openBenchDatabase(tmpPrefix: string, uri: string | undefined): Promise<BenchDatabase> {
  if (uri) return { uri, engine: MONGODB_ENGINE, external: true, stop: () => Promise.resolve() };
  const dataDir = mkdtempSync(join(tmpdir(), tmpPrefix));
  const removeDataDir = (): void => rmSync(dataDir, { recursive: true, force: true });
  try {
    const server = await startFerretDb(dataDir);
    return {
      uri: server.uri,
      engine: FERRETDB_ENGINE,
      external: false,
      stop: async () => {
        await server.stop();
        removeDataDir();
      },
    };
  } catch (e) {
    removeDataDir();
    throw e;
  }
}

/** One line on stderr: progress that stays out of the printed figures. */
export function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

export interface BenchArgs {
  /** `--json`: print one JSON object instead of tables. */
  json: boolean;
  /** `log`, or (with `quietWithJson`) nothing while `--json` is given. */
  log: (msg: string) => void;
  /** Whether the bare flag `--<name>` is given. */
  flag: (name: string) => boolean;
  /** The word after `--<name>`, or `fallback` when the flag or its value is missing. */
  arg: (name: string, fallback: string) => string;
  /** `--<name>` as a positive integer, `fallback` when absent; throws on any other value. */
  int: (name: string, fallback: number) => number;
  /** `--<name>` as a positive finite number, `fallback` when absent; throws on any other value. */
  number: (name: string, fallback: number) => number;
}

/** The command line of a bench script (`process.argv` by default). */
export function benchArgs(opts: { quietWithJson?: boolean; argv?: string[] } = {}): BenchArgs {
  const argv = opts.argv ?? process.argv;
  const json = argv.includes("--json");
  const numeric = (name: string, fallback: number): number => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  return {
    json,
    log: opts.quietWithJson && json ? () => {} : log,
    flag: (name) => argv.includes(`--${name}`),
    arg: (name, fallback) => {
      const i = argv.indexOf(`--${name}`);
      return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
    },
    int: (name, fallback) => {
      const v = numeric(name, fallback);
      if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
      return v;
    },
    number: (name, fallback) => {
      const v = numeric(name, fallback);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
      return v;
    },
  };
}
