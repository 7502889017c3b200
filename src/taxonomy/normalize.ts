import { createHash } from "node:crypto";
import { redactSecrets } from "../logger.js";
import type { ErrorKind } from "./kinds.js";

/**
 * Error-message normalization and fingerprints (DESIGN section 4).
 *
 * The normalized message is what groups occurrences of "the same" error: everything that varies
 * between occurrences of one failure (request ids, UUIDs, hex ids, timestamps, counters, retry
 * delays, API-key fragments, the model id) is masked, while what identifies the failure (wording,
 * error codes, HTTP status codes) stays readable. The earlier system masked only request ids and
 * hashed the model into the fingerprint, so one provider-wide outage became one fingerprint per
 * model; here the model id is masked out of the message and not part of the hash.
 */

export const MAX_NORMALIZED_LENGTH = 500;

/** Inputs longer than this are cut before masking: error bodies are sometimes whole HTML pages. */
const MAX_INPUT_LENGTH = 8_000;

/**
 * HTTP status codes that providers put in messages and that are stable per failure, so they stay
 * readable ("error code: 404"). Any other standalone number is masked.
 */
const STABLE_STATUS_CODES = new Set([
  400, 401, 402, 403, 404, 405, 408, 409, 410, 412, 413, 415, 422, 424, 429, 451, 498, 499, 500, 501, 502,
  503, 504, 520, 521, 522, 523, 524, 529,
]);

/** Ordered masks: earlier ones remove tokens that later, more generic ones would only half-mask. */
const MASKS: readonly { re: RegExp; to: string | ((match: string) => string) }[] = [
  // API-key fragments echoed back by OpenAI/Together ("Incorrect API key provided: sk-proj-****abcd").
  { re: /\b(?:sk|pk|rk)-[\w*.-]{4,}/g, to: "<key>" },
  // Explicit request/trace ids in any "name: value" spelling (AWS "Request ID: …", Azure "activityId").
  {
    re: /\b(request|req|trace|correlation|activity|x-request)[ _-]?id\b["']?\s*[:=]?\s*["']?[\w-]{6,}["']?/g,
    to: "$1_id=<id>",
  },
  // Prefixed object ids (with a digit, so "user_location" survives): Anthropic "req_011C…", OpenAI "chatcmpl-…", "org-…", "proj_…", OpenRouter "gen-…".
  {
    re: /\b(?:req|msg|chatcmpl|resp|org|proj|user|gen|run|call|batch|file|ft|cmpl|toolu)[-_](?=[\w-]*\d)[a-z0-9][\w-]{5,}/g,
    to: "<id>",
  },
  { re: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, to: "<uuid>" },
  // IPv4 addresses: a provider's hosts rotate between occurrences of one failure ("dial tcp
  // 104.18.7.192:443: connect: connection refused"), so the address must not split the group.
  { re: /(?<![\w.-])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/g, to: "<ip>" },
  // ISO-8601 timestamps and dates, then clock times ("2025-01-31T12:00:00.123Z", "12:00:00").
  {
    re: /\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b/g,
    to: "<ts>",
  },
  { re: /\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, to: "<ts>" },
  // Long hex (trace ids, hashes); must contain a digit so plain words like "deadbeefcafe" survive.
  { re: /\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/g, to: "<hex>" },
  // Durations vary per occurrence ("try again in 1.234s", "retry after 20 seconds").
  {
    re: /(?<![\w.-])\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds?|m|mins?|minutes?|h|hours?)\b/g,
    to: "<n>s",
  },
  // Numbers with four or more digits (token counts, limits, account ids, epoch times, dates in ids).
  { re: /\d{4,}/g, to: "<n>" },
  // Standalone decimals ("6.0 queries"), but not versions inside names ("gemini-1.5", "v1.5").
  { re: /(?<![\w.-])\d+\.\d+(?![\w.])/g, to: "<n>" },
  // Standalone small integers, except stable HTTP status codes.
  {
    re: /(?<![\w.-])\d{1,3}(?!\w|\.\d)/g,
    to: (m) => (STABLE_STATUS_CODES.has(Number(m)) ? m : "<n>"),
  },
];

/**
 * The model id as it appears in a message, when the caller does not say which model it was: the
 * token after "model" in backticks or quotes (OpenAI/Groq/Cerebras "The model `x` does not
 * exist") or after "model:" (Anthropic "model: claude-x").
 */
const QUOTED_MODEL = /\b(models?\s*:?\s*)([`'"])([^`'"\s]{1,200})\2/g;
const ANTHROPIC_MODEL = /\b(model:\s+)([a-z0-9][\w.:/@-]{1,200})/g;

/** Bedrock cross-region inference-profile prefixes: a message may name the model with or without one. */
const REGION_PREFIX = /^(?:us|eu|apac|jp|au|ca|global|us-gov)\./;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** Spellings of one model id a message might contain, longest first (so the full id wins). */
function modelSpellings(model: string): string[] {
  const full = model.toLowerCase().trim();
  const spellings = new Set<string>([full]);
  const lastSegment = full.split("/").pop() ?? full; // "accounts/fireworks/models/x", "openai/gpt-4o"
  if (lastSegment.length >= 3) spellings.add(lastSegment);
  const noRegion = full.replace(REGION_PREFIX, "");
  if (noRegion.length >= 3) spellings.add(noRegion);
  return [...spellings].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * Masks every spelling of `model` in an already lowercased text. The model must be a whole token:
 * not glued to a longer word on the left, and not continued by more id characters on the right
 * ("gpt-4o" must not eat the start of "gpt-4o-mini" when the message names the other model).
 */
export function maskModel(lowerText: string, model: string | null | undefined): string {
  if (!model || model.trim() === "") return lowerText;
  let out = lowerText;
  for (const spelling of modelSpellings(model)) {
    const re = new RegExp(`(?<![a-z0-9_])${escapeRegExp(spelling)}(?![a-z0-9_]|[-.:][a-z0-9])`, "g");
    out = out.replace(re, "<model>");
  }
  return out;
}

/**
 * Normalizes a message for grouping: lowercase, model id masked as `<model>` (the given id, or
 * when none is given the quoted id after "model"), varying tokens masked, whitespace collapsed,
 * truncated to 500 characters.
 */
export function normalizeMessage(message: string, opts?: { model?: string | null }): string {
  let out = maskModel(message.slice(0, MAX_INPUT_LENGTH).toLowerCase(), opts?.model);
  out = out.replace(QUOTED_MODEL, "$1$2<model>$2").replace(ANTHROPIC_MODEL, "$1<model>");
  for (const { re, to } of MASKS) {
    out = typeof to === "string" ? out.replace(re, to) : out.replace(re, to);
  }
  return out.replace(/\s+/g, " ").trim().slice(0, MAX_NORMALIZED_LENGTH);
}

/**
 * The message as the provider said it, for a person to read (and the operator's LLM, which reads
 * by meaning): secrets redacted, whitespace collapsed, cut to the normalized message's length.
 * `normalizeMessage` lowercases and masks the model id and numbers, which is right for grouping
 * and wrong to show ("model <model> does not exist" where the provider named the model). The
 * redaction is here, not left to callers, so no caller can show a key by forgetting it.
 */
export function displayMessage(message: string): string {
  return redactSecrets(message).replace(/\s+/g, " ").trim().slice(0, MAX_NORMALIZED_LENGTH);
}

/**
 * Fingerprint of one failure: sha256 of `provider | kind | normalized message` (model masked),
 * first 16 hex characters (64 bits; collisions are irrelevant at this scale). The model is
 * deliberately not part of the hash: the same provider-wide incident across 50 models is one
 * fingerprint. The kind is part of it, so a new classifier verdict starts a new group instead of
 * silently relabelling an old one.
 */
export function errorFingerprint(input: {
  provider: string;
  kind: ErrorKind;
  message: string;
  model?: string | null;
}): string {
  const normalized = normalizeMessage(input.message, { model: input.model ?? null });
  return createHash("sha256")
    .update(`${input.provider.trim().toLowerCase()}|${input.kind}|${normalized}`)
    .digest("hex")
    .slice(0, 16);
}
