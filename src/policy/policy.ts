import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ERROR_KINDS, type ErrorKind } from "../taxonomy/kinds.js";

/**
 * The policy humans set (DESIGN section 8). Versioned in the database; the safe default ships
 * in policy/default-policy.json. Agents can read it, never write it.
 */

const kind = z.enum(Object.keys(ERROR_KINDS) as [ErrorKind, ...ErrorKind[]]);
const role = z.enum(["viewer", "agent", "operator", "admin"]);

const evidenceRule = z.object({
  enabled: z.boolean(),
  /** Only these error kinds count as evidence (hard-class kinds by default). */
  kinds: z.array(kind).min(1),
  /** The failure streak (from the first error after the last success) must be longer than this. */
  min_streak_hours: z.number().nonnegative(),
  /** No success at all within this many days. */
  no_success_days: z.number().nonnegative(),
  /** The provider must be otherwise healthy: other models succeeded recently and it is not paused. */
  require_provider_healthy: z.boolean(),
});

/**
 * Automatic promotion of an admission candidate (enable + probation). Enabling a model costs
 * money, so it is authority-gated; this lets the system promote on probe evidence alone within a
 * daily count and only for models whose output price is known and low enough. Absent or disabled:
 * every promotion waits for a human.
 */
const autoPromote = z.object({
  enabled: z.boolean(),
  /** Most automatic promotions per UTC day (all providers). */
  max_per_day: z.number().int().nonnegative(),
  /** Only models whose output price is known and at most this (USD per million tokens). */
  max_output_usd_per_million: z.number().nonnegative(),
});

export const policySchema = z.object({
  kill_switch: z.boolean(),
  auto_execute: z.object({ disable: evidenceRule, deprecate: evidenceRule }),
  approvers: z.object({ evidence_gated: z.array(role), authority_gated: z.array(role) }),
  agent_may_approve_own: z.boolean(),
  caps: z.object({ per_pass: z.number().int().nonnegative(), per_provider: z.number().int().nonnegative() }),
  protected: z.object({ providers: z.array(z.string()), models: z.array(z.string()) }),
  /**
   * USD per UTC day. A budget the policy states is the one every paid call is checked against; one
   * it leaves out is the environment's (OPERATOR_DAILY_BUDGET_USD, BENCH_DAILY_BUDGET_USD): see
   * budgets.ts, the one reader.
   */
  budgets: z
    .object({
      operator_usd_per_day: z.number().nonnegative().optional(),
      benchmark_usd_per_day: z.number().nonnegative().optional(),
      alert_fraction: z.number().min(0).max(1).optional(),
    })
    .strict()
    .optional(),
  pending_expiry_hours: z.number().positive(),
  /** Optional so that policies stored before it existed still read as "never automatically". */
  auto_promote: autoPromote.optional(),
});

export type Policy = z.infer<typeof policySchema>;
/** Here rather than in evaluate.ts so stored decisions can name it without importing the gate. */
export type PolicyAction =
  "disable" | "deprecate" | "enable" | "promote" | "monitor" | "ignore" | "revert" | "rename";
export type EvidenceRule = z.infer<typeof evidenceRule>;
export type AutoPromoteRule = z.infer<typeof autoPromote>;

const DEFAULT_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "../../policy/default-policy.json");

export function defaultPolicy(): Policy {
  return policySchema.parse(JSON.parse(readFileSync(DEFAULT_PATH, "utf8")));
}

/** Parses a policy file's text with every problem reported by path. */
export function parsePolicy(text: string): Policy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`policy is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = policySchema.strict().safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `policy is invalid:\n  ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("\n  ")}`,
    );
  }
  return parsed.data;
}
