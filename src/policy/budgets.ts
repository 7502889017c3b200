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

/** `policy`: the policy in force states it; `environment`: its setting is set; `default`: the setting's built-in default. */
export type BudgetSource = "policy" | "environment" | "default";

export const BUDGET_SOURCES = ["policy", "environment", "default"] as const satisfies readonly BudgetSource[];

export interface Budget {
  category: BudgetCategory;
  usd_per_day: number;
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
  operator: Pick<Config["operator"], "dailyBudgetUsd" | "dailyBudgetSet">;
  benchmark: Pick<Config["benchmark"], "dailyBudgetUsd" | "dailyBudgetSet">;
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
    source: defaults[category].dailyBudgetSet ? "environment" : "default",
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

/** Where a budget's number came from, in words: "the policy's budget", "OPERATOR_DAILY_BUDGET_USD", "the default of …". */
export function budgetOrigin(b: Pick<Budget, "source" | "setting">): string {
  if (b.source === "policy") return "the policy's budget";
  return b.source === "environment" ? b.setting : `the default of ${b.setting}, which is not set`;
}

/** `$1 per day (the policy's budget)`: a budget as a reason names it. */
export function describeBudget(b: Budget): string {
  return `$${b.usd_per_day} per day (${budgetOrigin(b)})`;
}
