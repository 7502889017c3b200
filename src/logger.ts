/**
 * Logs go to stderr, always: stdout belongs to command output and, for `mcp`, to the protocol.
 * Values that look like credentials are masked before anything is written.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI-style keys
  /\b(?:gsk|xai|fw|pk|rk)_[A-Za-z0-9]{8,}/g, // Groq, Fireworks and similar
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bbo_[A-Za-z0-9_-]{16,}/g, // our own bearer tokens (src/auth/tokens.ts)
  /(\bBearer\s+)[A-Za-z0-9._~+/-]{8,}/gi,
  /(mongodb(?:\+srv)?:\/\/[^:/@\s]+:)[^@\s]+(?=@)/gi, // password in a connection string
  /((?:api[_-]?key|token|secret|password)["']?\s*[:=]\s*["']?)[^\s"',}]{6,}/gi,
];

/** Masks anything that looks like a credential. Used by the logger and by every error we store. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) {
    out = out.replace(re, (match: string, prefix?: string) =>
      typeof prefix === "string" && match.startsWith(prefix) ? `${prefix}[redacted]` : "[redacted]",
    );
  }
  return out;
}

export function createStderrLogger(level: LogLevel = "info"): Logger {
  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[lvl] < ORDER[level]) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
    process.stderr.write(redactSecrets(`${new Date().toISOString()} ${lvl} ${msg}${extra}`) + "\n");
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
