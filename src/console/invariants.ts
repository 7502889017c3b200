import { AppError } from "../errors.js";
import { runInvariants } from "../invariants/run.js";
import { mayAct, type PageContext } from "./context.js";

/**
 * The Invariants page's "Evaluate now": the evaluation `bench-operator invariants check` records, by a
 * person who may act (an operator or admin). It reads the fleet and changes nothing in it.
 */
export async function evaluateFromConsole(c: PageContext): Promise<void> {
  if (!mayAct(c))
    throw new AppError(
      "forbidden",
      `Your role (${c.principal.role}) can only read: recording an evaluation needs an operator or admin. Nothing was evaluated.`,
    );
  await runInvariants(c.shared.deps);
}
