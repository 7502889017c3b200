import { findSuccessors } from "../catalog/successor.js";
import type { Config } from "../config/config.js";
import { AppError } from "../errors.js";
import type { Principal } from "../policy/principal.js";
import type { Repositories } from "../storage/repositories.js";
import { actDirectly, type DirectOutcome } from "./direct.js";

/**
 * A principal proposes moving a model's measurement to a new id (`models rename`): a `rename`
 * decision on the old id, judged by the policy (authority-gated: a human may do it directly,
 * anyone else waits for one), executed through the mutation path, which moves the row to the
 * new id with `renamed_from` and keeps its `_id` and settings; reverting the batch moves it back.
 * The catalog's successor finding for the old id is stored with the decision, whatever it says:
 * a person may know better than the listing, and the record shows what the listing said.
 */

export interface RenameRequest {
  provider: string;
  from: string;
  to: string;
  reason: string;
}

/** Refuses what no execution could do: an unknown old id, a new id already in the fleet. */
export async function checkRename(repos: Repositories, req: RenameRequest): Promise<void> {
  const to = req.to.trim();
  if (to === "" || to === req.from)
    throw new AppError("invalid_input", `A rename needs a new id different from ${req.from}.`);
  const old = await repos.models.get({ provider: req.provider, model_id: req.from });
  if (!old)
    throw new AppError(
      "not_found",
      `${req.provider}:${req.from} is not in the fleet; \`bench-operator models list --provider ${req.provider}\` shows what is.`,
    );
  if (await repos.models.get({ provider: req.provider, model_id: to }))
    throw new AppError(
      "conflict",
      `${req.provider}:${to} is already in the fleet: a rename cannot merge two models. Disable ${req.from} instead, or remove ${to} first (revert the batch that added it).`,
    );
}

export async function proposeRename(
  repos: Repositories,
  principal: Principal,
  req: RenameRequest,
  now: Date,
  opts: { execute?: boolean; config?: Pick<Config, "providers" | "bedrock" | "vertex"> } = {},
): Promise<DirectOutcome> {
  const to = req.to.trim();
  await checkRename(repos, { ...req, to });
  const target = { provider: req.provider, model_id: req.from };
  const finding = (await findSuccessors(repos, [target])).get(`${req.provider}:${req.from}`);
  const successor =
    finding?.outcome === "successor"
      ? { ...finding.evidence, agrees: finding.evidence.to === to }
      : finding
        ? { outcome: finding.outcome, reason: finding.reason, candidates: finding.candidates }
        : null;
  return actDirectly(
    repos,
    principal,
    { action: "rename", targets: [target], reason: req.reason, evidence: { rename_to: to, successor } },
    now,
    opts,
  );
}
