import { createRequire } from "node:module";

/**
 * o200k token counts for the operator's prompts and LLM accounting. The encoder's tables are
 * 2.4 MB of JavaScript that take several hundred milliseconds to load, and most processes (the
 * MCP server answering reads, most CLI commands) never count a token, so the encoder is
 * required on first use instead of at import. gpt-tokenizer ships a CommonJS build, which keeps
 * this function synchronous.
 */
let encoder: { countTokens(text: string): number } | undefined;

export function countTokens(text: string): number {
  encoder ??= createRequire(import.meta.url)("gpt-tokenizer/encoding/o200k_base") as {
    countTokens(text: string): number;
  };
  return encoder.countTokens(text);
}
