/**
 * How the classifier reads a message (moved out of classify.ts to keep it under 300 lines): the
 * encodings a message picks up in SDKs, gateways and logs undone, and wrapped lines joined.
 */
const HTML_ENTITIES: Record<string, string> = { quot: '"', apos: "'", amp: "&", lt: "<", gt: ">" };

/**
 * Undoes the encodings a message picks up on its way through SDKs, gateways and logs, so a phrase
 * reads the same however it was carried: JSON unicode escapes (Go and Python encoders write quotes
 * and ampersands as backslash-u0027 and the like), HTML entities (an error page, a log rendered to
 * HTML), typographic quotes, then JSON escapes however many times the body was re-encoded (a quote
 * escaped twice arrives as three backslashes and a quote).
 */
function decode(text: string): string {
  return text
    .replace(/\\+u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&(quot|apos|amp|lt|gt|#\d{2,3});/g, (_m, name: string) =>
      name.startsWith("#") ? String.fromCharCode(Number(name.slice(1))) : (HTML_ENTITIES[name] ?? _m),
    )
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\\+[nrt]/g, " ")
    .replace(/\\+(["'])/g, "$1");
}

/**
 * Reads wrapped text the way a person would: a line break inside a sentence (a CLI or SDK wrapping
 * a long message: "… is not\nfound for API version …", "Response was blocked due to\nSAFETY", a
 * JSON value on the line after its key) becomes a space, so a phrase matches across the wrap. A
 * break after a sentence or before a symbol (the next traceback line) stays; a break before a
 * capital stays unless the line it ends was mid-word-run (a lowercase letter or a comma). Runs of
 * spaces collapse to one. Lowercases the result.
 */
export function unwrap(text: string): string {
  return decode(text)
    .replace(/([A-Za-z0-9,;:='"`)])[ \t]*\r?\n[ \t]*(?=[a-z0-9`'"(<])/g, "$1 ")
    .replace(/([a-z,])[ \t]*\r?\n[ \t]*(?=[A-Z])/g, "$1 ")
    .replace(/[ \t]{2,}/g, " ")
    .toLowerCase();
}
