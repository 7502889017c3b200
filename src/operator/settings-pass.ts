import type { Config } from "../config/config.js";
import { parseModelMetadata } from "../providers/stream/model-metadata.js";
import type { ModelSignals } from "../signals/read.js";
import type { Repositories } from "../storage/repositories.js";
import { modelKey } from "../storage/signals-repository.js";
import type { ModelProposal } from "./expand.js";
import { detectSettingsFix, everyMessageNamesAFix, type SettingsFix } from "./settings-detect.js";

/**
 * The operator run's settings step (issue 17 item 3), between the verdicts and the decisions: a
 * failing model whose streak's errors name a settings fix gets a `set_settings` proposal, and when
 * every error of its streak names one, that proposal replaces whatever the verdict said (a disable
 * above all: the model is not broken, our request is). A fix already in place leaves the model
 * watched instead, until its next run shows whether the fix worked. Reads only; a dry run shows
 * the same proposals.
 */
export async function preferSettingsFixes(
  deps: { repos: Repositories; config: Pick<Config, "bedrock"> },
  proposals: ModelProposal[],
  signals: ReadonlyMap<string, ModelSignals>,
): Promise<ModelProposal[]> {
  const named = proposals.filter((p) =>
    streakMessages(signals.get(modelKey(p.provider, p.model_id))).some(namesFix),
  );
  if (named.length === 0) return proposals;
  const models = await deps.repos.models.rawByKeys(named);
  const metadata = new Map(models.map((m) => [modelKey(m.provider, m.model_id), m.model_metadata]));
  const bedrockProfiles = named.some((p) => p.provider === "bedrock")
    ? (await deps.repos.providerCatalog.find("bedrock")).filter(
        (r) => r["kind"] === "inference_profile" || typeof r.raw["inferenceProfileId"] === "string",
      )
    : [];
  const out: ModelProposal[] = [];
  for (const p of proposals) {
    const messages = streakMessages(signals.get(modelKey(p.provider, p.model_id)));
    const parsed = parseModelMetadata(metadata.get(modelKey(p.provider, p.model_id)));
    if (!named.includes(p) || !parsed.ok) {
      out.push(p);
      continue;
    }
    const fix = detectSettingsFix({
      provider: p.provider,
      model_id: p.model_id,
      metadata: parsed.metadata,
      messages,
      bedrockProfiles,
      bedrockRegion: deps.config.bedrock.region,
    });
    const only = everyMessageNamesAFix(messages);
    if (fix) out.push(settingsProposal(p, fix));
    if (!only) out.push(p);
    else if (!fix) out.push(watched(p));
  }
  return out;
}

/** The messages of the model's current failure streak (its newest distinct errors since it began). */
function streakMessages(s: ModelSignals | undefined): string[] {
  if (!s?.streakStartedAt) return [];
  const since = s.streakStartedAt.getTime();
  const recent = s.recentErrors.filter((e) => e.last_ts.getTime() >= since).map((e) => e.message);
  return recent.length > 0 ? recent : s.lastError ? [s.lastError.message] : [];
}

function namesFix(message: string): boolean {
  return everyMessageNamesAFix([message]);
}

function settingsProposal(p: ModelProposal, fix: SettingsFix): ModelProposal {
  return {
    ...p,
    action: "set_settings",
    confidence: 0.9,
    reasoning: `its errors name a settings fix: ${fix.reasons.join("; ")}`,
    source: "classifier",
    settings: fix,
    ...(p.action !== "set_settings" ? { override: `settings fix preferred (proposed: ${p.action})` } : {}),
  };
}

/** A model whose errors name only fixes that are in place: watch it until its next run. */
function watched(p: ModelProposal): ModelProposal {
  if (p.action === "monitor" || p.action === "ignore") return p;
  return {
    ...p,
    action: "monitor",
    reasoning: `its errors name only settings fixes that are in place; its next run shows whether they worked (proposed: ${p.action})`,
    override: "settings fix in place",
  };
}
