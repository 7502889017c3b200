import { foldDayHours, hourId, startOfHour, type FleetHour } from "../storage/fleet-hours-repository.js";
import type { Repositories } from "../storage/repositories.js";

/**
 * The fleet-wide rollups (`fleet_hours` from the day buckets, `spend_days` from the ledger): how
 * readers get them whether or not they have been built for history older than them, and how the
 * backfill builds them.
 */

const HOUR_MS = 3_600_000;

/** The hours from the one containing `from` to the one containing `to`, both included. */
export function hoursBetween(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let t = startOfHour(from).getTime(); t <= to.getTime(); t += HOUR_MS) out.push(new Date(t));
  return out;
}

/**
 * The fleet's counts for these hours: from the rollup (one `_id` read per hour), or, until it has
 * been built for day buckets older than it (`signals backfill`), summed from every day bucket.
 */
export async function readFleetHours(repos: Repositories, hours: Date[]): Promise<FleetHour[]> {
  const rollup = repos.signals.fleetHours;
  if (await rollup.isComplete()) return rollup.hours(hours);
  const wanted = new Set(hours.map(hourId));
  return (await foldDayHours(repos.signals.scanDayHours())).filter((h) => wanted.has(hourId(h.hour)));
}

/**
 * Builds the rollups that are not complete (or all, with `force`); what each rebuilt. Also sets
 * the newest-operator-run pointer when it is missing (or with `force`).
 */
export async function rebuildRollups(
  repos: Repositories,
  opts: { force?: boolean } = {},
): Promise<{ fleetHours: number; spendDays: number }> {
  const out = { fleetHours: 0, spendDays: 0 };
  if (opts.force || !(await repos.signals.fleetHours.isComplete())) {
    const hours = await foldDayHours(repos.signals.scanDayHours());
    await repos.signals.fleetHours.replaceAll(hours);
    out.fleetHours = hours.length;
  }
  if (opts.force || !(await repos.spend.days.isComplete())) out.spendDays = await repos.spend.rebuildDays();
  await repos.operatorState.rebuildLatestRunPointer({ force: opts.force === true });
  return out;
}

/** For a database just emptied (the demo's re-seed): every rollup is complete as it is written. */
export async function markRollupsComplete(repos: Repositories): Promise<void> {
  await repos.signals.fleetHours.markComplete();
  await repos.spend.days.markComplete();
}
