import { z } from "zod";
import { redactSecrets } from "../logger.js";
import {
  attemptProblems,
  attemptsCost,
  callWithinBudget,
  type BudgetedCallDeps,
} from "../operator/budgeted-call.js";
import { untrustedLine } from "../operator/prompt.js";
import { buildAssessmentPrompt, type AssessmentPrompt } from "./assessment-prompt.js";
import type { HealthReportData, ReportAssessment } from "./types.js";

/**
 * The daily email's assessment (issue 17 item 10): one budgeted, structured LLM call over the
 * day's digest (budgeted-call.ts: the chain, the budget, the spend ledger), its answer validated
 * item by item with zod. It is the LLM's reading, shown above the deterministic sections and
 * marked as such; it decides nothing. No LLM, the kill switch, a failed call or an unusable answer
 * give an `unavailable` assessment that says why, and the deterministic report stands alone.
 */

const MAX_TEXT = 400;
const STATUSES = ["healthy", "warning", "critical"] as const;

const answerSchema = z.object({
  // "WARNING" is as clear as "warning": a tool-use answer (Bedrock) is not held to the schema's enum.
  overall_status: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.enum(STATUSES)),
  summary: z.string(),
  likely_deprecated: z.array(z.object({ model_key: z.string(), reason: z.string() }).loose()),
  code_fixes: z.array(z.object({ provider: z.string(), problem: z.string(), fix: z.string() }).loose()),
  provider_issues: z.array(z.object({ provider: z.string(), issue: z.string() }).loose()),
  recommended_actions: z.array(z.string()),
});

export type AssessmentDeps = BudgetedCallDeps & { killSwitch: boolean };

/** Asks for the assessment; never throws for the LLM's sake (the report must go out). */
export async function assessReport(data: HealthReportData, deps: AssessmentDeps): Promise<ReportAssessment> {
  if (deps.killSwitch) return unavailable("the kill switch is on: no paid call");
  if (deps.chain.length === 0)
    return unavailable(
      `no LLM is configured (${deps.config.operator.llmChosenBy ?? "OPERATOR_LLM is empty"})`,
    );
  const prompt = buildAssessmentPrompt(data);
  const answer = await callWithinBudget(
    {
      purpose: "health_assessment",
      request: {
        system: prompt.system,
        user: prompt.user,
        jsonSchema: assessmentJsonSchema(prompt),
        maxOutputTokens: 2_000,
      },
      parse: (text) => parseAssessment(text, prompt),
      emptyAnswer: (problems) => `no usable assessment: ${problems.slice(0, 3).join("; ")}`,
    },
    deps,
  );
  const call = answer.answered;
  const found = answer.items[0];
  const { costUsd } = attemptsCost(answer.attempts);
  if (call === null || found === undefined) {
    // An answer that could not be used (not JSON, another shape) was still charged.
    return unavailable(
      `the LLM call failed: ${attemptProblems(answer.attempts).join("; ") || "no answer"}`,
      costUsd,
    );
  }
  return { ...found, by: `${call.backend}:${call.model}`, costUsd };
}

function unavailable(reason: string, costUsd = 0): ReportAssessment {
  // The reason ends where the sentence the renderer adds begins.
  return { status: "unavailable", reason: oneLine(reason, 600).replace(/[.\s]+$/, ""), costUsd };
}

/**
 * The answer as JSON of the schema, or nothing. Item by item: a model key the digest did not list
 * or a provider it does not show drops that item (and says so); texts are flattened to one line,
 * redacted and bounded, so the LLM's words cannot add structure to the email.
 */
export function parseAssessment(
  text: string,
  prompt: Pick<AssessmentPrompt, "models" | "providers">,
): { items: Omit<Extract<ReportAssessment, { status: "ok" }>, "by" | "costUsd">[]; problems: string[] } {
  const problems: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ""));
  } catch {
    return { items: [], problems: ["the assessment is not JSON"] };
  }
  const shaped = answerSchema.safeParse(json);
  if (!shaped.success) {
    // The first field that is wrong, so a person can tell a model's habit from a broken answer.
    const issue = shaped.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return {
      items: [],
      problems: [
        `the assessment is not of the expected shape (${oneLine(`${where}${issue?.message ?? "invalid"}`, 160)})`,
      ],
    };
  }
  const parsed = shaped.data;
  const providers = new Set(prompt.providers);
  const knownProvider = (p: string): boolean => {
    if (providers.has(p)) return true;
    problems.push(`dropped an item about a provider not in the digest: ${oneLine(p, 40)}`);
    return false;
  };
  const likelyDeprecated = parsed.likely_deprecated.flatMap((d) => {
    const model = prompt.models.get(d.model_key);
    if (model !== undefined) return [{ model, reason: oneLine(d.reason) }];
    problems.push(`dropped a model key not in the digest: ${oneLine(d.model_key, 40)}`);
    return [];
  });
  return {
    items: [
      {
        status: "ok",
        overallStatus: parsed.overall_status,
        summary: oneLine(parsed.summary, 800),
        likelyDeprecated: likelyDeprecated.slice(0, 20),
        codeFixes: parsed.code_fixes
          .filter((f) => knownProvider(f.provider))
          .slice(0, 10)
          .map((f) => ({ provider: f.provider, problem: oneLine(f.problem), fix: oneLine(f.fix) })),
        providerIssues: parsed.provider_issues
          .filter((i) => knownProvider(i.provider))
          .slice(0, 10)
          .map((i) => ({ provider: i.provider, issue: oneLine(i.issue) })),
        recommendedActions: parsed.recommended_actions.slice(0, 10).map((a) => oneLine(a)),
        dropped: droppedWords(problems),
      },
    ],
    problems,
  };
}

/**
 * What the reader is told was left out: how many items, and why, without the names they carried:
 * a name the digest does not show may be what an instruction in provider text put there.
 */
function droppedWords(problems: readonly string[]): string[] {
  const models = problems.filter((p) => p.startsWith("dropped a model key")).length;
  const providers = problems.filter((p) => p.startsWith("dropped an item about a provider")).length;
  return [
    ...(models > 0 ? [`${models} model(s) the digest does not list`] : []),
    ...(providers > 0 ? [`${providers} item(s) about a provider the digest does not show`] : []),
  ];
}

/** One line, no control characters, secrets redacted, bounded. */
function oneLine(text: string, max = MAX_TEXT): string {
  return untrustedLine(redactSecrets(text), max);
}

function assessmentJsonSchema(prompt: AssessmentPrompt): object {
  const text = { type: "string" };
  // An empty enum is not a valid schema: with nothing to name, any string (and the parse drops it).
  const oneOf = (values: string[]) => (values.length > 0 ? { type: "string", enum: values } : text);
  const providers = oneOf(prompt.providers);
  const object = (properties: Record<string, object>) => ({
    type: "object",
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  });
  return object({
    overall_status: { type: "string", enum: [...STATUSES] },
    summary: text,
    likely_deprecated: {
      type: "array",
      items: object({ model_key: oneOf([...prompt.models.keys()]), reason: text }),
    },
    code_fixes: { type: "array", items: object({ provider: providers, problem: text, fix: text }) },
    provider_issues: { type: "array", items: object({ provider: providers, issue: text }) },
    recommended_actions: { type: "array", items: text },
  });
}
