import { applyBookkeeping } from "../decisions/bookkeeping.js";
import { isProtected } from "../policy/evaluate.js";
import type { OpenRouterCatalogDoc } from "../storage/documents.js";
import { ADMISSION_ACTOR, keyOf, rejection, type EvaluationPlan, type PlannedRejection } from "./evaluate.js";
import type { MatchUpdate } from "./match-types.js";
import { target } from "./pass-report.js";
import type { PassContext, PassState } from "./pass-steps.js";

const DAY_MS = 86_400_000;

/**
 * The ids the matcher holds refuted (a probe answered that the id is wrong), each with why: the
 * stored guesses of every entry, with this pass's updates over them (a refutation made by this
 * pass counts at once).
 */
export function refutedGuessIds(
  openrouter: readonly OpenRouterCatalogDoc[],
  updates: readonly MatchUpdate[],
): Map<string, string> {
  const updated = new Map(updates.map((u) => [String(u._id), u.set.match_guesses]));
  const out = new Map<string, string>();
  for (const doc of openrouter) {
    const guesses = updated.get(String(doc._id)) ?? doc.match_guesses ?? [];
    for (const g of guesses) {
      if (g.outcome !== "refuted") continue;
      out.set(
        keyOf(g),
        `its id, guessed for openrouter:${doc.openrouter_id}, was refuted by a probe (${g.error_kind ?? "failed"})`,
      );
    }
  }
  return out;
}

/**
 * Rejects at once every probing candidate whose id is a refuted guess, in the pass that refutes
 * it: the matcher has moved on (a next guess, or given up), so another probe of the id would be
 * spent on an answer already given. The rejection keeps no recheck date (evaluate.ts).
 */
export async function rejectRefutedCandidates(
  ctx: PassContext,
  state: PassState,
  plan: EvaluationPlan,
  refuted: ReadonlyMap<string, string>,
): Promise<PlannedRejection[]> {
  const already = new Set(plan.rejections.map((r) => keyOf(r.model)));
  const recheckAfter = new Date(ctx.now.getTime() + ctx.deps.config.admission.recheckDays * DAY_MS);
  const out: PlannedRejection[] = [];
  for (const model of state.fleet) {
    if (model.status !== "probing" || model.enabled || isProtected(ctx.policy, model)) continue;
    const reason = refuted.get(keyOf(model));
    if (reason === undefined || already.has(keyOf(model))) continue;
    out.push(rejection(model, "refuted_guess", reason, ctx.now, recheckAfter));
  }
  ctx.report.rejections.push(...out.map((r) => ({ ...target(r.model), kind: r.kind, reason: r.reason })));
  if (ctx.write && out.length > 0) {
    await ctx.lease();
    const batch = await applyBookkeeping(
      ctx.deps.repos,
      {
        actor: ADMISSION_ACTOR,
        reason: `admission: ${out.length} candidate(s) of refuted id guesses rejected`,
        changes: out.map((r) => r.change),
      },
      ctx.now,
    );
    ctx.report.batches.push(batch._id);
    for (const c of batch.changes.filter((c) => c.status === "failed"))
      ctx.report.problems.push(`${c.provider}:${c.model_id}: ${c.error ?? "failed"}`);
  }
  return out;
}
