import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The wordings added after batch 51 (src/taxonomy/wordings-51.ts; issue 17 item 11): evaluation harnesses,
 * agent frameworks and SDKs outside Python and TypeScript, each family from batch 51's train messages by
 * meaning, in words of our own here (no held-out text). Then the near misses.
 */
const FAMILIES: Record<string, Case[]> = {
  "a model in the brown-out before its retirement": [
    {
      message: "Model refused: scheduled deprecation, the model is under a brownout until Friday",
      kind: "model_retired",
    },
  ],
  "Anthropic's not-found error, the message alone": [
    { message: "404 model: claude-nonexistent-9", httpStatus: 404, kind: "model_not_found" },
  ],
};

const NOT_HARD: Record<string, Case[]> = {
  "a spend limit the account set for itself": [
    {
      message: "You have reached your specified usage limit for this workspace.",
      httpStatus: 400,
      kind: "billing",
    },
  ],
  "an answer with nothing in it to read": [
    { message: "Failed to parse scores from the response: no items. Response: []", kind: "output_invalid" },
    { message: "the stream must include at least one choice", kind: "output_invalid" },
  ],
  "a judge's answer that was not a number": [
    { message: "ValueError: could not convert string to float: 'Score: eight'", kind: "output_invalid" },
  ],
};

const NEAR_MISSES: Case[] = [
  // A deprecation notice with no brown-out refuses nothing yet.
  { message: "This model is scheduled for deprecation next month.", kind: "unknown" },
  // Our own usage limit in the future tense is not reached.
  { message: "Set your specified usage limits in the console.", kind: "unknown" },
];

describeWordings(
  "the wordings of batch 51 (evaluation harnesses, agent frameworks, other languages' SDKs)",
  { ...FAMILIES, ...NOT_HARD },
  NEAR_MISSES,
  { families: Object.keys(FAMILIES), status: 503 },
);
