import { disabledModels } from "../inputs.js";
import { listed, type InvariantCheck } from "../types.js";

/** `disabled_class` values whose cause can go away (credit added, terms accepted, limits reset). */
const RECOVERABLE_CLASSES = new Set([
  "billing",
  "auth",
  "provider_wide",
  "transient",
  "rate_limit",
  "quota",
  "budget_exhausted",
  "terms",
  "access",
]);
/** Free-text markers of a recoverable reason in `disabled_reason` (from the earlier system). */
const RECOVERABLE_TEXT =
  /billing|payment|credit|insufficient|quota|rate.?limit|\b40[12]\b|auth|api key|terms|access/i;
const DAY_MS = 86_400_000;
/** A recoverable disable younger than this may still lack a recheck date. */
const UNDATED_GRACE_MS = 7 * DAY_MS;

/**
 * Disabled models with a recoverable reason have a recheck date, and it is honoured: a
 * `recheck_after` more than a day in the past means the recovery probe is not acting on it.
 */
export const recheckDatesAreHonoured: InvariantCheck = {
  name: "recheck_dates_are_honoured",
  description: "Recoverable disables carry a recheck date that the recovery probes act on.",
  async evaluate(ctx) {
    const { now } = ctx;
    const disabled = (await disabledModels(ctx)).filter((m) => m.deprecated !== true);
    const overdue = [];
    const undated = [];
    let recoverable = 0;
    for (const m of disabled) {
      const isRecoverable =
        m.recheck_after != null ||
        RECOVERABLE_CLASSES.has(m.disabled_class ?? "") ||
        RECOVERABLE_TEXT.test(m.disabled_reason ?? "");
      if (!isRecoverable) continue;
      recoverable++;
      if (m.recheck_after && now.getTime() - m.recheck_after.getTime() > DAY_MS) {
        overdue.push({ provider: m.provider, model_id: m.model_id, recheck_after: m.recheck_after });
      } else if (
        !m.recheck_after &&
        m.disabled_at &&
        now.getTime() - m.disabled_at.getTime() > UNDATED_GRACE_MS
      ) {
        undated.push({
          provider: m.provider,
          model_id: m.model_id,
          disabled_at: m.disabled_at,
          reason: m.disabled_reason ?? null,
        });
      }
    }
    const details = { recoverable, overdue: listed(overdue), without_recheck_date: listed(undated) };
    if (overdue.length + undated.length > 0) {
      return {
        status: "violation",
        summary: `${overdue.length} recheck date(s) overdue by more than a day, ${undated.length} recoverable disable(s) without one`,
        details,
      };
    }
    return { status: "pass", summary: `${recoverable} recoverable disable(s), none overdue`, details };
  },
};
