import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Command } from "commander";
import { z } from "zod";
import { describeError } from "../../taxonomy/classify.js";
import type { CliContext } from "../context.js";

/** One input line of `errors classify`. Unknown extra fields are ignored. */
const ClassifyLine = z.object({
  provider: z.string().min(1),
  message: z.string(),
  http_status: z.number().int().nullable().optional(),
  model: z.string().nullable().optional(),
  exc_type: z.string().nullable().optional(),
});

const CLASSIFY_HELP = `
Input: JSON Lines on stdin, one error per line:
  {"provider": "openai", "message": "...", "http_status": 404, "model": "gpt-4o", "exc_type": "NotFoundError"}
  (provider and message are required; http_status, model and exc_type are optional)

Output: one JSON line per input line, in input order:
  {"kind": "...", "class": "...", "basis": "...", "normalized_message": "...", "fingerprint": "..."}
  basis says what decided the kind: "rules" (words or status a rule names), "lexicon" (the words of
  a kind when no rule decided; never a hard verdict) or "none" (unknown: left to the LLM pass).
  or {"error": "..."} for a line that is not JSON or lacks provider/message or has wrong types.
  A bad line never stops the run. Blank lines are skipped and produce no output.

Input is streamed line by line; no database is opened.

Example:
  printf '%s\\n' '{"provider":"groq","http_status":429,"message":"Rate limit reached"}' | bench-operator errors classify
`;

/** Classifies one input line into the output line (without newline). Never throws. */
export function classifyLine(line: string, lineNumber: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: `line ${lineNumber}: not valid JSON` });
  }
  const input = ClassifyLine.safeParse(parsed);
  if (!input.success) {
    const problems = input.error.issues
      .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    return JSON.stringify({ error: `line ${lineNumber}: ${problems}` });
  }
  const d = describeError({
    provider: input.data.provider,
    message: input.data.message,
    httpStatus: input.data.http_status ?? null,
    model: input.data.model ?? null,
    exceptionType: input.data.exc_type ?? null,
  });
  return JSON.stringify({
    kind: d.kind,
    class: d.class,
    basis: d.basis,
    normalized_message: d.normalized_message,
    fingerprint: d.fingerprint,
  });
}

/**
 * Streams `input` line by line to `output`. Waits for "drain" when the output buffer is full, so a
 * large input piped into a slow reader is not buffered whole in memory.
 */
export async function classifyStream(input: Readable, output: Writable): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    if (!output.write(classifyLine(line, lineNumber) + "\n")) await once(output, "drain");
  }
}

export function registerErrorsCommands(program: Command, _ctx: CliContext): void {
  const errors = program.command("errors").description("Work with provider error messages.");

  errors
    .command("classify")
    .description(
      "Classify error messages read as JSON Lines from stdin; writes one JSON line per input line (blank lines are skipped).",
    )
    .addHelpText("after", CLASSIFY_HELP)
    .action(async () => {
      await classifyStream(process.stdin, process.stdout);
    });
}
