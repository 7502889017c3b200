import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";

const DAY_MS = 86_400_000;

/**
 * How long a person's "no" to a change of one model stands: after a rejection, or the revert of
 * the batch that made it, the operator does not propose that change of that model again for this
 * many days (the run record counts it `held_by_person`).
 */
export const PERSON_WORD_HOLD_DAYS = 7;
/**
 * For this long after it, a new proposal of the same change waits for a person however safe its
 * action and whatever the policy would allow, and its evidence names the earlier word.
 */
export const PERSON_WORD_MEMORY_DAYS = 30;

/**
 * A person's rejection of a change, their revert of it, or (for a disable) their direct enable of the
 * model, as a later proposal of it cites it.
 */
export interface PersonWord {
  how: "rejected" | "reverted" | "enabled";
  decision_id: string;
  by: string;
  at: Date;
  reason?: string;
}

/** The key of one change of one model: the action and the model. */
export function changeKey(action: string, provider: string, modelId: string): string {
  return `${action}\u0000${modelKey(provider, modelId)}`;
}

/**
 * Every change of a model a person rejected or reverted in the last PERSON_WORD_MEMORY_DAYS, the
 * newest word per change. Rejections by the policy itself or by an agent are not a person's word. A
 * person's executed enable of a model (`models enable`, the console's model page, or an agent's
 * proposal of it they approved) is their word
 * against disabling it: without it the next run disabled the model again. Five reads whatever their
 * number: the rejections, the enables, the reverts, the batches they undid and those batches'
 * decisions (one `$in` each).
 */
export async function personWords(repos: Repositories, now: Date): Promise<Map<string, PersonWord>> {
  const since = new Date(now.getTime() - PERSON_WORD_MEMORY_DAYS * DAY_MS);
  const words = new Map<string, PersonWord>();
  const keep = (d: Pick<DecisionDoc, "action" | "targets">, word: PersonWord): void => {
    for (const t of d.targets) {
      const k = changeKey(d.action, t.provider, t.model_id);
      const known = words.get(k);
      if (!known || known.at < word.at) words.set(k, word);
    }
  };

  const rejected = await repos.decisions.find(
    { status: "rejected", updatedSince: since },
    {
      fields: [
        "_id",
        "action",
        "targets",
        "rejected_by",
        "rejected_by_kind",
        "reject_reason",
        "reject_channel",
        "updated_at",
      ],
    },
  );
  for (const d of rejected) {
    if (!byPerson(d.rejected_by_kind, d.reject_channel)) continue;
    keep(d, {
      how: "rejected",
      decision_id: d._id,
      by: d.rejected_by ?? "a person",
      at: d.updated_at,
      ...(d.reject_reason ? { reason: d.reject_reason } : {}),
    });
  }

  const enables = await repos.decisions.find(
    { status: "executed", action: "enable", updatedSince: since },
    {
      fields: [
        "_id",
        "targets",
        "proposed_by",
        "reasoning",
        "updated_at",
        "approved_by",
        "approved_by_kind",
        "approval_channel",
      ],
    },
  );
  for (const d of enables) {
    // A person's own enable, or an agent's proposal of it (an MCP session's) that a person approved.
    const by =
      d.proposed_by.kind === "human"
        ? d.proposed_by.name
        : byPerson(d.approved_by_kind, d.approval_channel) && d.approved_by
          ? d.approved_by
          : null;
    if (by === null) continue;
    keep(
      { action: "disable", targets: d.targets },
      { how: "enabled", decision_id: d._id, by, at: d.updated_at, reason: d.reasoning },
    );
  }

  const reverts = await repos.mutations.createdBetween(since, {
    kind: "revert",
    fields: ["_id", "actor", "revert_of", "revert_only", "created_at", "reason"],
  });
  const undone = await repos.mutations.getMany(reverts.flatMap((r) => (r.revert_of ? [r.revert_of] : [])));
  const byBatch = new Map(undone.map((b) => [b._id, b]));
  const decisions = await repos.decisions.getMany(
    undone.flatMap((b) => b.decision_ids ?? []),
    { fields: ["_id", "action", "targets"] },
  );
  const byId = new Map(decisions.map((d) => [d._id, d]));
  for (const revert of reverts) {
    const batch = revert.revert_of ? byBatch.get(revert.revert_of) : undefined;
    // A revert of a revert (an undo's included) puts the change back: no word against it.
    if (batch?.kind === "revert") continue;
    // A revert of one model's change (a person's undo on its page) is their word about that model only.
    const only = revert.revert_only;
    for (const id of batch?.decision_ids ?? []) {
      const d = byId.get(id);
      if (!d) continue;
      const targets = only
        ? d.targets.filter((t) => t.provider === only.provider && t.model_id === only.model_id)
        : d.targets;
      keep(
        { action: d.action, targets },
        {
          how: "reverted",
          decision_id: d._id,
          by: revert.actor,
          at: revert.created_at,
          ...(personsWords(revert.reason) ? { reason: personsWords(revert.reason)! } : {}),
        },
      );
    }
  }
  return words;
}

/**
 * Whether an approval or rejection was a person's: its recorded kind, or (stored before the kind
 * was) a named channel other than the policy's own, as the policy's carry none or "policy".
 */
function byPerson(kind: string | undefined, channel: string | undefined): boolean {
  if (kind !== undefined) return kind === "human";
  return channel !== undefined && channel !== "policy";
}

/**
 * The person's own words in a revert's reason: a whole batch's revert records "revert of <batch>"
 * and, when the person said why, ": <their words>" after it; an undo of one model records theirs.
 */
function personsWords(reason: string | undefined): string | null {
  if (!reason) return null;
  const m = /^revert of mb_[0-9a-f]+(?:: ([\s\S]*))?$/.exec(reason);
  if (!m) return reason;
  return m[1]?.trim() || null;
}

/** Whether the word still holds the change back entirely (else a new proposal waits for a person). */
export function stillHolds(word: PersonWord, now: Date): boolean {
  return now.getTime() - word.at.getTime() < PERSON_WORD_HOLD_DAYS * DAY_MS;
}

/** The sentence a waiting proposal's verdict gives for it. */
export function personWordReason(word: PersonWord): string {
  const when = word.at.toISOString().slice(0, 10);
  const why = word.reason ? ` ("${word.reason.slice(0, 200)}")` : "";
  const what = word.how === "enabled" ? "enabled this model" : `${word.how} the same change to this model`;
  return `${word.by} ${what} on ${when} (${word.decision_id})${why}: it waits for a person`;
}
