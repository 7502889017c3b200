import { InvalidArgumentError, type Command } from "commander";
import { createToken, listTokens, revokeToken, type TokenRole } from "../../auth/tokens.js";
import type { ApiTokensRepository } from "../../storage/api-tokens-repository.js";
import type { CliContext } from "../context.js";
import { printJson, table } from "../output.js";
import { cliPrincipal } from "../principal.js";

const ROLES: TokenRole[] = ["viewer", "agent", "operator", "admin", "runner"];

const role = (value: string): TokenRole => {
  if (!ROLES.includes(value as TokenRole))
    throw new InvalidArgumentError(`must be one of ${ROLES.join(", ")}`);
  return value as TokenRole;
};

export function registerTokensCommands(program: Command, ctx: CliContext): void {
  const tokens = program
    .command("tokens")
    .description(
      "Bearer tokens for `bench-operator serve --http`: each maps to a principal name and a role. Only a hash is stored.",
    );

  const repo = async <T>(fn: (r: ApiTokensRepository) => Promise<T>): Promise<T> =>
    ctx.withDatabase(async ({ repos }) => fn(repos.apiTokens));

  tokens
    .command("create")
    .description(
      "Create a token and print it once; it cannot be shown again. Humans with the operator or admin role only.",
    )
    .requiredOption("--name <name>", "principal name the token stands for (never reused)")
    .requiredOption(
      "--role <role>",
      `one of ${ROLES.join(", ")} (runner: a remote runner, which may call only the ingest API)`,
      role,
    )
    .option(
      "--provider <id>",
      "runner tokens: a provider the runner serves; repeatable",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--json", "print JSON")
    .action(async (opts: { name: string; role: TokenRole; provider: string[]; json?: boolean }) => {
      const { token, info } = await repo((r) =>
        createToken(r, opts.name, opts.role, cliPrincipal(ctx), new Date(), opts.provider),
      );
      if (opts.json) return printJson({ token, ...info });
      const scope = info.providers ? ` for ${info.providers.join(", ")}` : "";
      const use =
        info.role === "runner"
          ? "Give it to the runner as BENCH_RUNNER_TOKEN (an environment setting, so it stays out of `ps`)."
          : 'Send it as "Authorization: Bearer <token>".';
      process.stdout.write(
        `${token}\n\nToken for ${info.name} (${info.role}${scope}). Shown once: store it now. ${use}\n`,
      );
    });

  tokens
    .command("list")
    .description("List tokens (never the tokens themselves).")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const list = await repo((r) => listTokens(r));
      if (opts.json) return printJson(list);
      process.stdout.write(
        table(
          list.map((t) => ({
            name: t.name,
            role: t.role,
            providers: t.providers?.join(",") ?? "",
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
      const info = await repo((r) => revokeToken(r, name, cliPrincipal(ctx), new Date()));
      process.stdout.write(
        `revoked ${info.name} (${info.role}) at ${info.revoked_at?.toISOString() ?? "?"}\n`,
      );
    });
}
