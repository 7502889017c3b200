import type { ErrorKind } from "../taxonomy/kinds.js";
import type { DemoProvider } from "./providers.js";
import type { ExpectedAction, ScenarioType } from "./types.js";

/**
 * The incidents of the synthetic fleet and their ground truth. Each entry says what happens to
 * the affected models, what a careful operator does about it, and why; the planner
 * (plan.ts) picks the models and the document generator (documents.ts) writes the evidence.
 *
 * The truth is kept unambiguous on purpose: a model in a "disable" scenario has no success after
 * the incident began and fails on every run since, at a provider whose other models are healthy;
 * a provider-wide failure touches every enabled model of its provider and only that provider.
 */
export interface ScenarioDefinition {
  type: ScenarioType;
  description: string;
  expectedAction: ExpectedAction;
  /** Other actions a careful operator could defend (harmless alternatives); absent: none. */
  alsoAcceptable?: readonly ExpectedAction[];
  why: string;
  /** The kind a correct classifier gives the scenario's errors (absent: the scenario has none). */
  kind?: ErrorKind;
}

/** One provider loses its credentials for every model at once. */
export const AUTH_OUTAGE_PROVIDER: DemoProvider = "fireworks";
/** One provider runs out of prepaid credit. */
export const CREDIT_PROVIDER: DemoProvider = "deepinfra";
/** Hours before `now` at which the auth outage began, and days the credit outage has lasted. */
export const AUTH_OUTAGE_HOURS = 30;
export const CREDIT_OUTAGE_DAYS = 3;

export const SCENARIOS: Record<ScenarioType, ScenarioDefinition> = {
  removed: {
    type: "removed",
    kind: "model_not_found",
    description:
      "The provider removed the model: every run since started_at fails with 404 model_not_found (or the provider's equivalent), and none has succeeded since.",
    expectedAction: "disable",
    why: "A hard-class failure streak of three days or more with no success since, at a provider whose other models succeed: the model is gone, so stop measuring it.",
  },
  retired: {
    type: "retired",
    kind: "model_retired",
    description:
      "The provider retired the model (end of life, decommissioned, deprecated and shut down); every run since started_at fails saying so.",
    expectedAction: "disable",
    why: "The provider says the model is retired and no run has succeeded since; retirement is permanent.",
  },
  terms_required: {
    type: "terms_required",
    kind: "model_unavailable",
    description:
      "Groq gated the model behind terms acceptance (model_terms_required); every run since started_at fails.",
    expectedAction: "disable",
    why: "The model exists but cannot be called until an org admin accepts the provider's terms, which is a human authority action the operator must not take. Disable it (hard class, model_unavailable) with a recheck date and tell a human; re-enable after the terms are accepted.",
  },
  provider_auth_outage: {
    type: "provider_auth_outage",
    kind: "auth",
    description: `Every enabled model of one provider gets 401 invalid API key since about ${AUTH_OUTAGE_HOURS} hours ago; before that they were healthy.`,
    expectedAction: "pause_provider",
    why: "A credential failure says nothing about the models: pause the provider and get the key fixed. Disabling its models would throw away a healthy catalog.",
  },
  provider_out_of_credit: {
    type: "provider_out_of_credit",
    kind: "billing",
    description: `Every enabled model of one provider gets 402 Payment Required (insufficient balance) for the last ${CREDIT_OUTAGE_DAYS} days.`,
    expectedAction: "pause_provider",
    why: "Billing is provider-wide and only a human can add funds: pause the provider and escalate. Never disable its models for it.",
  },
  rate_limit_bursts: {
    type: "rate_limit_bursts",
    kind: "rate_limit",
    description:
      "429 rate-limit errors in bursts (mostly during US business hours) interleaved with successes; never more than two failures in a row.",
    expectedAction: "leave",
    alsoAcceptable: ["monitor"],
    why: "Rate limits are transient and the model keeps succeeding between bursts; at most lower the cadence, never disable.",
  },
  reasoning_budget_exhausted: {
    type: "reasoning_budget_exhausted",
    kind: "output_invalid",
    description:
      "A reasoning model measured with the 64-token default profile spends most runs' whole budget on hidden reasoning: output_invalid at stage validate, with some successes.",
    expectedAction: "fix_adapter",
    why: "The model works; our profile is wrong for it (the 'ours' class). Move it to the reasoning profile with a larger budget; do not disable it.",
  },
  intermittent_timeouts: {
    type: "intermittent_timeouts",
    kind: "timeout",
    description:
      "A very large model times out on about a third of runs, interleaved with (slow) successes, throughout the window.",
    expectedAction: "monitor",
    alsoAcceptable: ["leave"],
    why: "Timeouts are transient and the model still succeeds most of the time; watch the failure rate (or raise the deadline), do not disable.",
  },
  provider_deprecated: {
    type: "provider_deprecated",
    description:
      "The catalog marks the model deprecated by its provider (deprecated: true, with a deprecation date and successor) while it is still enabled and still succeeding.",
    expectedAction: "disable",
    why: "The provider has deprecated the model and names a successor; a deprecated model is retired from the published fleet even while it still answers (the fast-pass rule).",
  },
  case_variant: {
    type: "case_variant",
    description:
      "Two enabled spellings of one model that differ only in case (the provider's canonical spelling and a lowercase copy added later); both succeed.",
    expectedAction: "dedupe",
    why: "The same endpoint is measured twice and charted as two models. Keep the provider's canonical spelling; disable the lowercase copy with disabled_class duplicate_spelling.",
  },
  never_succeeded: {
    type: "never_succeeded",
    description:
      "A probing candidate (enabled: false, status: probing) that has failed every probe since it was added and never succeeded.",
    expectedAction: "disable",
    why: "A candidate whose probes fail definitively (hard class) should be rejected (status rejected, with a recheck date), never promoted.",
  },
  recovered: {
    type: "recovered",
    kind: "model_not_found",
    description:
      "The model failed with 404 model_not_found on every run from started_at (4 days ago) to ended_at (2 days ago) and has succeeded on every run since.",
    expectedAction: "leave",
    alsoAcceptable: ["monitor"],
    why: "Recent successes override older errors: the 48-hour failure streak ended two days ago and the model is healthy now.",
  },
  renamed: {
    type: "renamed",
    kind: "model_not_found",
    description:
      "The provider now serves the model under a new id: every run since started_at fails with its model_not_found answer, and its complete catalog read lacks the old id and lists exactly one successor (the same id with a new date or version suffix) that is not in the catalog.",
    expectedAction: "rename",
    alsoAcceptable: ["disable"],
    why: "The model is gone under this id but not gone: the catalog names its successor. Move the measurement to the new id (a rename keeps the model's identity and history); disabling it would lose the link.",
  },
  wrong_api_surface: {
    type: "wrong_api_surface",
    kind: "bad_request",
    description:
      "Our adapter calls the model the wrong way (a Responses-only OpenAI model via chat completions, or a parameter the model rejects); every run since started_at fails.",
    expectedAction: "fix_adapter",
    why: "The error is ours, not the model's ('This model is only supported in v1/responses...'): fix the adapter; disabling would hide a working model.",
  },
};

/**
 * How many models each per-model scenario takes, as a share of the fleet (so a 5,000-model fleet
 * has ten times the incidents of a 500-model one), which providers it may touch and which ids fit
 * it best. `strict` scenarios take non-fitting ids only to reach their minimum of one.
 */
export interface Selection {
  type: ScenarioType;
  share: number;
  providers: readonly DemoProvider[];
  prefer?: RegExp;
  strict?: boolean;
  /** Prefer older ids (the end of a provider's list), as removals and retirements hit old models. */
  oldest?: boolean;
}

/** Providers where a per-model incident can be told apart from a provider-wide one. */
const MODEL_LEVEL: readonly DemoProvider[] = [
  "openai",
  "anthropic",
  "bedrock",
  "groq",
  "together",
  "cerebras",
  "vertex",
  "openrouter",
  "mistral",
];

/** The order is the priority: scarce, specific scenarios pick first. */
export const SELECTIONS: readonly Selection[] = [
  { type: "terms_required", share: 1 / 523, providers: ["groq"], prefer: /allam|qwq/i },
  {
    type: "wrong_api_surface",
    share: 3 / 523,
    providers: ["openai"],
    prefer: /^(o1-pro|codex-mini|gpt-5-pro|o3-pro|gpt-5-codex|o3-deep-research|o1-preview|o1-mini)/,
    strict: true,
  },
  {
    type: "reasoning_budget_exhausted",
    share: 0.01,
    providers: ["openai", "groq", "together", "cerebras", "openrouter", "mistral"],
    prefer: /(^|\/)o[134]-mini|deepseek-r1|r1-|thinking|qwq|magistral|qwen3-32b/i,
    strict: true,
  },
  {
    type: "intermittent_timeouts",
    share: 0.01,
    providers: ["together", "bedrock", "openrouter", "vertex"],
    prefer: /405b|maverick|480b|235b|opus|premier|deepseek-v3|deepseek\.r1|kimi-k2/i,
    strict: true,
  },
  {
    type: "provider_deprecated",
    share: 0.01,
    providers: ["anthropic", "openai", "bedrock", "vertex", "mistral"],
    prefer: /claude-3|gpt-4\.5|gpt-4-|gpt-3\.5|gemini-1|gemini-2\.0|mistral-large-24|2312|2402/i,
    oldest: true,
  },
  {
    type: "recovered",
    share: 0.004,
    providers: ["openai", "anthropic", "mistral", "groq", "vertex", "openrouter"],
  },
  {
    type: "rate_limit_bursts",
    share: 0.015,
    providers: ["groq", "cerebras", "anthropic", "openai", "vertex", "together", "openrouter"],
  },
  {
    type: "retired",
    share: 0.02,
    providers: ["groq", "bedrock", "openai", "together", "mistral"],
    prefer:
      /mixtral|gemma2|llama3-|llama-3\.1|llama-3\.2|gpt-4-|gpt-3\.5|claude-3-|2312|2402|v0:|Llama-2|Llama-3-/,
    oldest: true,
  },
  { type: "removed", share: 0.03, providers: MODEL_LEVEL, oldest: true },
];

/** Ids whose measurement needs the reasoning profile (a hidden-reasoning budget). */
export const REASONING_MODEL =
  /(^|[/.])o[134](-mini|-pro)?($|-)|deepseek[-.]r1|r1-0528|thinking|qwq|magistral|gpt-5|gpt-oss/i;
