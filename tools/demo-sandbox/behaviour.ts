import type { DemoManifest, ModelTruth } from "../../src/demo/manifest.js";
import { providerError, type ProviderError } from "../../src/demo/messages.js";
import type { DemoProvider } from "../../src/demo/providers.js";
import { createRng } from "../../src/demo/random.js";
import { DEMO_RENAMES } from "../../src/demo/renames.js";

/**
 * What a sandbox provider answers for one request, decided by the demo's ground truth (the
 * manifest the demo stored) and the catalog the demo seeded, so that the fleet a newcomer runs
 * against the sandbox fails where the demo's history says it fails and nowhere else:
 *
 * - a model whose incident is still going on answers with its provider's own error for the
 *   incident's kind (the wording the demo's history holds), every time for a hard or provider-wide
 *   kind and every other call for a transient one;
 * - the Responses-only model answers once it is called on `/responses`, and the reasoning model
 *   measured with too small a budget spends it all on reasoning until its budget grows;
 * - a provider whose key was revoked or whose credit ran out answers every call with that error;
 * - a renamed model's new id, a recovered or healthy model, and any id the provider's catalog
 *   lists, answer; a model disabled before the demo's window answers only if it is listed;
 * - any other id is unknown to the provider: its own not-found wording.
 */
export type Answer =
  | { type: "stream"; reasoningOnly: boolean }
  | { type: "error"; status: number; body: unknown }
  /** Nothing is sent: the client's deadline ends the call (the sandbox sets a short one). */
  | { type: "hang" }
  /** The connection is dropped before any answer. */
  | { type: "drop" };

export interface SandboxRequest {
  provider: string;
  model: string;
  /** `chat`, `responses` or `messages`: the route the client called. */
  route: "chat" | "responses" | "messages";
  /** The output budget the request asked for (max_tokens and its variants), if any. */
  maxOutputTokens: number | null;
}

/** Roles that stop every call to the provider (its key was revoked, its credit ran out). */
const PROVIDER_WIDE = new Set(["provider_auth_outage", "provider_out_of_credit"]);
/** Roles whose models fail only now and then (rate-limit bursts, timeouts). */
const INTERMITTENT = new Set(["rate_limit_bursts", "intermittent_timeouts"]);
/** The budget the demo's reasoning model runs out of; a larger one is the fix. */
const TOO_SMALL_BUDGET = 64;

export class SandboxFleet {
  private readonly truth = new Map<string, ModelTruth>();
  private readonly listed = new Map<string, Set<string>>();
  private readonly outages = new Map<string, ModelTruth>();
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly manifest: Pick<DemoManifest, "seed" | "models_truth">,
    catalog: readonly { provider: string; model_id: string }[],
  ) {
    for (const t of manifest.models_truth) {
      this.truth.set(key(t.provider, t.model_id), t);
      if (PROVIDER_WIDE.has(t.scenario) && isOngoing(t)) this.outages.set(t.provider, t);
    }
    for (const row of catalog) this.listedBy(row.provider).add(row.model_id);
    for (const r of DEMO_RENAMES) this.listedBy(r.provider).add(r.to);
    for (const r of DEMO_RENAMES) this.listedBy(r.provider).delete(r.from);
  }

  answer(req: SandboxRequest): Answer {
    const n = this.calls.get(key(req.provider, req.model)) ?? 0;
    this.calls.set(key(req.provider, req.model), n + 1);
    const outage = this.outages.get(req.provider);
    if (outage) return this.failure(req, outage.kind!, false, n);
    const truth = this.truth.get(key(req.provider, req.model));
    if (truth && isOngoing(truth)) {
      if (truth.scenario === "wrong_api_surface" && req.route === "responses") return stream(false);
      if (truth.scenario === "reasoning_budget_exhausted") {
        return stream((req.maxOutputTokens ?? TOO_SMALL_BUDGET) <= TOO_SMALL_BUDGET);
      }
      if (INTERMITTENT.has(truth.scenario) && n % 2 === 1) return stream(false);
      return this.failure(req, truth.kind!, truth.scenario === "renamed", n);
    }
    // A model disabled before the demo's window answers only if its provider still lists it.
    const listed = this.listed.get(req.provider)?.has(req.model) === true;
    if (listed || (truth && truth.scenario !== "disabled")) return stream(false);
    return this.failure(req, "model_not_found", true, n);
  }

  private failure(
    req: SandboxRequest,
    kind: NonNullable<ModelTruth["kind"]>,
    unknownId: boolean,
    n: number,
  ): Answer {
    // The reasoning model's failure is ours to find: it answers, with nothing but reasoning.
    if (kind === "output_invalid") return stream(true);
    const rng = createRng(this.manifest.seed, "sandbox", req.provider, req.model, String(n));
    const error: ProviderError = providerError(req.provider as DemoProvider, kind, {
      model: req.model,
      rng,
      unknownId,
    });
    if (error.httpStatus === null) return kind === "network" ? { type: "drop" } : { type: "hang" };
    return {
      type: "error",
      status: error.httpStatus,
      body: error.body ?? { error: { message: error.message, type: error.excType } },
    };
  }

  private listedBy(provider: string): Set<string> {
    let set = this.listed.get(provider);
    if (!set) this.listed.set(provider, (set = new Set()));
    return set;
  }
}

function isOngoing(t: ModelTruth): boolean {
  return t.kind !== null && t.started_at !== null && t.ended_at === null;
}

function key(provider: string, model: string): string {
  return `${provider}\u0000${model}`;
}

function stream(reasoningOnly: boolean): Answer {
  return { type: "stream", reasoningOnly };
}
