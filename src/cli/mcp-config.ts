import { resolve } from "node:path";
import type { Config } from "../config/config.js";
import { COLLECTIONS } from "../config/settings.js";
import { defaultDataDir } from "../db/embedded.js";

/** The MCP clients `mcp --print-config --client` writes an entry for. */
import type { McpClient } from "./mcp-clients.js";

export { MCP_CLIENTS, type McpClient } from "./mcp-clients.js";

export const PASSWORD_PLACEHOLDER = "<password>";
const SERVER_NAME = "bench-operator";

export interface ServerEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * How a client starts this installation's server: absolute paths (desktop apps do not load shell
 * profiles, so `node` may not be on their PATH) and, in `env` (never `args`, which the process
 * list shows), whatever selects the database the CLI uses here, so that the client's server reads
 * the same fleet: MONGODB_URI with its password left for the user to fill in, or the embedded
 * database's data directory resolved as the CLI resolves it.
 */
export function serverEntry(
  config: Config,
  env: Readonly<Record<string, string | undefined>>,
  opts: { node: string; mainJs: string; readOnly: boolean },
): { entry: ServerEntry; notes: string[] } {
  const passed: Record<string, string> = {};
  const notes: string[] = [];
  if (config.mongodb.uri) {
    const uri = withPasswordPlaceholder(config.mongodb.uri);
    passed["MONGODB_URI"] = uri;
    if (uri !== config.mongodb.uri) {
      notes.push(
        `MONGODB_URI's password is printed as ${PASSWORD_PLACEHOLDER}: replace it with the real one (URL-encoded) in the client's configuration.`,
      );
    }
  } else {
    passed["BENCH_OPERATOR_DATA_DIR"] = resolve(config.mongodb.dataDir ?? defaultDataDir());
  }
  passed["MONGODB_DB"] = config.mongodb.db;
  for (const { env: name } of Object.values(COLLECTIONS)) {
    const value = env[name];
    if (value) passed[name] = value;
  }
  const principal = env["BENCH_OPERATOR_PRINCIPAL"];
  if (principal) passed["BENCH_OPERATOR_PRINCIPAL"] = principal;
  const args = [opts.mainJs, "mcp", ...(opts.readOnly ? ["--read-only"] : [])];
  return { entry: { command: opts.node, args, env: passed }, notes };
}

/** The text to paste for `client`: a JSON document, or for Claude Code a command line. */
export function clientConfig(client: McpClient, entry: ServerEntry): string {
  switch (client) {
    case "claude-desktop": // claude_desktop_config.json
    case "cursor": // .cursor/mcp.json or ~/.cursor/mcp.json
      return json({ mcpServers: { [SERVER_NAME]: entry } });
    case "vscode": // .vscode/mcp.json
      return json({ servers: { [SERVER_NAME]: { type: "stdio", ...entry } } });
    case "claude-code":
      // The name goes before -e: -e takes several values and would swallow a name after it.
      return [
        "claude mcp add --transport stdio",
        SERVER_NAME,
        ...Object.entries(entry.env).map(([k, v]) => `-e ${shellQuote(`${k}=${v}`)}`),
        "--",
        shellQuote(entry.command),
        ...entry.args.map(shellQuote),
      ].join(" ");
  }
}

/** `mongodb://user:secret@host/` becomes `mongodb://user:<password>@host/`. */
export function withPasswordPlaceholder(uri: string): string {
  const scheme = /^[a-z+]+:\/\//i.exec(uri)?.[0];
  if (!scheme) return uri;
  const rest = uri.slice(scheme.length);
  const authorityEnd = rest.search(/[/?]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf("@");
  if (at < 0) return uri;
  const colon = authority.indexOf(":");
  if (colon < 0 || colon > at) return uri;
  return scheme + authority.slice(0, colon + 1) + PASSWORD_PLACEHOLDER + rest.slice(at);
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** POSIX shell quoting: plain words stay as they are, anything else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
