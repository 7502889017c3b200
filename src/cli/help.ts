import { Help, type Command } from "commander";

/**
 * `program`'s help, inherited by every command registered on it, marks an option declared with
 * `requiredOption` "(required)": commander prints it like any other, so `decisions reject --help`
 * read as if --reason could be left out, and only running it said otherwise.
 */
export function markRequiredOptions(program: Command): Command {
  const plain = new Help();
  return program.configureHelp({
    optionDescription: (option) => {
      const text = plain.optionDescription(option);
      return option.mandatory ? `${text} (required)` : text;
    },
  });
}
