import {
  startOfDay,
  type ErrorEvent,
  type SignalsRepository,
  type SuccessEvent,
} from "../storage/signals-repository.js";

export { startOfDay, type ErrorEvent, type SuccessEvent };

/**
 * Folds one successful run into the model's signals (the update rules live with the collection,
 * in `SignalsRepository.applySuccess`: the streak is reset only by a success newer than it).
 */
export async function applySuccess(signals: SignalsRepository, e: SuccessEvent, now: Date): Promise<void> {
  await signals.applySuccess(e, now);
}

/** Folds one failed attempt into the model's signals (`SignalsRepository.applyError`). */
export async function applyError(signals: SignalsRepository, e: ErrorEvent, now: Date): Promise<void> {
  await signals.applyError(e, now);
}
