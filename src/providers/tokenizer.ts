import { createRequire } from "node:module";

/**
 * The one o200k token counter (the encoding Artificial Analysis uses), for the measurement core
 * (usage fallback, first-chunk apportioning) and the operator (prompt sizes, LLM accounting).
 *
 * Lazy: the encoder's tables are 2.4 MB of JavaScript that take several hundred milliseconds to
 * load, and most processes (the MCP server answering reads, most CLI commands) never count a
 * token, so it is required on first use, never at import. One module and one `require` of the
 * CommonJS build keep the function synchronous and give a process one encoder (`serve`, which
 * both measures and decides, once had an ESM and a CommonJS copy). No other file names
 * gpt-tokenizer (test/unit/providers/tokenizer.test.ts checks).
 */
interface Encoder {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}

let encoder: Encoder | undefined;
let loads = 0;

function load(): Encoder {
  if (!encoder) {
    encoder = createRequire(import.meta.url)("gpt-tokenizer/encoding/o200k_base") as Encoder;
    loads += 1;
  }
  return encoder;
}

/** Special-token strings in model output or provider text are counted as ordinary text, never thrown on. */
export function countTokens(text: string): number {
  if (text === "") return 0;
  return load().countTokens(text, { disallowedSpecial: new Set() });
}

/**
 * Loads the encoder and builds its merge tables (the first encode, about 10 ms) now. The
 * measurement core calls it (`prepareMeasurement`) before a sweep or a runner round dispatches
 * its first run, so that the load and the garbage it leaves are behind us before any run's clock
 * starts: warmed inside the first of several concurrent runs instead, a later run's first-token
 * window caught the pause (test/integration/benchmark-arrival.test.ts failed 2 in 5).
 */
export function warmTokenizer(): void {
  if (!encoder) countTokens("warm up");
}

/** How many times this process loaded the encoder: at most once. */
export function tokenizerLoads(): number {
  return loads;
}
