import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { AppError } from "../../errors.js";
import { settingsMarkdown } from "../../config/config.js";
import { SETTINGS } from "../../config/settings.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

const START = "<!-- settings:start -->";
const END = "<!-- settings:end -->";

export function registerConfigCommands(program: Command, ctx: CliContext): void {
  const config = program.command("config").description("Inspect the configuration.");

  config
    .command("docs")
    .description("Print the table of every setting (the README's configuration section).")
    .option(
      "--update <file>",
      "replace the table between the settings markers in this file instead of printing it",
    )
    .action((opts: { update?: string }) => {
      if (!opts.update) return void process.stdout.write(settingsMarkdown() + "\n");
      const text = readFileSync(opts.update, "utf8");
      const start = text.indexOf(START);
      const end = text.indexOf(END);
      if (start < 0 || end < start)
        throw new AppError("invalid_input", `${opts.update} has no ${START} ... ${END} markers`);
      writeFileSync(
        opts.update,
        `${text.slice(0, start + START.length)}\n${settingsMarkdown()}\n${text.slice(end)}`,
      );
      process.stdout.write(`updated the settings table in ${opts.update}\n`);
    });

  config
    .command("show")
    .description(
      "Validate the environment and print the effective settings (secrets are shown as set/unset).",
    )
    .option("--json", "print JSON")
    .action((opts: { json?: boolean }) => {
      ctx.config(); // throws with every problem at once if the environment is invalid
      const env = ctx.env;
      const rows = SETTINGS.map((s) => {
        const raw = env[s.env];
        const value = s.secret ? (raw ? "(set)" : "(unset)") : (raw ?? s.default ?? "(unset)");
        return { setting: s.env, value };
      });
      if (opts.json) printJson(Object.fromEntries(rows.map((r) => [r.setting, r.value])));
      else for (const r of rows) process.stdout.write(`${r.setting}=${r.value}\n`);
    });
}
