import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";

/**
 * A provider-independent token count with `o200k_base` (the encoding Artificial Analysis uses).
 * It is the fallback when a provider reports no usage, and it apportions a provider's count to the
 * first chunk. Special-token strings in model output are counted as ordinary text, never thrown on.
 */
export function countTokens(text: string): number {
  if (text === "") return 0;
  return countO200k(text, { disallowedSpecial: new Set() });
}

// The first encode builds the merge tables (about 10 ms). Doing it at import keeps that cost out
// of the first measured run's post-processing, which would otherwise stall concurrent streams.
countTokens("warm up");
