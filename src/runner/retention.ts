/**
 * How long a delivered result is remembered, and therefore how old a result may be.
 *
 * The server recognises a re-delivery (a runner that never saw the answer sends again) by the
 * claim's receipt. Once receipts are pruned it can no longer tell a re-delivery from a first
 * delivery: the claim's done marker still keeps the result from being stored twice, but the
 * answer would be a refusal (`unknown_claim`, `claim_expired`) that the runner counts as a
 * failure, wrongly. So one retention bounds both sides:
 *
 * - the server refuses, without writing anything, a result whose claim expired more than the
 *   retention ago and has no receipt left (`past_retention`), and prunes receipts only after the
 *   retention *plus one lease*. A receipt is finished after its claim was made, so a pruned
 *   receipt's claim expired at most one lease after it: every re-delivery that could have lost
 *   its receipt is past the retention and gets `past_retention`, never a wrong refusal;
 * - the runner drops spooled results older than the retention with a warning instead of sending
 *   them (`Spool.expired`), and treats a `past_retention` answer the same way. A result that old
 *   is not the model's current state anyway (the cadence is hours), and it bounds the spool by
 *   age as well as by count. The retention is therefore also the longest outage a runner bridges.
 *
 * The runner compares its own clock with its own file times and the server its own clock with
 * its own claim times, so clock skew between the hosts does not matter; only the setting has to
 * agree (when it does not, the server's refusal catches what the runner sends too late).
 */
export const DAY_MS = 86_400_000;

/** A result whose claim expired before `now - retention` is past the retention. */
export function pastRetention(expiresAt: Date, now: Date, retentionDays: number): boolean {
  return expiresAt.getTime() < now.getTime() - retentionDays * DAY_MS;
}

/** Receipts finished before this are pruned: the retention plus one lease (see above). */
export function receiptCutoff(now: Date, retentionDays: number, leaseMinutes: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS - leaseMinutes * 60_000);
}
