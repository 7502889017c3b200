import { createOperatorLlmChain } from "../providers/llm/index.js";
import { classOf } from "../taxonomy/kinds.js";
import { classifyFingerprints } from "./fingerprints/classify.js";
import { selectUnknownFingerprints } from "./fingerprints/select.js";
import type { FingerprintVerdictDoc } from "../storage/fingerprint-verdicts-repository.js";
import type { JobDefinition } from "./job.js";

const WINDOW_MS = 7 * 86_400_000;
/** Fingerprints per call: one call per run, the most frequent first; the rest wait for the next run. */
const MAX_PER_CALL = 40;

/**
 * Classifies `unknown` error fingerprints with one batched LLM call (when the process has an operator
 * LLM: OPERATOR_LLM, or a key's default model) and stores each verdict once with its provenance.
 * Without an LLM it counts and reports them, saying why there is none.
 */
export const fingerprintClassificationJob: JobDefinition = {
  name: "fingerprint-classification",
  description: "Group unknown errors by fingerprint and classify them with one batched LLM call.",
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const { deps } = ctx;
    const now = deps.clock();
    const verdicts = deps.repos.fingerprintVerdicts;
    const unknown = await selectUnknownFingerprints(deps.repos, new Date(now.getTime() - WINDOW_MS));
    const known = await verdicts.known(unknown.map((u) => u.fingerprint));
    const open = unknown.filter((u) => !known.has(u.fingerprint));
    const counts: Record<string, number> = {
      unknown_fingerprints: unknown.length,
      already_classified: known.size,
      open: open.length,
    };
    const chain = ctx.services.operatorChain ?? createOperatorLlmChain(deps.config);
    const asked = open.slice(0, MAX_PER_CALL);
    if (chain.length === 0 || asked.length === 0) {
      const why =
        chain.length === 0
          ? `no LLM is configured (${deps.config.operator.llmChosenBy ?? "OPERATOR_LLM names no backend"}), so they are counted, not classified`
          : "nothing to ask";
      return { counts, summary: `${open.length} unclassified unknown fingerprint(s); ${why}` };
    }
    const result = await classifyFingerprints(asked, {
      config: deps.config,
      chain,
      spend: deps.repos.spend,
      policies: deps.repos.policies,
      now,
      runId: ctx.runId,
    });
    const byId = new Map(asked.map((a) => [a.fingerprint, a]));
    const by = result.answeredBy;
    const docs: FingerprintVerdictDoc[] = by
      ? result.verdicts
          .filter((v) => v.kind !== "unknown" && byId.has(v.fingerprint))
          .map((v) => {
            const item = byId.get(v.fingerprint)!;
            return {
              _id: v.fingerprint,
              provider: item.provider,
              kind: v.kind,
              class: classOf(v.kind),
              confidence: v.confidence,
              reasoning: v.reasoning,
              sample_message: item.sample.slice(0, 500),
              occurrences: item.occurrences,
              model_ids: item.modelIds,
              source: "llm",
              backend: by.backend,
              model: by.model,
              decided_at: now,
              run_id: ctx.runId,
            };
          })
      : [];
    await ctx.assertLease();
    const stored = await verdicts.insertNew(docs);
    Object.assign(counts, {
      asked: asked.length,
      classified: stored,
      still_unknown: asked.length - docs.length,
      llm_calls: result.calls,
    });
    const problems =
      result.problems.length > 0 ? `; problems: ${result.problems.slice(0, 3).join("; ")}` : "";
    return {
      counts,
      costUsd: result.costUsd,
      summary: `${stored} of ${asked.length} fingerprint(s) classified${problems}`,
    };
  },
};
