import { SNAPSHOTS, snapshotRows } from "./fake-catalog-server.js";
import { startFakeLlmServer, type FakeLlmRequest, type FakeLlmServer } from "./fake-llm-server.js";

/** An OpenRouter row shaped like the real ones, with another id and name. */
export function openRouterRow(id: string, name: string): Record<string, unknown> {
  const base = snapshotRows(SNAPSHOTS.openrouterJun).find((r) => r["id"] === "anthropic/claude-opus-4")!;
  return { ...base, id, name, canonical_slug: id };
}

/** The matcher prompt's entries: OpenRouter id -> the entry key the answer must name. */
export function keysByOpenRouterId(req: FakeLlmRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of req.user.split(/\n\n/)) {
    const key = /^## (\S+)/.exec(block)?.[1];
    const id = /^id: (\S+)/m.exec(block)?.[1];
    if (key && id) out.set(id, key);
  }
  return out;
}

/**
 * A fake LLM answering the catalog matcher: for each entry asked, the Groq id `guesses()` names
 * for its OpenRouter id (read at each request, so a test can change its script), else no match.
 */
export function startScriptedMatcher(
  guesses: () => Record<string, string>,
  confidence: number,
): Promise<FakeLlmServer> {
  return startFakeLlmServer((req) => ({
    kind: "answer",
    usage: { inputTokens: 2_000, outputTokens: 300 },
    answer: {
      matches: [...keysByOpenRouterId(req)].map(([id, key]) => {
        const guess = guesses()[id];
        return {
          entry_id: key,
          provider: guess ? "groq" : null,
          model_id: guess ?? null,
          confidence,
          reasoning: guess ? "closest id" : "not served directly",
        };
      }),
    },
  }));
}
