import { Command } from "commander";
import { vi } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { createCliContext } from "../../src/cli/context.js";

type CommandGroup = (program: Command, ctx: CliContext) => void;

/**
 * A CLI runner for in-process tests: registers the given command groups over a context built
 * from `env` (as main.ts does with process.env) and returns what one command printed on stdout.
 */
export function inProcessCli(
  env: () => Record<string, string>,
  groups: CommandGroup[],
): (...args: string[]) => Promise<string> {
  return async (...args) => {
    const program = new Command("bench-operator").exitOverride();
    const ctx = createCliContext(env());
    for (const register of groups) register(program, ctx);
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(["node", "bench-operator", ...args]);
    } finally {
      spy.mockRestore();
    }
    return out.join("");
  };
}
