import type { Command } from "commander";
import { settingsMarkdown } from "../../config/config.js";
import { SETTINGS } from "../../config/settings.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

export function registerConfigCommands(program: Command, ctx: CliContext): void {
  const config = program.command("config").description("Inspect the configuration.");

  config
    .command("docs")
    .description("Print the table of every setting (the README's configuration section).")
    .action(() => {
      process.stdout.write(settingsMarkdown() + "\n");
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
