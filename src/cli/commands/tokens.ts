import { InvalidArgumentError, type Command } from "commander";
import { ApiTokensRepository } from "../../auth/tokens.js";
import type { Role } from "../../policy/principal.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";
import { cliPrincipal } from "../principal.js";

const ROLES: Role[] = ["viewer", "agent", "operator", "admin"];

const role = (value: string): Role => {
  if (!ROLES.includes(value as Role)) throw new InvalidArgumentError(`must be one of ${ROLES.join(", ")}`);
  return value as Role;
};

export function registerTokensCommands(program: Command, ctx: CliContext): void {
  const tokens = program
    .command("tokens")
    .description(
      "Bearer tokens for `bench-operator serve --http`: each maps to a principal name and a role. Only a hash is stored.",
    );

  const repo = async <T>(fn: (r: ApiTokensRepository) => Promise<T>): Promise<T> =>
    ctx.withDatabase(async ({ repos }) => {
      const r = new ApiTokensRepository(repos.db);
      await r.ensureIndexes();
      return fn(r);
    });

  tokens
    .command("create")
    .description(
      "Create a token and print it once; it cannot be shown again. Humans with the operator or admin role only.",
    )
    .requiredOption("--name <name>", "principal name the token stands for (never reused)")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`, role)
    .option("--json", "print JSON")
    .action(async (opts: { name: string; role: Role; json?: boolean }) => {
      const { token, info } = await repo((r) =>
        r.create(opts.name, opts.role, cliPrincipal(ctx), new Date()),
      );
      if (opts.json) return printJson({ token, ...info });
      process.stdout.write(
        `${token}\n\nToken for ${info.name} (${info.role}). Shown once: store it now. Send it as "Authorization: Bearer <token>".\n`,
      );
    });

  tokens
    .command("list")
    .description("List tokens (never the tokens themselves).")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const list = await repo((r) => r.list());
      if (opts.json) return printJson(list);
      process.stdout.write(
        table(
          list.map((t) => ({
            name: t.name,
            role: t.role,
            created: t.created_at,
            created_by: t.created_by,
            last_used: t.last_used_at,
            revoked: t.revoked_at,
          })),
        ) + "\n",
      );
    });

  tokens
    .command("revoke <name>")
    .description("Revoke a token at once; the name stays reserved.")
    .action(async (name: string) => {
      const info = await repo((r) => r.revoke(name, cliPrincipal(ctx), new Date()));
      process.stdout.write(
        `revoked ${info.name} (${info.role}) at ${info.revoked_at?.toISOString() ?? "?"}\n`,
      );
    });
}
