import { BUDGET_CATEGORIES, budgetsInForce } from "../../policy/budgets.js";
import type { InvariantCheck } from "../types.js";

/**
 * Today's spend (UTC day, from the spend ledger) is within the budgets in force (budgets.ts): over budget is a
 * violation, at or above the alert fraction a warning.
 */
export const spendWithinBudget: InvariantCheck = {
  name: "spend_is_within_budget",
  description: "Operator and benchmark spend today are within the policy budgets.",
  async evaluate({ deps, now }) {
    const { policy } = await deps.repos.policies.current();
    const ledger = deps.repos.spend;
    const budgets = budgetsInForce(policy, deps.config);
    const rows = [];
    for (const category of BUDGET_CATEGORIES) {
      const spent = await ledger.spentToday(category, now);
      const { usd_per_day: budget, source } = budgets[category];
      const state =
        spent > budget ? "over" : spent >= budgets.alert_fraction * budget && spent > 0 ? "alert" : "ok";
      rows.push({ category, spent_usd: round(spent), budget_usd: budget, source, state });
    }
    const details = { alert_fraction: budgets.alert_fraction, categories: rows };
    const text = rows.map((r) => `${r.category} $${r.spent_usd} of $${r.budget_usd}`).join(", ");
    if (rows.some((r) => r.state === "over"))
      return { status: "violation", summary: `over budget today: ${text}`, details };
    if (rows.some((r) => r.state === "alert"))
      return { status: "warning", summary: `near budget today: ${text}`, details };
    return { status: "pass", summary: `within budget today: ${text}`, details };
  },
};

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
