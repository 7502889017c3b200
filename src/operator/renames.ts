import { findSuccessors, type SuccessorFinding } from "../catalog/successor.js";
import type { Repositories } from "../storage/repositories.js";
import type { ErrorKind } from "../taxonomy/kinds.js";
import type { ModelProposal } from "./expand.js";

/**
 * Hard failures that say the id is gone, which a successor id can explain. `model_unavailable`
 * (terms, access) is not: the id still exists.
 */
const GONE: ReadonlySet<ErrorKind> = new Set(["model_not_found", "model_retired"]);

/**
 * Turns expanded proposals into renames where the catalog shows a clear successor
 * (src/catalog/successor.ts): a disable or deprecate that survived the overrides, or the LLM's
 * rename, of a model whose id is gone. The deterministic evidence decides, never the LLM: a
 * rename without a clear successor becomes the disable it would otherwise have been, and says
 * why. One catalog read per provider involved.
 */
export async function withRenames(repos: Repositories, proposals: ModelProposal[]): Promise<ModelProposal[]> {
  const eligible = proposals.filter(
    (p) =>
      (p.action === "disable" || p.action === "deprecate" || p.action === "rename") &&
      GONE.has(p.situation.kind),
  );
  const found: Map<string, SuccessorFinding> =
    eligible.length > 0 ? await findSuccessors(repos, eligible) : new Map<string, SuccessorFinding>();
  return proposals.map((p) => {
    const finding = found.get(`${p.provider}:${p.model_id}`);
    if (!finding) return p.action === "rename" ? { ...p, action: "disable" } : p;
    if (finding.outcome === "successor") {
      const e = finding.evidence;
      return {
        ...p,
        action: "rename",
        successor: e,
        reasoning:
          `${p.model_id} is gone from ${p.provider}'s complete catalog read of ` +
          `${e.listing.finished_at.toISOString()}, which lists ${e.to} (${e.rule.replace("_", " ")}); ` +
          `move the measurement there. ${p.reasoning}`.slice(0, 1_000),
      };
    }
    const noSuccessor = { outcome: finding.outcome, reason: finding.reason, candidates: finding.candidates };
    if (p.action !== "rename") return { ...p, noSuccessor };
    return {
      ...p,
      action: "disable",
      noSuccessor,
      reasoning: `no clear successor (${finding.reason}); disable instead. ${p.reasoning}`.slice(0, 1_000),
    };
  });
}
