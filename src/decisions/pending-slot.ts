import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../errors.js";
import type { DecisionDoc, DecisionTarget } from "../storage/decisions-repository.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * One pending decision per change. Proposing reads for a pending decision making the same change
 * first, but two proposers reading at the same moment both find none; so a pending decision is
 * recorded only after its proposer has claimed the change's slot (`claims`, an insert of a unique
 * `_id`: atomic on FerretDB as on MongoDB, where a conditional update or a partial unique index
 * is not available; see src/storage/claims.ts). The loser is handed the slot holder's decision,
 * as a proposer after it is. The slot is given back when the decision leaves pending
 * (src/decisions/transition.ts), and a slot whose holder left pending or never recorded its
 * decision is taken over, so a crash never blocks the change. A slot's age is stamped and measured
 * on the database's clock (`database.now()`), not each proposer's: a proposer whose clock ran
 * a minute ahead took a live holder's slot and stored the same change a second time.
 */

/** How long a slot's holder may take to record its decision before the slot counts as abandoned. */
const SLOT_CUT_OFF_MS = 60_000;
/** How long the loser waits for the holder's decision to be stored (real time). */
const HOLDER_WAIT_MS = 5_000;

/** A change as proposing compares it: the action, the set of models, and a rename's new id. */
export type Change = Pick<DecisionDoc, "action" | "targets" | "evidence">;

export function targetList(targets: readonly DecisionTarget[]): string {
  return targets
    .map((t) => `${t.provider}:${t.model_id}`)
    .sort()
    .join(",");
}

/**
 * The key of a change: two proposals are the same change when their keys are equal (the same
 * action on exactly the same models, and for a rename the same new id). Hashed: a decision may
 * name hundreds of models.
 */
export function changeSlotKey(c: Change): string {
  const renameTo = c.evidence["rename_to"];
  const text = [c.action, targetList(c.targets), typeof renameTo === "string" ? renameTo : ""].join("\n");
  return `pending:${c.action}:${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
}

/**
 * Claims the change of `doc` (a pending decision not stored yet) for it: null when `doc` holds
 * the slot and may be stored, otherwise the pending decision that holds it (one of `own`, this
 * call's own proposals not stored yet, or a stored one). `databaseNow` is the database's clock
 * (`repos.database.now()`, read once per batch of proposals), never the host's.
 */
export async function takePendingSlot(
  repos: Repositories,
  doc: DecisionDoc,
  databaseNow: Date,
  own: ReadonlyMap<string, DecisionDoc> = new Map(),
): Promise<DecisionDoc | null> {
  const key = changeSlotKey(doc);
  for (let round = 0; round < 3; round++) {
    if (await repos.claims.claimOnce(key, databaseNow, doc._id, { proposed_by: doc.proposed_by.name }))
      return null;
    const held = (await repos.claims.find([key])).get(key);
    if (!held) continue; // given back meanwhile
    const mine = own.get(held.holder);
    if (mine) return mine;
    const holder = await storedDecision(repos, held.holder);
    if (holder?.status === "pending") return holder;
    // Its decision left pending before the slot was given back, or was never recorded: the
    // holder stopped between the claim and the insert. Given back only while it still holds it.
    if (holder || databaseNow.getTime() - held.at.getTime() >= SLOT_CUT_OFF_MS) {
      await repos.claims.release(key, held.holder);
      continue;
    }
    const by = held.intent?.["proposed_by"];
    throw new AppError(
      "unavailable",
      `The same ${doc.action} of ${targetList(doc.targets)} is being proposed by ${typeof by === "string" ? by : "another session"} ` +
        `since ${held.at.toISOString()} as decision ${held.holder}, which is not recorded yet; nothing was proposed. ` +
        `Run this again in a minute: it is then pending, or the proposal that stopped before recording it has given the change back.`,
    );
  }
  throw new AppError(
    "unavailable",
    `The same ${doc.action} of ${targetList(doc.targets)} was proposed and left pending several times while this proposal waited; nothing was proposed. Run it again.`,
  );
}

/** The slot holder's decision, waiting a little for a holder between its claim and its insert. */
async function storedDecision(repos: Repositories, id: string): Promise<DecisionDoc | null> {
  const until = Date.now() + HOLDER_WAIT_MS;
  for (;;) {
    const d = await repos.decisions.get(id);
    if (d || Date.now() >= until) return d;
    await sleep(25);
  }
}

/** Gives back the slot of a decision that left pending (or was never stored), if it holds it. */
export async function freePendingSlot(repos: Repositories, d: DecisionDoc): Promise<void> {
  await repos.claims.release(changeSlotKey(d), d._id);
}
