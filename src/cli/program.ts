import { Command } from "commander";
import { PACKAGE_VERSION } from "../server/version.js";
import { COMMAND_GROUPS, commandGroup, type CommandGroup } from "./commands/index.js";
import { markRequiredOptions } from "./help.js";

export type Env = Record<string, string | undefined>;

/**
 * The group a command line runs, or whose help it asks for (`<group> ...`, `help <group>`). The
 * program has no options of its own besides --help and --version, so the first word that is not
 * an option is the command.
 */
export function requestedGroup(args: readonly string[]): CommandGroup | undefined {
  const words = args.filter((a) => !a.startsWith("-"));
  const name = words[0] === "help" ? words[1] : words[0];
  return name === undefined ? undefined : commandGroup(name);
}

/**
 * The `bench-operator` program for one command line (`args` without node and the script). Only
 * the group that runs is imported; any other command line (--help, --version, an unknown command)
 * gets every group as a name and a summary, which is all the top-level help and the "did you
 * mean" suggestion need.
 */
export async function buildProgram(env: Env, args: readonly string[]): Promise<Command> {
  const program = markRequiredOptions(new Command("bench-operator"))
    .description("Operate a fleet of LLM benchmarks within a policy that humans set.")
    .version(PACKAGE_VERSION, "-V, --version", "print the version")
    .showHelpAfterError()
    .exitOverride();
  const group = requestedGroup(args);
  if (group) {
    // The context imports the config schema; only a command that runs needs it.
    const [register, { createCliContext }] = await Promise.all([group.load(), import("./context.js")]);
    register(program, createCliContext(env));
  } else {
    for (const g of COMMAND_GROUPS) program.command(g.name).description(g.summary);
    // Subcommands keep the full help after their errors (inherited above); an unknown top-level
    // command gets its suggestion without sixty lines of help pushing it off the screen.
    program.showHelpAfterError("(run bench-operator --help to list the commands)");
  }
  return program;
}
