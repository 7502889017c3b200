import type { ProviderHealth } from "../policy/evaluate.js";
import { classOf } from "../taxonomy/kinds.js";
import type { Situation, SituationVerdict } from "./types.js";

/**
 * The deterministic classifier: the suggestion every situation carries, shown to the LLM, and
 * the decision itself when the LLM is unavailable, over budget or answers garbage. It only
 * suggests disabling on hard-class evidence that has lasted over 48 hours at a provider that is
 * otherwise healthy; everything else is watched, because a wrong disable costs a healthy model.
 * A suggestion is a proposal: the policy decides whether it runs on its own or waits.
 */

export const DISABLE_AFTER_HOURS = 48;

/**
 * Whether one model's own evidence supports proposing to disable it: hard-class failures for over
 * 48 hours. Whether it then runs on its own (no success in 7 days, provider otherwise healthy,
 * not protected) is the policy's question, not this one's.
 */
export function hardEvidenceHolds(m: { failingForHours: number | null }): boolean {
  return (m.failingForHours ?? 0) > DISABLE_AFTER_HOURS;
}

export function suggest(
  s: Omit<Situation, "suggestion" | "evidenceDigest">,
  health: ProviderHealth,
  /** How many members have failed for over 48 h. */
  ctx: { now: Date; eligibleModels: number },
): SituationVerdict {
  const verdict = (
    action: SituationVerdict["action"],
    confidence: number,
    reasoning: string,
  ): SituationVerdict => ({
    situationId: s.id,
    action,
    confidence,
    reasoning,
  });
  const hours = (ctx.now.getTime() - s.startedAt.getTime()) / 3_600_000;
  const cls = classOf(s.kind);

  if (health.state === "paused" || health.state === "blocked") {
    return verdict(
      "monitor",
      0.9,
      `provider ${s.provider} is ${health.state}: a provider-wide problem, not evidence against its models`,
    );
  }
  switch (cls) {
    case "provider_wide":
      return verdict(
        "monitor",
        0.85,
        `${s.kind} is provider-wide: pause the provider, never demote its models`,
      );
    case "transient":
      return verdict("monitor", 0.8, `${s.kind} is transient: keep measuring`);
    case "ours":
      return verdict(
        "monitor",
        0.8,
        `${s.kind}: our adapter or benchmark profile needs fixing; the model is not at fault`,
      );
    case "unknown":
      // An LLM's reading of provider text may say more, but it is never grounds for a disable.
      return s.classified
        ? verdict(
            "monitor",
            0.5,
            `our rules do not recognize these errors; an LLM classified them as ${s.classified.kind} ` +
              `(${s.classified.class}), which a human may confirm from the samples`,
          )
        : verdict("monitor", 0.5, "unclassified errors: not enough evidence to act");
    case "hard": {
      if (ctx.eligibleModels === 0) {
        return verdict(
          "monitor",
          0.6,
          `${s.kind} for ${Math.round(hours)} h; waiting for ${DISABLE_AFTER_HOURS} h of failures`,
        );
      }
      if (!health.hasHealthyModels) {
        return verdict(
          "monitor",
          0.6,
          `${s.kind}, but no other model of ${s.provider} is healthy: it may be the provider`,
        );
      }
      return verdict(
        "disable",
        0.9,
        `${s.kind} for ${s.modelCount > 1 ? "up to " : ""}${Math.round(hours)} h while ${s.provider} is otherwise healthy`,
      );
    }
  }
}

/**
 * The classifier's verdict for one member of a situation, worded by that model's own streak: a
 * decision is about one model, and a person reads its reasoning as that model's evidence, where
 * the situation's verdict gives the longest streak of all its members.
 */
export function suggestForModel(
  situation: Omit<Situation, "suggestion" | "evidenceDigest">,
  health: ProviderHealth,
  model: { model_id: string; streakStartedAt: Date | null; failingForHours: number | null },
  now: Date,
): SituationVerdict {
  return suggest(
    {
      ...situation,
      modelIds: [model.model_id],
      modelCount: 1,
      startedAt: model.streakStartedAt ?? situation.startedAt,
    },
    health,
    { now, eligibleModels: hardEvidenceHolds(model) ? 1 : 0 },
  );
}
