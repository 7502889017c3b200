import { AppError } from "../errors.js";
import { applyBatch, type BatchRequest, type ChangeRequest } from "../mutations/mutate.js";
import type { ModelDoc } from "../storage/documents.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * The system's bookkeeping of models that are not measured: a batch without a decision. Every
 * other fleet change is a decision and a batch (CONTRIBUTING, "Rules"). These are the candidate
 * lifecycle of admission (new candidates added disabled for probing, a candidate rejected after
 * its probes, a rejected candidate sent back to probing on its recheck date) and the next
 * recheck date of a disabled model after a recovery probe. None of them asks the policy anything
 * (the system may always do them; the kill switch stops the jobs before they get here), and as a
 * decision each would supersede the open decisions about its model and overwrite the model's
 * decision mirror. So the rule is checked here instead: no change may touch a model that is
 * enabled, enable one, deprecate one or add one enabled. Each is still a recorded, revertible batch.
 */
export async function applyBookkeeping(
  repos: Repositories,
  req: BatchRequest,
  now: Date,
): Promise<MutationBatchDoc> {
  const models = await repos.models.rawByKeys(req.changes);
  const byKey = new Map(models.map((m) => [`${m.provider}:${m.model_id}`, m]));
  const refused = req.changes.flatMap((c) => {
    const why = whyNotBookkeeping(c, byKey.get(`${c.provider}:${c.model_id}`));
    return why === null ? [] : [`${c.provider}:${c.model_id}: ${why}`];
  });
  if (refused.length > 0) {
    throw new AppError(
      "invalid_input",
      `${req.actor}: not bookkeeping, so it needs a decision: ${refused.slice(0, 5).join("; ")}`,
    );
  }
  return applyBatch(repos, req, now);
}

function whyNotBookkeeping(change: ChangeRequest, model: ModelDoc | undefined): string | null {
  // Adding a model that exists fails that change alone, in the batch (nothing is overwritten).
  if (!change.create && model?.enabled === true) return "the model is enabled (measured)";
  if (change.set.enabled === true) return "it enables the model";
  if ("deprecated" in change.set) return "it deprecates the model";
  if (change.create && change.set.enabled !== false) return "it adds a model that is not disabled";
  return null;
}
