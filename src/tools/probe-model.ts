import { z } from "zod";
import type { ItemOutcome, Recorded } from "../benchmark/claimed-run.js";
import type { RunResult } from "../benchmark/measure.js";
import type { openClaimSession } from "../benchmark/schedule/claim.js";
import { AppError } from "../errors.js";
import { classOf, isErrorKind } from "../taxonomy/kinds.js";
import { providerField } from "./schemas.js";
import { defineTool } from "./tool.js";
import { untrusted, untrustedText } from "./untrusted.js";

const input = z.strictObject({
  provider: providerField.describe("The model's provider, e.g. groq."),
  model_id: z.string().min(1).max(300).describe("The model id exactly as in the fleet (list_models)."),
});

const output = z.object({
  provider: z.string(),
  model_id: z.string(),
  role: z
    .enum(["published", "probe"])
    .describe(
      "published: an enabled model, the run counts as its measurement; probe: stored in probe_runs only (a disabled " +
        "model, or a failure that was this server's credentials or credit, not the model: see note).",
    ),
  ok: z.boolean(),
  metric: z
    .object({
      time_to_first_token_s: z.number().nullable(),
      output_tokens: z.number(),
      tokens_per_second: z.number(),
      output_tokens_per_second: z.number().nullable(),
      generate_time_s: z.number(),
      finish_reason: z.string().nullable(),
      profile_id: z.string(),
    })
    .nullable(),
  error: z
    .object({
      kind: z.string(),
      class: z.string(),
      stage: z.string(),
      http_status: z.number().nullable(),
      message: untrustedText,
    })
    .nullable(),
  cost_usd: z
    .number()
    .nullable()
    .describe("From usage and the catalog price; null when the price is unknown."),
  budget_left_usd: z.number().describe("What the day's benchmark budget has left after this run."),
  note: z
    .string()
    .nullable()
    .describe("Why an enabled model's run was kept apart from its measurements, when it was; else null."),
});

/**
 * A re-check on request: one benchmark call for one model now, regardless of its cadence or
 * backoff (an agent uses it after a fix), but within the policy: the kill switch stops it, the
 * daily benchmark budget must cover its estimate, a deprecated model is not probed, and a model
 * being measured right now is not measured twice. It is a paid call to an outside service, hence
 * the `run` operation type (not read-only, open world); it does not change the fleet, so a
 * delegated session is not asked to confirm it.
 */
export const probeModelTool = defineTool({
  name: "probe_model",
  title: "Re-check one model now",
  description:
    "Runs one benchmark of one model now (a paid provider call made by this server, with this server's credentials), e.g. after a fix, and returns the measured result or " +
    "the classified error. An enabled model's run is published like any run (it updates its signals); a disabled model " +
    "is probed and the result is kept apart in probe_runs, as is a failure of this server's own credentials or credit (auth, billing: " +
    "about this process, not the model). Refused under the kill switch, when the daily benchmark " +
    "budget cannot cover it, for deprecated models, and while the model is being measured. Next: get_model_signals, or " +
    "propose_enable when a disabled model now works.",
  operation: "run",
  input,
  output,
  async authorize(_args, ctx) {
    const { policy } = await ctx.deps.repos.policies.current();
    if (policy.kill_switch)
      throw new AppError(
        "forbidden",
        "The kill switch is on: no benchmark calls until a human turns it off.",
      );
  },
  confirmation: () => Promise.resolve(null),
  async handler(args, ctx) {
    const deps = ctx.deps;
    // The scheduler's claim path loads on the first probe, not at the server's start.
    const { openClaimSession } = await import("../benchmark/schedule/claim.js");
    const session = await openClaimSession(deps.repos, deps.config, {
      provider: args.provider,
      model: args.model_id,
      now: ctx.now,
      holder: `mcp:${ctx.principal.name}`,
      force: true,
    });
    if (session.plan.killSwitch)
      throw new AppError(
        "forbidden",
        "The kill switch is on: no benchmark calls until a human turns it off.",
      );
    const candidate = probeCandidate(session.plan, args);
    // Loaded here, not at the top: the measurement core pulls the tokenizer and the stream
    // adapters pull the AWS SDK, and every tool module is loaded when the MCP server starts.
    const [{ claimAndRun }, { createStreamAdapter }] = await Promise.all([
      import("../benchmark/claimed-run.js"),
      import("../providers/stream/factory.js"),
    ]);
    const out = await claimAndRun(deps, session, candidate, {
      signal: ctx.signal,
      adapter: (provider) => createStreamAdapter(provider, deps.config),
      keepApart: aboutThisServer,
    });
    assertStored(out, candidate.estimate_usd, session.budgetLeft());
    ctx.services.invalidate();
    const keptApart =
      candidate.role === "published" && "stored" in out.outcome && out.outcome.stored === "probe";
    return {
      ...runOutput(candidate, out.run),
      ...(keptApart ? { role: "probe" as const } : {}),
      cost_usd: out.outcome.cost_usd,
      budget_left_usd: Math.round(Math.max(0, session.budgetLeft()) * 1e6) / 1e6,
      note: keptApart ? keptApartNote(candidate.provider, out.run) : null,
    };
  },
});

/**
 * A provider-wide failure (auth, billing) of a call this server made with its own credentials says
 * that this process's key or credit was refused, not that the model fails: the process that runs
 * the benchmarks may hold other credentials. Stored as a manual probe, it leaves the model's
 * signals, its situation and the provider's state as the benchmark runs made them.
 */
function aboutThisServer(run: RunResult): boolean {
  return !run.ok && isErrorKind(run.error.error_kind) && classOf(run.error.error_kind) === "provider_wide";
}

function keptApartNote(provider: string, run: RunResult): string | null {
  if (run.ok) return null;
  const what = run.error.error_kind === "billing" ? "credit" : "credentials";
  return (
    `${provider} refused this server's own ${what} (${run.error.error_kind}): that says nothing about the model, so the ` +
    "run was kept in probe_runs, not recorded as the model's measurement. The benchmark runs use the credentials of " +
    "the process that runs them (serve, a remote runner): get_fleet_health shows whether they fail too."
  );
}

type Plan = Awaited<ReturnType<typeof openClaimSession>>["plan"];
type Candidate = Plan["candidates"][number];

/** The one candidate a forced plan holds, or why the model cannot be probed now. */
function probeCandidate(plan: Plan, args: z.infer<typeof input>): Candidate {
  const candidate = plan.candidates[0];
  if (candidate) return candidate;
  const skipped = plan.skipped[0];
  if (!skipped)
    throw new AppError(
      "not_found",
      `No model ${args.provider}:${args.model_id} in the fleet. Find it with list_models, or search_catalog for what providers offer.`,
    );
  // The probe runs in this process, so it needs this process's credentials, which the process
  // that runs the benchmarks (whose runs get_fleet_health reports) may hold while this one does not.
  const here =
    skipped.reason === "not_configured"
      ? " This is about this server's own environment: it makes the probe call itself. get_fleet_health reports what the runs measured, whichever process ran them."
      : "";
  throw new AppError(
    skipped.reason === "claimed" ? "conflict" : "forbidden",
    `${args.provider}:${args.model_id} cannot be probed from this server now: ${skipped.reason} (${skipped.detail}).${here}`,
  );
}

/** Every way the run can end without a stored result is an error the agent can act on. */
function assertStored(
  out: ItemOutcome,
  estimateUsd: number,
  budgetLeft: number,
): asserts out is Recorded & { outcome: { cost_usd: number | null } } {
  if (out.kind === "skipped")
    throw new AppError(
      out.why === "budget" ? "forbidden" : "conflict",
      out.why === "budget"
        ? `The daily benchmark budget cannot cover this run (estimate ${estimateUsd} USD, ${Math.max(0, budgetLeft).toFixed(4)} USD left). See get_costs.`
        : "Another instance claimed this model a moment ago; try again after its run.",
    );
  if (out.kind === "refused")
    throw new AppError("conflict", "The model was disabled or deprecated meanwhile.");
  if (out.kind === "cancelled")
    throw new AppError("unavailable", "The call was cancelled before it finished.");
  if ("refused" in out.outcome)
    throw new AppError("conflict", `The result was not stored: ${out.outcome.refused}.`);
}

function runOutput(
  candidate: Candidate,
  run: RunResult,
): Omit<z.infer<typeof output>, "cost_usd" | "budget_left_usd" | "note"> {
  return {
    provider: candidate.provider,
    model_id: candidate.model_id,
    role: candidate.role,
    ok: run.ok,
    metric: run.ok
      ? {
          time_to_first_token_s: run.metric.time_to_first_token,
          output_tokens: run.metric.output_tokens,
          tokens_per_second: run.metric.tokens_per_second,
          output_tokens_per_second: run.metric.output_tokens_per_second ?? null,
          generate_time_s: run.metric.generate_time,
          finish_reason: run.metric.finish_reason ?? null,
          profile_id: candidate.profile.id,
        }
      : null,
    error: run.ok
      ? null
      : {
          kind: run.error.error_kind,
          class: isErrorKind(run.error.error_kind) ? classOf(run.error.error_kind) : "unknown",
          stage: run.error.stage,
          http_status: run.error.http_status ?? null,
          message: untrusted(run.error.message),
        },
  };
}
