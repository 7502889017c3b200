import { createHash } from "node:crypto";
import type { Principal } from "../policy/principal.js";
import type { ToolCallDoc } from "../storage/tool-calls-repository.js";

export type { ToolCallDoc, ToolCallOutcome } from "../storage/tool-calls-repository.js";

/** JSON with object keys sorted, so the same arguments always give the same digest. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function argsDigest(args: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(args ?? {}))
    .digest("hex");
}

export function principalRecord(p: Principal): ToolCallDoc["principal"] {
  return { name: p.name, role: p.role, kind: p.kind };
}
