import type { Config } from "../config/config.js";
import type { Policy } from "./policy.js";

/**
 * The daily budgets in force, in one place (issue 17 item 8). The environment supplies defaults
 * (OPERATOR_DAILY_BUDGET_USD, BENCH_DAILY_BUDGET_USD); a policy version that states a budget
 * replaces that default, so a human lowering it in the policy stops the next paid call. Every paid
 * call is checked against `budgetFor`, and every view (get_costs, get_policy, get_fleet_health,
 * the report, the spend invariant) shows what it answers, with where the number came from.
 */

export type BudgetCategory = "operator" | "benchmark";

export const BUDGET_CATEGORIES: readonly BudgetCategory[] = ["operator", "benchmark"];

/** The share of a budget at which views and the invariant warn, when the policy names none. */
export const DEFAULT_ALERT_FRACTION = 0.8;

export type BudgetSource = "policy" | "environment";

export interface Budget {
  category: BudgetCategory;
  usd_per_day: number;
  /** `policy`: the policy in force states it; `environment`: the setting's value (the default). */
  source: BudgetSource;
  /** The setting that supplies the default. */
  setting: string;
}

export interface BudgetsInForce {
  operator: Budget;
  benchmark: Budget;
  alert_fraction: number;
}

/** What the budgets fall back to: the environment's settings. */
export type BudgetDefaults = {
  operator: Pick<Config["operator"], "dailyBudgetUsd">;
  benchmark: Pick<Config["benchmark"], "dailyBudgetUsd">;
};

const SETTING: Record<BudgetCategory, string> = {
  operator: "OPERATOR_DAILY_BUDGET_USD",
  benchmark: "BENCH_DAILY_BUDGET_USD",
};

const POLICY_FIELD = {
  operator: "operator_usd_per_day",
  benchmark: "benchmark_usd_per_day",
} as const satisfies Record<BudgetCategory, string>;

/** The budget for `category` per UTC day: the policy's when it states one, else the environment's. */
export function budgetFor(category: BudgetCategory, policy: Policy, defaults: BudgetDefaults): Budget {
  const stated = policy.budgets?.[POLICY_FIELD[category]];
  if (stated !== undefined)
    return { category, usd_per_day: stated, source: "policy", setting: SETTING[category] };
  return {
    category,
    usd_per_day: defaults[category].dailyBudgetUsd,
    source: "environment",
    setting: SETTING[category],
  };
}

export function budgetsInForce(policy: Policy, defaults: BudgetDefaults): BudgetsInForce {
  return {
    operator: budgetFor("operator", policy, defaults),
    benchmark: budgetFor("benchmark", policy, defaults),
    alert_fraction: policy.budgets?.alert_fraction ?? DEFAULT_ALERT_FRACTION,
  };
}

/** Where the policy in force is read (the policies store; a test may hand in a fixed one). */
export interface PolicySource {
  current(): Promise<{ policy: Policy }>;
}

/** The budget for `category` under the policy in force now: what a paid call is checked against. */
export async function budgetNow(
  category: BudgetCategory,
  policies: PolicySource,
  defaults: BudgetDefaults,
): Promise<Budget> {
  return budgetFor(category, (await policies.current()).policy, defaults);
}

/** `$1 (policy)` or `$1 (OPERATOR_DAILY_BUDGET_USD)`: a budget as a reason names it. */
export function describeBudget(b: Budget): string {
  return `$${b.usd_per_day} per day (${b.source === "policy" ? "the policy's budget" : b.setting})`;
}
