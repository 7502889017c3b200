/**
 * The sandbox's stand-in for the operator's LLM (`openai:gpt-5-mini` at the sandbox's OpenAI
 * address). It is not a model: it answers each kind of call the product makes by a fixed rule,
 * in the schema the call asked for, so that a newcomer sees the loops an LLM closes (a decision
 * batch, the catalog matcher's guesses and their retries, the email's assessment) run end to end.
 * Every reasoning it returns says that it came from the sandbox's rules.
 *
 * - decisions: the deterministic suggestion the prompt shows for each situation, at its confidence;
 * - catalog matches: for the vendors whose open models Groq serves, a first guess that drops the
 *   vendor (`meta-llama/x` -> Groq `x`, often not Groq's spelling); once the provider's error and
 *   listing are shown, the first listed id not tried with the same family, size and version, else
 *   no match;
 * - fingerprints: `unknown` at low confidence (it cannot read);
 * - the email's assessment: the most severe status the digest names, and nothing more.
 */
export interface LlmCall {
  system: string;
  user: string;
  /** The answer schema the call sent (`response_format.json_schema.schema`). */
  schema: Record<string, unknown>;
}

const SIGNATURE = "sandbox rule, not a model";

export function sandboxLlmAnswer(call: LlmCall): unknown {
  const properties = (call.schema["properties"] ?? {}) as Record<string, unknown>;
  if ("matches" in properties) return matches(call);
  if ("overall_status" in properties) return assessment(call);
  if ("verdicts" in properties) {
    return JSON.stringify(properties["verdicts"]).includes('"fingerprint"')
      ? fingerprints(call)
      : decisions(call);
  }
  throw new Error(`the sandbox LLM does not know this call (schema: ${Object.keys(properties).join(", ")})`);
}

function blocks(user: string): { id: string; text: string }[] {
  return user
    .split(/\n(?=## )/)
    .map((b) => ({ id: /^## (\S+)/.exec(b)?.[1] ?? "", text: b }))
    .filter((b) => b.id !== "");
}

function decisions(call: LlmCall): unknown {
  return {
    verdicts: blocks(call.user).map(({ id, text }) => {
      const s = /^suggestion: (\w+) ([\d.]+)/m.exec(text);
      return {
        situation_id: id,
        action: s?.[1] ?? "monitor",
        confidence: s ? Number(s[2]) : 0.5,
        reasoning: `${SIGNATURE}: follows the deterministic suggestion`,
      };
    }),
  };
}

function fingerprints(call: LlmCall): unknown {
  return {
    verdicts: blocks(call.user).map(({ id }) => ({
      fingerprint: id,
      kind: "unknown",
      confidence: 0.2,
      reasoning: `${SIGNATURE}: it does not read messages`,
    })),
  };
}

/** OpenRouter vendors whose open-weight models Groq serves (under ids of its own spelling). */
const GROQ_VENDORS = new Set(["meta-llama", "qwen", "moonshotai", "openai"]);

function matches(call: LlmCall): unknown {
  const providers = /Direct providers: ([^.]+)\./.exec(call.system)?.[1]?.split(/,\s*/) ?? [];
  return {
    matches: blocks(call.user).map(({ id, text }) => {
      const openrouterId = /^id: (\S+)/m.exec(text)?.[1] ?? "";
      const [vendor = "", name = ""] = openrouterId.split("/", 2);
      const tried = [...text.matchAll(/^failed guess: (\S+) (\S+);/gm)].map((m) => `${m[1]} ${m[2]}`);
      const listing = /^(\S+) lists: (.*)$/m.exec(text);
      let guess: { provider: string; model_id: string } | null = null;
      if (listing) {
        const next = listing[2]!
          .split(", ")
          .find((c) => !tried.includes(`${listing[1]} ${c}`) && sameModel(name, c));
        if (next) guess = { provider: listing[1]!, model_id: next };
      } else if (providers.includes("groq") && GROQ_VENDORS.has(vendor) && !name.includes(":")) {
        // The id as OpenRouter spells it, without the vendor: often not how Groq spells it.
        guess = { provider: "groq", model_id: name };
      }
      return {
        entry_id: id,
        provider: guess?.provider ?? null,
        model_id: guess?.model_id ?? null,
        confidence: guess ? 0.8 : 0,
        reasoning: `${SIGNATURE}: ${guess ? (listing ? "the listed id with the same family, size and version" : "the id without its vendor") : "no listed id has the same family, size and version"}`,
      };
    }),
  };
}

/** Every token with a digit (version, size) of the OpenRouter name is in the id, and one word more. */
function sameModel(name: string, id: string): boolean {
  const words = (t: string) =>
    new Set(
      t
        .toLowerCase()
        .split(/[^a-z0-9.]+/)
        .filter(Boolean),
    );
  const mine = words(name);
  const theirs = words(id.slice(id.lastIndexOf("/") + 1));
  const numbered = [...mine].filter((w) => /\d/.test(w));
  const named = [...mine].filter((w) => !/\d/.test(w));
  return numbered.length > 0 && numbered.every((w) => theirs.has(w)) && named.some((w) => theirs.has(w));
}

function assessment(call: LlmCall): unknown {
  const properties = call.schema["properties"] as Record<string, { enum?: string[] }>;
  // The most severe status the digest names (its headline), else the mildest.
  const statuses = properties["overall_status"]?.enum ?? ["healthy"];
  const stated =
    [...statuses].reverse().find((s) => new RegExp(`\\b${s}\\b`, "i").test(call.user)) ?? statuses[0]!;
  return {
    overall_status: stated,
    summary: `The sandbox's stand-in for an LLM (${SIGNATURE}) repeats the digest's own status and reads nothing else.`,
    likely_deprecated: [],
    code_fixes: [],
    provider_issues: [],
    recommended_actions: [],
  };
}
