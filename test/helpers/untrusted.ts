import { UNTRUSTED_CLOSE, UNTRUSTED_OPEN } from "../../src/operator/prompt.js";

/**
 * The lines of a prompt outside every untrusted block (each delimiter stands on its own line), and
 * whether a block was left open at the end.
 */
export function trustedLines(prompt: string): { lines: string[]; open: boolean } {
  const lines: string[] = [];
  let inside = false;
  for (const line of prompt.split("\n")) {
    if (line === UNTRUSTED_OPEN) inside = true;
    else if (line === UNTRUSTED_CLOSE) inside = false;
    else if (!inside) lines.push(line);
  }
  return { lines, open: inside };
}
