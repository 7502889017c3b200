import type { NotBenchmarkableReason } from "./types.js";

/**
 * What a model id alone says. Used for facts no source states (OpenAI, Anthropic and Cerebras
 * list little more than ids) and always marked `derived-from-id`. The rules are deliberately
 * few and conservative: an unknown stays unknown rather than becoming a guess.
 */

/**
 * Lower-case id with version spellings unified so one regex fits every provider:
 * Fireworks `v3p1` → `v3.1`, Anthropic/Bedrock `3-5` → `3.5` (a single digit either side,
 * so dates such as `2024-08-06` and sizes such as `3-4b` are left alone).
 */
export function normalizeId(id: string): string {
  return id
    .toLowerCase()
    .replace(/(\d)p(\d)/g, "$1.$2")
    .replace(/(?<!\d)(\d)-(\d)(?=[-:]|$)/g, "$1.$2");
}

type FamilyRule = [RegExp, string | ((m: RegExpMatchArray) => string)];

/** First match wins, so specific families come before the general ones they contain. */
const FAMILY_RULES: FamilyRule[] = [
  [/gpt-oss/, "gpt-oss"],
  [/gpt-5/, "gpt-5"],
  [/gpt-4\.1/, "gpt-4.1"],
  [/gpt-4\.5/, "gpt-4.5"],
  [/gpt-4o|chatgpt-4o/, "gpt-4o"],
  [/gpt-4/, "gpt-4"],
  [/gpt-3\.5/, "gpt-3.5"],
  [/(^|[/.])o[1-9](-|$)/, "o-series"],
  [/claude-(?:opus-|sonnet-|haiku-|instant-)?v?(\d)/, (m) => `claude-${m[1]}.x`],
  [/claude/, "claude"],
  [
    /gemini-(\d+)(?:\.(\d+))?/,
    (m) => (Number(m[1]) >= 3 ? `gemini-${m[1]}` : `gemini-${m[1]}.${m[2] ?? "0"}`),
  ],
  [/gemma/, "gemma"],
  [/llama-?v?(\d)/, (m) => `llama-${m[1]}`],
  [/llama/, "llama"],
  [/deepseek/, "deepseek"],
  [/qwen|qwq/, "qwen"],
  [/mistral|mixtral|ministral|codestral|pixtral|devstral|magistral|voxtral/, "mistral"],
  [/grok/, "grok"],
  [/kimi|moonshot/, "kimi"],
  [/glm/, "glm"],
  [/nova-/, "nova"],
  [/titan/, "titan"],
  [/command/, "command"],
  [/jamba/, "jamba"],
  [/(^|[/.-])phi-?\d/, "phi"],
  [/minimax/, "minimax"],
  [/nemotron/, "nemotron"],
  [/(^|[/.-])seed-/, "seed"],
  [/ernie/, "ernie"],
  [/hunyuan/, "hunyuan"],
  [/palmyra/, "palmyra"],
  [/sonar/, "sonar"],
];

export function familyFromId(id: string): string | null {
  const n = normalizeId(id);
  for (const [re, family] of FAMILY_RULES) {
    const m = n.match(re);
    if (m) return typeof family === "string" ? family : family(m);
  }
  return null;
}

/**
 * The one table of ids that are not benchmarkable (the brief's "models to avoid": embeddings,
 * speech and audio, image and video generation, moderation and guard models, compound systems,
 * routers). Catalog derivation marks entries with it and `models add` refuses them
 * (`checkModelId`). Ordered, first match wins: a guard model that is also "vision" is a
 * moderation model first.
 */
const NOT_BENCHMARKABLE_RULES: [RegExp, NotBenchmarkableReason][] = [
  [/moderation|guard|content-safety|safeguard|shieldgemma/, "moderation"],
  [/rerank/, "rerank"],
  [/embed|(^|[/.-])(bge|gte|e5|minilm|mpnet|text2vec|clip)([/._-]|$)|sentence-transformers\//, "embedding"],
  [/whisper|transcri|speech-to-text/, "transcription"],
  [
    /(^|[-/.])tts([-.]|$)|text-to-speech|(^|[/.-])speech-|realtime|-audio(-|$)|(^|[/.])audio-|playai|sonic|lyria/,
    "speech",
  ],
  [
    /dall-e|gpt-image|-image(-|$)|(^|[/.-])flux|sdxl|stable-diffusion|stable-image|stability\.|seedream|imagen|image-edit|qwen-image|janus|(^|\/)bria|clarityai|p-image|titan-image|nova-canvas|-t2i|ideogram|recraft|upscale|outpaint|inpaint|style-transfer|sd3/,
    "image",
  ],
  [/(^|[/.-])(sora|veo)(-|\d|$)|nova-reel|luma|ray-v\d|text-to-video|-t2v|-i2v|kling/, "video"],
  [/(^|[-/.])ocr/, "ocr"],
  [/search-preview|computer-use|deep-research/, "agentic"],
  [/(^|\/)compound(-|$)/, "compound"],
  [/^openrouter\/auto$/, "router"],
  [/^(babbage|davinci)-00\d$|gpt-3\.5-turbo-instruct/, "not-chat"],
];

/** Why a model id cannot be benchmarked, from the id alone; null when nothing in the table says so. */
export function notBenchmarkableFromId(id: string): NotBenchmarkableReason | null {
  const n = normalizeId(id);
  for (const [re, reason] of NOT_BENCHMARKABLE_RULES) if (re.test(n)) return reason;
  return null;
}

const OPENAI_CHAT =
  /(^|[/.])(gpt-4|gpt-5|gpt-3\.5-turbo(?!-instruct)|o[1-9](?!-mini|-preview)|o[3-9]-mini|chatgpt-4o)/;

/** Reasoning (thinking) models by family; known non-reasoning families say false. */
export function reasoningFromId(id: string): boolean | null {
  const n = normalizeId(id);
  if (/non-reasoning/.test(n)) return false;
  if (/(^|[/.])o[1-9](-|$)/.test(n)) return true;
  if (/gpt-5(\.\d+)?-chat/.test(n)) return false;
  if (/gpt-5|gpt-oss/.test(n)) return true;
  if (/claude-3\.7|claude-(opus|sonnet|haiku)-[4-9]|claude-[4-9]/.test(n)) return true;
  if (/claude/.test(n)) return false;
  if (
    /deepseek-r1|reasoner|qwq|thinking|magistral|-reasoning|grok-3-mini|grok-4|gemini-2\.5|gemini-[3-9]/.test(
      n,
    )
  ) {
    return true;
  }
  if (/gpt-4|gpt-3\.5|chatgpt-4o/.test(n)) return false;
  return null;
}

/** Tool use where the vendor documents it for the whole family (OpenAI chat models, Claude 3+). */
export function toolsFromId(id: string): boolean | null {
  const n = normalizeId(id);
  if (/o1-(mini|preview)/.test(n)) return false;
  if (/chatgpt-4o|gpt-5(\.\d+)?-chat/.test(n)) return null;
  if (OPENAI_CHAT.test(n) || /gpt-oss/.test(n)) return true;
  if (/claude-[3-9]|claude-(opus|sonnet|haiku)/.test(n)) return true;
  if (/claude/.test(n)) return false;
  return null;
}

/** OpenAI's JSON-schema structured outputs: gpt-4.1, gpt-5, o1 (full), o3, o4. */
export function structuredOutputsFromId(id: string): boolean | null {
  const n = normalizeId(id);
  if (/o1-(mini|preview)|gpt-5(\.\d+)?-chat/.test(n)) return null;
  if (/(^|[/.])(gpt-4\.1|gpt-5|o1|o[3-9])(-|$|\.)/.test(n)) return true;
  return null;
}

/** Image input where the family has it throughout; otherwise unknown. */
export function inputModalitiesFromId(id: string): string[] | null {
  const n = normalizeId(id);
  if (/o1-(mini|preview)|o3-mini|gpt-3\.5/.test(n)) return ["text"];
  if (/claude-[3-9]|claude-(opus|sonnet|haiku)-[4-9]/.test(n)) return ["text", "image"];
  if (/(^|[/.])(gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-5|o1|o[3-9])/.test(n)) return ["text", "image"];
  if (/vision|-vl(-|$)|pixtral|llava|llama-?3\.2-(11|90)b|llama-?4/.test(n)) return ["text", "image"];
  return null;
}
