/**
 * Logs go to stderr, always: stdout belongs to command output and, for `mcp`, to the protocol.
 * Values that look like credentials are masked before anything is written.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
/** `text`: a line a person reads; `json`: one object per line for a log collector (LOG_FORMAT). */
export type LogFormat = "text" | "json";

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
  /\bya29\.[A-Za-z0-9._-]{8,}/g, // Google OAuth2 access tokens (Vertex AI)
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

// The key names the last SECRET_PATTERNS entry recognizes in text, for values in JSON logs.
const SECRET_KEY = /api[_-]?key|token|secret|password/i;

/**
 * `value` with every string redacted and every value under a secret-looking key masked. JSON
 * logs are redacted value by value: masking the serialized text could cut through an escape or
 * a bracket and leave a line that no longer parses.
 */
export function redactValue(value: unknown, key?: string): unknown {
  if (key !== undefined && SECRET_KEY.test(key) && (typeof value === "string" || typeof value === "number"))
    return "[redacted]";
  if (typeof value === "string") return redactSecrets(value);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (value instanceof Error) return redactSecrets(value.message);
  if (Array.isArray(value)) return value.map((v) => redactValue(v));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
}

export function createStderrLogger(level: LogLevel = "info", format: LogFormat = "text"): Logger {
  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[lvl] < ORDER[level]) return;
    const time = new Date().toISOString();
    const hasFields = fields !== undefined && Object.keys(fields).length > 0;
    if (format === "json") {
      // Fields nest under their own key, so a field named `level` or `msg` cannot shadow ours.
      const entry = {
        time,
        level: lvl,
        msg: redactSecrets(msg),
        ...(hasFields ? { fields: redactValue(fields) } : {}),
      };
      process.stderr.write(JSON.stringify(entry) + "\n");
      return;
    }
    const extra = hasFields ? ` ${JSON.stringify(fields)}` : "";
    process.stderr.write(redactSecrets(`${time} ${lvl} ${msg}${extra}`) + "\n");
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
