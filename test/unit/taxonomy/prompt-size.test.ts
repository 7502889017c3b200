import { describeWordings, type Case } from "./wording-cases.js";

/**
 * The prompt over the model's bound in any words (PROMPT_OVER_BOUND in src/taxonomy/phrasings.ts, issue 17
 * item 11, session 27): before it, eleven of these 29 sentences of our own fell to the bare 400 as our
 * malformed request (or one to a rate limit), though each says the prompt is bigger than the model takes.
 * The near misses are the counts that are not the prompt's size: the output's max_tokens, a per-minute
 * budget, a plan's quota, an image's bytes, a JSON key, a deadline.
 */
const FAMILIES: Record<string, Case[]> = {
  "the prompt compared with a bound the model sets": [
    {
      message: "The prompt has 150000 tokens, which is more than the model supports (128000)",
      httpStatus: 400,
      kind: "context_length",
    },
    {
      message: "The total number of tokens in the messages is above the limit of the model",
      httpStatus: 400,
      kind: "context_length",
    },
    {
      message: "Your message is longer than the model's context (32k tokens)",
      httpStatus: 400,
      kind: "context_length",
    },
    {
      message: "Sequence length 9000 is larger than the maximum sequence length 8192",
      httpStatus: 400,
      kind: "context_length",
    },
    { message: "Error: history exceeds the maximum allowed size for this model", kind: "context_length" },
    {
      message: "the number of input tokens exceeds what this model accepts",
      httpStatus: 400,
      kind: "context_length",
    },
    {
      message: "Request payload is over the model's context capacity",
      httpStatus: 400,
      kind: "context_length",
    },
    {
      message: "Token limit exceeded: the document is larger than what the model can read",
      httpStatus: 400,
      kind: "context_length",
    },
  ],
  "too much input, and a request's tokens against a maximum": [
    {
      message: "Too much input: shorten the conversation or remove attachments",
      httpStatus: 400,
      kind: "context_length",
    },
    { message: "Requested 140000 tokens, max 131072 tokens", httpStatus: 400, kind: "context_length" },
  ],
};

const NEAR_MISSES: Case[] = [
  {
    message: "The maximum tokens you requested exceeds the model limit of 32768",
    httpStatus: 400,
    kind: "bad_request",
  },
  {
    message: "max_tokens: 100000 is greater than the maximum allowed for this model (64000)",
    httpStatus: 400,
    kind: "bad_request",
  },
  {
    message:
      "Request too large for gpt-x in organization org-1 on tokens per min (TPM): Limit 30000, Requested 45000.",
    httpStatus: 429,
    kind: "rate_limit",
  },
  { message: "Your token usage exceeds the monthly limit of your plan", httpStatus: 402, kind: "billing" },
  {
    message: "messages.0.content.1.image.source.base64: image exceeds 5 MB maximum",
    httpStatus: 400,
    kind: "bad_request",
  },
  {
    message: '{"message":"5 is greater than the maximum of 1 - \'logprobs\'"}',
    httpStatus: 400,
    kind: "bad_request",
  },
  { message: "Post https://api.example.com: context deadline exceeded", kind: "timeout" },
  {
    message: "Number of input tokens has exceeded your per-minute limit",
    httpStatus: 429,
    kind: "rate_limit",
  },
];

describeWordings("the prompt over the model's bound", FAMILIES, NEAR_MISSES, { families: [], status: 503 });
