import type { ServerResponse } from "node:http";
import type { z } from "zod";
import type { RunnerIdentity } from "../auth/tokens.js";
import { describeIssues, type WireWorkItem } from "../runner/protocol.js";
import type { ClaimedItem } from "../runner/work-source.js";

/** The small pieces every ingest route shares: parse a body, refuse a provider, answer JSON. */

export function fromWire(item: WireWorkItem): ClaimedItem {
  return { ...item, expires_at: new Date(item.expires_at) };
}

export function parse<T>(schema: z.ZodType<T>, body: unknown, res: ServerResponse): T | null {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error);
  reply(res, 400, { error: "invalid_body", message: `Invalid request body: ${issues.join("; ")}`, issues });
  return null;
}

export function forbidden(res: ServerResponse, runner: RunnerIdentity, provider: string): void {
  reply(res, 403, {
    error: "forbidden",
    message: `Runner ${runner.name} serves ${runner.providers.join(", ")}, not ${provider}.`,
  });
}

export function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
