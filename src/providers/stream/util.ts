import { ProviderStreamError } from "./errors.js";

/** `base` + `path` with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** The API key, or a setup failure that names the setting to fill in. */
export function requireKey(apiKey: string | undefined, provider: string, env: string): string {
  if (apiKey) return apiKey;
  throw new ProviderStreamError(`no API key configured for ${provider}: set ${env}`, {
    point: "setup",
    kind: "auth",
  });
}

export function bearerKey(apiKey: string | undefined, provider: string, env: string): Record<string, string> {
  return { authorization: `Bearer ${requireKey(apiKey, provider, env)}` };
}

/** A non-negative token count, or undefined when the field is absent or malformed. */
export function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}
