// The one lazy tokenizer lives in src/providers/tokenizer.ts; this path stays for its importers.
export { countTokens } from "../tokenizer.js";
