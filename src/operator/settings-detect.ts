import { reasoningFromId } from "../catalog/id-rules.js";
import { profileTarget } from "../catalog/derive/bedrock.js";
import type { ModelMetadata } from "../providers/stream/model-metadata.js";

/**
 * Per-model settings that a failure names outright (issue 17 item 3): "only supported in
 * v1/responses", "max_tokens is not supported ... use max_completion_tokens", "temperature is not
 * supported", "on-demand throughput isn't supported ... inference profile". Pure functions: the
 * messages only choose among a closed set of settings, and an inference profile id comes from
 * our own catalog rows (or the region's prefix), never from the message. What the earlier system
 * hard-coded by model name is data on the model here (`model_metadata`).
 */

/** The settings a fix may write: keys of `model_metadata` the adapters read. */
export type SettingsChange = Partial<
  Pick<ModelMetadata, "api" | "omit_temperature" | "max_tokens_param" | "inference_profile_id" | "reasoning">
>;

export interface SettingsFix {
  settings: SettingsChange;
  /** One line per setting: what named it. */
  reasons: string[];
  /** How the inference profile was found, when one is set. */
  profileSource?: "catalog" | "region_prefix";
}

export interface DetectInput {
  provider: string;
  model_id: string;
  metadata: ModelMetadata;
  /** The messages of the model's current failure streak (provider text). */
  messages: readonly string[];
  /** Bedrock inference-profile rows of the catalog: their ids and raw rows. */
  bedrockProfiles?: readonly { model_id: string; raw: Record<string, unknown> }[];
  /** The Bedrock region the adapter calls (picks `us.`, `eu.`, `apac.` profiles). */
  bedrockRegion?: string;
}

/** Providers whose adapter can serve a model through the Responses API (factory.ts). */
const RESPONSES_PROVIDERS = new Set(["openai"]);
/** Providers spoken to through Bedrock's Converse API, where profiles exist. */
const PROFILE_PROVIDERS = new Set(["bedrock"]);

interface Rule {
  /** What the message must say; each is a different wording of the same fix. */
  says: RegExp[];
  applies: (input: DetectInput) => boolean;
  fix: (input: DetectInput) => SettingsFix | null;
}

const RULES: Rule[] = [
  {
    says: [
      /only supported in v1\/responses/i,
      /only (?:available|supported) (?:in|through|via|with) the responses api/i,
      /use the responses api/i,
    ],
    applies: (i) => RESPONSES_PROVIDERS.has(i.provider) && i.metadata.api !== "responses",
    fix: () => ({
      settings: { api: "responses" },
      reasons: ["the provider serves it only through the Responses API"],
    }),
  },
  {
    says: [/max_tokens\b.{0,120}\b(?:not supported|unsupported).{0,120}max_completion_tokens/i],
    applies: (i) => i.metadata.api !== "responses" && i.metadata.max_tokens_param !== "max_completion_tokens",
    fix: () => ({
      settings: { max_tokens_param: "max_completion_tokens" },
      reasons: ["the model rejects max_tokens and names max_completion_tokens"],
    }),
  },
  {
    says: [
      /temperature\W{0,3}\s+(?:is\s+)?(?:not supported|unsupported|deprecated|not allowed)/i,
      /unsupported (?:parameter|value)\W{0,3}\s*\W?temperature/i,
      /(?:does not|doesn't) support (?:the )?\W?temperature/i,
    ],
    applies: (i) => i.metadata.omit_temperature !== true,
    fix: () => ({ settings: { omit_temperature: true }, reasons: ["the model rejects a temperature"] }),
  },
  {
    says: [/on-demand throughput (?:is not|isn['\u2019]?t) supported/i, /retry .{0,80}inference profile/i],
    applies: (i) => PROFILE_PROVIDERS.has(i.provider) && !i.metadata.inference_profile_id,
    fix: profileFix,
  },
];

/** The settings the streak's messages name, or null when none names a fix (or all are in place). */
export function detectSettingsFix(input: DetectInput): SettingsFix | null {
  const fixes = RULES.filter(
    (rule) => rule.applies(input) && input.messages.some((m) => rule.says.some((re) => re.test(m))),
  ).flatMap((rule) => rule.fix(input) ?? []);
  if (fixes.length === 0) return null;
  const out: SettingsFix = {
    settings: Object.assign({}, ...fixes.map((f) => f.settings)) as SettingsChange,
    reasons: fixes.flatMap((f) => f.reasons),
  };
  const profileSource = fixes.find((f) => f.profileSource)?.profileSource;
  if (profileSource) out.profileSource = profileSource;
  if (out.settings.api === "responses" && input.metadata.reasoning === undefined) {
    // A model served only by the Responses API is, at OpenAI, a reasoning model; the id rules say
    // so for the known families, and then it gets the reasoning profile's budget too.
    if (reasoningFromId(input.model_id) === true) {
      out.settings.reasoning = true;
      out.reasons.push("its family reasons (catalog id rules), so it gets the reasoning profile");
    }
  }
  return out;
}

/** Whether every message names some fix this module knows (whatever the model's current settings). */
export function everyMessageNamesAFix(messages: readonly string[]): boolean {
  return messages.length > 0 && messages.every((m) => RULES.some((r) => r.says.some((re) => re.test(m))));
}

/** The region's profile prefix: `us-east-1` → `us`, `eu-west-1` → `eu`, `ap-south-1` → `apac`. */
export function regionPrefix(region: string | undefined): string {
  const area = (region ?? "us-east-1").split("-")[0] ?? "us";
  return area === "ap" ? "apac" : area;
}

/**
 * The inference profile that routes to this model: a catalog profile row in the region's
 * geography first, then a global one; without a catalog row, the region's prefix on the id (the
 * earlier system's rule, "automatically detected by prefix").
 */
function profileFix(input: DetectInput): SettingsFix | null {
  const prefix = regionPrefix(input.bedrockRegion);
  const routes = (input.bedrockProfiles ?? []).filter(
    (p) => profileTarget(p.raw) === input.model_id || p.model_id.endsWith(`.${input.model_id}`),
  );
  const pick =
    routes.find((p) => p.model_id.startsWith(`${prefix}.`)) ??
    routes.find((p) => p.model_id.startsWith("global.")) ??
    routes[0];
  if (/^(?:us|eu|apac|global|us-gov|jp|au|ca)\./.test(input.model_id)) return null; // already a profile id
  const id = pick?.model_id ?? `${prefix}.${input.model_id}`;
  return {
    settings: { inference_profile_id: id },
    reasons: [
      pick
        ? `on-demand invocation is refused; the catalog's inference profile ${id} routes to it`
        : `on-demand invocation is refused; no catalog profile on record, so the region's prefix: ${id}`,
    ],
    profileSource: pick ? "catalog" : "region_prefix",
  };
}
