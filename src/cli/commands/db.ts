import type { Command } from "commander";
import { AppError } from "../../errors.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

export function registerDbCommands(program: Command, _ctx: CliContext): void {
  const db = program.command("db").description("The embedded database used when MONGODB_URI is unset.");
  db.command("build")
    .description(
      "Build the embedded database's FerretDB launcher now (once; needs Go), so that the first `mcp` or `serve` start does not wait minutes for it. Does nothing when it is built already.",
    )
    .option("--json", "print the launcher's path and whether it was built now")
    .action(async (opts: { json?: boolean }) => {
      const { ensureLauncher } = await import("../../db/ferretdb.js");
      let builtNow = false;
      let launcher: string;
      try {
        launcher = await ensureLauncher({ onBuildStart: () => (builtNow = true) });
      } catch (e) {
        throw new AppError(
          "unavailable",
          `${(e as Error).message}\nInstall Go (https://go.dev/dl) and run this again, or set MONGODB_URI to a MongoDB 6+ server instead of the embedded database.`,
        );
      }
      if (opts.json) return printJson({ launcher, built_now: builtNow });
      process.stdout.write(`FerretDB launcher ${builtNow ? "built" : "already built"}: ${launcher}\n`);
    });
}
