import type { ErrorKind } from "../taxonomy/kinds.js";
import { buildCatalog, displayName, type CatalogEntry } from "./catalog.js";
import type { DemoProvider } from "./providers.js";
import { createRng, type Rng } from "./random.js";
import { addRenames, renameOf } from "./renames.js";
import {
  AUTH_OUTAGE_HOURS,
  AUTH_OUTAGE_PROVIDER,
  CREDIT_OUTAGE_DAYS,
  CREDIT_PROVIDER,
  REASONING_MODEL,
  SCENARIOS,
  SELECTIONS,
  type Selection,
} from "./scenarios.js";
import type { FleetOptions, FleetPlan, ModelPlan, ModelRole } from "./types.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The shortest history in which every scenario fits (the recovered model failed 4 to 2 days ago). */
export const MIN_DAYS = 5;
/** The fewest models `planFleet` accepts (the `demo --models` flag checks it before anything runs). */
export const MIN_MODELS = 44;

/**
 * Decides, for a fleet of `options.models` models, which model is in which scenario and what its
 * catalog document looks like. Everything here is small (one entry per model); the run history is
 * generated lazily from the plan by documents.ts.
 */
export function planFleet(options: FleetOptions): FleetPlan {
  validate(options);
  const now = options.now.getTime();
  const cadenceMs = options.cadenceHours * HOUR;
  const windowStart = now - options.days * DAY;
  const rng = createRng(options.seed, "plan");
  const catalog = buildCatalog(options.models);

  const roles = new Map<CatalogEntry, ModelRole>();
  addCaseVariants(catalog, roles, options.models);
  addRenames(catalog, roles);
  for (const e of catalog) {
    if (!e.enabled || roles.has(e)) continue;
    if (e.provider === AUTH_OUTAGE_PROVIDER) roles.set(e, "provider_auth_outage");
    if (e.provider === CREDIT_PROVIDER) roles.set(e, "provider_out_of_credit");
  }
  const perProviderTaken = new Map<DemoProvider, number>();
  const enabledPerProvider = new Map<DemoProvider, number>();
  for (const e of catalog) {
    if (e.enabled) enabledPerProvider.set(e.provider, (enabledPerProvider.get(e.provider) ?? 0) + 1);
    // Renamed models count against the provider's share of incidents.
    if (roles.get(e) === "renamed")
      perProviderTaken.set(e.provider, (perProviderTaken.get(e.provider) ?? 0) + 1);
  }
  for (const sel of SELECTIONS)
    select(sel, catalog, roles, rng, options.models, perProviderTaken, enabledPerProvider);
  pickCandidates(catalog, roles, rng, options.models);

  const ctx: PlanContext = { options, now, windowStart, cadenceMs };
  const models = catalog.map((e) => planModel(e, roles.get(e) ?? (e.enabled ? "healthy" : "disabled"), ctx));
  return { options, windowStart: new Date(windowStart), cadenceMs, models };
}

function validate(o: FleetOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(o.seed)) problems.push("seed must be an integer");
  if (!Number.isInteger(o.models) || o.models < MIN_MODELS)
    problems.push(`models must be an integer of at least ${MIN_MODELS}`);
  if (!Number.isInteger(o.days) || o.days < MIN_DAYS)
    problems.push(`days must be an integer of at least ${MIN_DAYS}`);
  if (!(o.cadenceHours > 0 && o.cadenceHours <= 24)) problems.push("cadence hours must be in (0, 24]");
  if (Number.isNaN(o.now.getTime())) problems.push("now must be a valid date");
  if (problems.length > 0) throw new RangeError(`invalid demo fleet options: ${problems.join("; ")}`);
}

/**
 * Case variants: an enabled mixed-case Together id gets a lowercase twin, written over a disabled
 * Together slot so the fleet keeps its size. One pair per 523 models.
 */
function addCaseVariants(catalog: CatalogEntry[], roles: Map<CatalogEntry, ModelRole>, total: number): void {
  const pairs = Math.max(1, Math.round(total / 523));
  const sources = catalog.filter(
    (e) => e.provider === "together" && e.enabled && e.model_id !== e.model_id.toLowerCase(),
  );
  const slots = catalog.filter((e) => e.provider === "together" && !e.enabled).reverse();
  for (let i = 0; i < pairs && i < sources.length && i < slots.length; i++) {
    const canonical = sources[i]!;
    const slot = slots[i]!;
    slot.model_id = canonical.model_id.toLowerCase();
    slot.enabled = true;
    slot.real = false;
    roles.set(canonical, "case_variant");
    roles.set(slot, "case_variant");
  }
}

function select(
  sel: Selection,
  catalog: CatalogEntry[],
  roles: Map<CatalogEntry, ModelRole>,
  rng: Rng,
  total: number,
  taken: Map<DemoProvider, number>,
  enabledPerProvider: Map<DemoProvider, number>,
): void {
  const quota = Math.max(1, Math.round(total * sel.share));
  const pool = catalog.filter((e) => e.enabled && !roles.has(e) && sel.providers.includes(e.provider));
  const fits = (e: CatalogEntry): boolean => sel.prefer?.test(e.model_id) ?? true;
  // Older ids sit at the end of a provider's list; shuffle within "fits" and "the rest" so the
  // seed decides which ones, and sort by age first where the scenario hits old models.
  const order = (list: CatalogEntry[]): CatalogEntry[] => {
    const shuffled = rng.shuffle(list);
    if (!sel.oldest) return shuffled;
    // Mostly the oldest of each provider (age relative to the provider's enabled list, so a big
    // provider does not take them all), with enough jitter that not every seed picks the same ones.
    const age = (e: CatalogEntry): number => (e.rank + 1) / (enabledPerProvider.get(e.provider) ?? 1);
    const keyed = shuffled.map((e) => ({ e, key: age(e) * rng.between(0.5, 1.5) }));
    return keyed.sort((a, b) => b.key - a.key).map((k) => k.e);
  };
  const preferred = order(pool.filter(fits));
  const others = order(pool.filter((e) => !fits(e)));
  let picked = 0;
  for (const e of [...preferred, ...others]) {
    if (picked >= quota) break;
    if (sel.strict && !fits(e) && picked >= 1) break;
    // Keep at least half of each provider's enabled models healthy, so that a per-model incident
    // is visibly per-model: the provider's other models succeed at the same time.
    const used = taken.get(e.provider) ?? 0;
    if (used + 1 > Math.floor((enabledPerProvider.get(e.provider) ?? 0) / 2)) continue;
    taken.set(e.provider, used + 1);
    roles.set(e, sel.type);
    picked++;
  }
}

/** Probing candidates are disabled catalog rows that discovery added a few days ago. */
function pickCandidates(
  catalog: CatalogEntry[],
  roles: Map<CatalogEntry, ModelRole>,
  rng: Rng,
  total: number,
): void {
  const quota = Math.max(1, Math.round(total * 0.01));
  const providers: readonly DemoProvider[] = [
    "together",
    "groq",
    "cerebras",
    "openrouter",
    "mistral",
    "openai",
  ];
  // Round-robin over the providers (Together first: its dedicated-endpoint-only models are the
  // classic candidate that never works), so the provider with most disabled rows does not take
  // them all.
  // The newest template-grown ids (dated snapshots) first: discovery finds new models, not old ones.
  const pools = providers.map((p) => {
    const free = catalog.filter((e) => e.provider === p && !e.enabled && !roles.has(e));
    // Later ranks carry later dates.
    const grown = free.filter((e) => !e.real).sort((a, b) => b.rank - a.rank);
    return [...grown, ...rng.shuffle(free.filter((e) => e.real))];
  });
  let picked = 0;
  for (let round = 0; picked < quota && pools.some((pool) => pool.length > round); round++) {
    for (const pool of pools) {
      const e = pool[round];
      if (e === undefined || picked >= quota) continue;
      roles.set(e, "never_succeeded");
      picked++;
    }
  }
}

interface PlanContext {
  options: FleetOptions;
  now: number;
  windowStart: number;
  cadenceMs: number;
}

/** Rounds to the minute: stored timestamps look like a scheduler's, not like a float. */
const minute = (ms: number): number => Math.floor(ms / 60_000) * 60_000;

function planModel(e: CatalogEntry, role: ModelRole, ctx: PlanContext): ModelPlan {
  const { now, windowStart, cadenceMs, options } = ctx;
  // One stream per model, so a model's plan does not depend on the models before it.
  const rng = createRng(options.seed, "model", e.provider, e.model_id);
  const def = role === "healthy" || role === "disabled" ? undefined : SCENARIOS[role];
  const plan: ModelPlan = {
    provider: e.provider,
    model_id: e.model_id,
    doc: { provider: e.provider, model_id: e.model_id, enabled: e.enabled },
    role,
    expectedAction: def?.expectedAction ?? "leave",
    acceptableActions: [def?.expectedAction ?? "leave", ...(def?.alsoAcceptable ?? [])],
    why: def?.why ?? "",
    kind: def?.kind,
    runsFrom: new Date(windowStart),
    runsUntil: new Date(now),
    phaseMs: minute(rng.between(0, 0.8 * cadenceMs)),
    profile: REASONING_MODEL.test(e.model_id) ? "reasoning" : "default",
    sampleRole: "published",
  };
  const created = applyRole(plan, e, rng, ctx, minute(now - rng.between(45, 900) * DAY));

  plan.doc.display_name = displayName(e.model_id);
  // The earlier runner's hand-seeded rows say added_at, not created_at.
  if (created < now - 365 * DAY && rng.chance(0.12)) plan.doc["added_at"] = new Date(created);
  else plan.doc.created_at = new Date(created);
  if (plan.role !== "disabled" && plan.role !== "never_succeeded") {
    plan.runsFrom = new Date(Math.max(windowStart, created));
  }
  if (plan.role === "never_succeeded") plan.runsFrom = new Date(created);
  return plan;
}

/**
 * Sets what the model's role changes in its plan (when the trouble started and ended, catalog
 * fields, the expected action) and returns its creation time, which some roles move.
 */
function applyRole(plan: ModelPlan, e: CatalogEntry, rng: Rng, ctx: PlanContext, created: number): number {
  const { now, windowStart } = ctx;
  switch (plan.role) {
    case "healthy":
      plan.why = "Healthy: it succeeds on (nearly) every run; rare isolated transient errors are noise.";
      // A few healthy models were added during the window, so not every history is full length.
      if (rng.chance(0.05)) return minute(rng.between(windowStart + DAY, now - 3 * DAY));
      return created;
    case "removed":
      plan.startedAt = new Date(minute(now - rng.between(3, 10) * DAY));
      return created;
    case "renamed":
      // Long enough for the hard-failure streak rule (three days), as with a removal.
      plan.startedAt = new Date(minute(now - rng.between(3.5, 8) * DAY));
      plan.why = `${plan.why} Successor: ${renameOf(e.provider, e.model_id)?.to ?? "?"}.`;
      return created;
    case "retired":
      plan.startedAt = new Date(minute(now - rng.between(2.5, 14) * DAY));
      if (e.provider === "bedrock") plan.doc["model_lifecycle"] = "LEGACY";
      return created;
    case "terms_required":
      plan.startedAt = new Date(minute(now - rng.between(4, 8) * DAY));
      return created;
    case "wrong_api_surface":
      // It worked until the provider moved it to the Responses API.
      plan.startedAt = new Date(minute(now - rng.between(8, 20) * DAY));
      return created;
    case "provider_auth_outage":
      plan.startedAt = new Date(now - AUTH_OUTAGE_HOURS * HOUR);
      return created;
    case "provider_out_of_credit":
      plan.startedAt = new Date(now - CREDIT_OUTAGE_DAYS * DAY);
      return created;
    case "recovered":
      plan.startedAt = new Date(now - 4 * DAY);
      plan.endedAt = new Date(now - 2 * DAY);
      return created;
    case "rate_limit_bursts":
      plan.startedAt = new Date(now - 7 * DAY);
      return created;
    case "reasoning_budget_exhausted":
      // Measured with the default 64-token profile: that is the bug the operator should find.
      plan.profile = "default";
      plan.startedAt = new Date(windowStart);
      return created;
    case "intermittent_timeouts":
      plan.startedAt = new Date(windowStart);
      return created;
    case "provider_deprecated":
      markDeprecated(plan, rng, now);
      return created;
    case "case_variant":
      return planCaseVariant(plan, e, rng, now, created);
    case "never_succeeded":
      return planNeverSucceeded(plan, e, rng, now);
    case "disabled":
      return disable(plan, rng, ctx);
  }
  return created;
}

/** The provider flagged the model deprecated some days ago, with a retirement date ahead. */
function markDeprecated(plan: ModelPlan, rng: Rng, now: number): void {
  const flagged = minute(now - rng.between(5, 25) * DAY);
  plan.startedAt = new Date(flagged);
  Object.assign(plan.doc, {
    deprecated: true,
    deprecation_date: new Date(flagged + rng.int(30, 90) * DAY).toISOString().slice(0, 10),
    deprecation_reason: "Deprecated by the provider; a newer version is available.",
  });
}

/** The canonical spelling is kept; its lowercase copy, added later, is to be deduplicated. */
function planCaseVariant(plan: ModelPlan, e: CatalogEntry, rng: Rng, now: number, created: number): number {
  const canonical = e.model_id !== e.model_id.toLowerCase();
  if (canonical) {
    plan.expectedAction = "leave";
    plan.acceptableActions = ["leave"];
    plan.why =
      "The provider's canonical spelling of a model that also has a lowercase duplicate; keep this one.";
    return created;
  }
  plan.expectedAction = "dedupe";
  plan.acceptableActions = ["dedupe"];
  plan.why = `Lowercase duplicate of the provider's canonical spelling; disable it as duplicate_spelling and keep the canonical model.`;
  // The lowercase copy was added later, by a catalog match that ignored case.
  return minute(now - rng.between(15, 60) * DAY);
}

/** A model added a day or few ago that has never succeeded: still in admission probing. */
function planNeverSucceeded(plan: ModelPlan, e: CatalogEntry, rng: Rng, now: number): number {
  const created = minute(now - rng.between(1, 3) * DAY);
  plan.kind = e.provider === "together" ? "model_unavailable" : "model_not_found";
  plan.startedAt = new Date(created);
  plan.sampleRole = "probe";
  Object.assign(plan.doc, {
    status: "probing",
    admission_started_at: new Date(created),
    source: "provider_catalog",
  });
  return created;
}

interface DisabledClass {
  cls: string;
  weight: number;
  by: readonly string[];
  reason: string;
  kind?: ErrorKind;
  deprecated?: boolean;
  recheck?: boolean;
  status?: "rejected";
}

/** The disable trail the earlier runner and its operators left, by class. */
const DISABLED_CLASSES: readonly DisabledClass[] = [
  {
    cls: "provider_retired",
    weight: 25,
    by: ["reconciler"],
    reason: "Missing from 3 complete provider catalog reads",
    kind: "model_retired",
    deprecated: true,
  },
  {
    cls: "hard_model",
    weight: 30,
    by: ["ai-operator-batch-gpt-5.2", "human:ops", "fast-pass"],
    reason: "404 model_not_found for 48h+, no success in 7 days",
    kind: "model_not_found",
  },
  {
    cls: "unsuitable",
    weight: 12,
    by: ["human:ops"],
    reason: "Not a text-generation endpoint for our benchmark (guard, embedding or vision-only)",
    kind: "bad_request",
  },
  {
    cls: "deprecated",
    weight: 13,
    by: ["fast-pass"],
    reason: "Marked deprecated in metadata",
    deprecated: true,
  },
  {
    cls: "billing",
    weight: 4,
    by: ["human:ops"],
    reason: "Provider account out of credit; re-enable after top-up",
    kind: "billing",
    recheck: true,
  },
  {
    cls: "auth",
    weight: 3,
    by: ["human:ops"],
    reason: "No API key for this provider account",
    kind: "auth",
    recheck: true,
  },
  {
    cls: "hard_model",
    weight: 8,
    by: ["admission"],
    reason: "Admission: 2 definitive probe failures",
    kind: "model_unavailable",
    recheck: true,
    status: "rejected",
  },
  {
    cls: "transient_provider",
    weight: 5,
    by: ["classifier-fallback-batch"],
    reason: "Repeated 5xx for a week",
    kind: "server_error",
    recheck: true,
  },
];

/** Fills in a historically disabled model's trail; returns its creation time. */
function disable(plan: ModelPlan, rng: Rng, ctx: PlanContext): number {
  const { now, windowStart, options } = ctx;
  const total = DISABLED_CLASSES.reduce((n, c) => n + c.weight, 0);
  let roll = rng.between(0, total);
  const c = DISABLED_CLASSES.find((x) => (roll -= x.weight) < 0) ?? DISABLED_CLASSES[0]!;
  // Most were disabled before the window; a few during it, at least three days ago, so the
  // window holds the evidence that got them disabled.
  const inWindow = rng.chance(0.08);
  const disabledAt = minute(
    inWindow
      ? now - rng.between(3, options.days - 1) * DAY
      : now - rng.between(options.days + 1, options.days + 700) * DAY,
  );
  Object.assign(plan.doc, {
    disabled_reason: c.reason,
    disabled_at: new Date(disabledAt),
    disabled_by: rng.pick(c.by),
    disabled_class: c.cls,
  });
  if (c.deprecated) plan.doc.deprecated = true;
  if (c.status) {
    plan.doc.status = c.status;
    // Admission rejected it on its definitive failures: two probes in the hours before, which the
    // seed writes where admission reads them. Fixed offsets: the model's random stream is unchanged.
    plan.admissionProbes = [2, 1].map((h) => ({
      ts: new Date(disabledAt - h * HOUR),
      kind: c.kind ?? "model_unavailable",
    }));
  }
  // A recoverable class carries a recheck date. Overdue ones were rescheduled by a recheck that
  // failed, so none is overdue: a model due for a recheck would make "leave" debatable.
  if (c.recheck) {
    const due = disabledAt + 30 * DAY;
    plan.doc.recheck_after = new Date(due > now ? due : minute(now + rng.between(1, 30) * DAY));
  }
  plan.why = `Already disabled (${c.cls}); nothing to do.`;
  if (inWindow) {
    plan.runsFrom = new Date(windowStart);
    plan.runsUntil = new Date(disabledAt);
    if (c.kind) {
      plan.kind = c.kind;
      plan.startedAt = new Date(minute(disabledAt - rng.between(2, 3) * DAY));
    }
  } else {
    // No runs in the window.
    plan.runsFrom = new Date(windowStart);
    plan.runsUntil = new Date(windowStart);
  }
  return minute(disabledAt - rng.between(20, 400) * DAY);
}
