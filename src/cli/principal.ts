import { principalFor, type Principal } from "../policy/principal.js";
import type { CliContext } from "./context.js";

/** The CLI acts as the principal BENCH_OPERATOR_PRINCIPAL names (default: a local human operator). */
export function cliPrincipal(ctx: CliContext): Principal {
  const { name, role } = ctx.config().principal;
  return principalFor(name, role);
}
