/**
 * Scripted provider behaviour, chosen by the request's model id. A model id may carry a
 * `~key` suffix (`basic~run7`): the scenario is looked up without it, and the key names the
 * request in the send log so a test can find the server-side times of its own request.
 *
 * Times are milliseconds after the request arrived; the fake writes each step at its absolute
 * deadline (no drift from chained sleeps) and logs when it actually wrote.
 */
export type Step =
  | { at: number; kind: "answer" | "reasoning"; tokens: number }
  /** A keep-alive: an SSE comment (`: OPENROUTER PROCESSING`), Anthropic `ping`. */
  | { at: number; kind: "keepalive" }
  /** A delta with empty text. */
  | { at: number; kind: "empty" }
  /** A data event that is not JSON. */
  | { at: number; kind: "bad_json" };

/** The failures providers answer with, rendered by each wire format in its own shape. */
export type FailureType =
  "not_found" | "auth" | "billing" | "rate_limit" | "server_error" | "unavailable" | "overloaded";

export type Ending =
  | { type: "complete" }
  /** HTTP 200, then an error event in the stream. */
  | { type: "error_event"; failure: FailureType }
  /** The socket is destroyed (HTTP/2: the stream is reset). */
  | { type: "cut" }
  /** The body ends cleanly, without the protocol's end event. */
  | { type: "close" }
  /** Nothing more is sent; the connection stays open. */
  | { type: "hang" };

export interface Scenario {
  /** Answer before any body: an HTTP error, or a hang with no headers at all. */
  before?: { type: "http_error"; failure: FailureType } | { type: "hang_no_headers" };
  steps: Step[];
  /** Reasoning tokens reported in usage but never streamed (hidden reasoning). */
  hiddenReasoningTokens?: number;
  /** Where usage is reported: at the end in the wire's usual place, nowhere, or in Groq's `x_groq`. */
  usage: "end" | "none" | "x_groq";
  finish: "stop" | "length";
  ending: Ending;
  /** Write each event in two parts, and several events in one write, to exercise the parsers. */
  splitWrites?: boolean;
}

function chunks(
  count: number,
  tokens: number,
  start: number,
  every: number,
  kind: "answer" | "reasoning" = "answer",
): Step[] {
  return Array.from({ length: count }, (_, i) => ({ at: start + i * every, kind, tokens }));
}

const complete: Ending = { type: "complete" };

/** A 64-token answer in 16 chunks of 4, the shape most tests use with a 64-token profile. */
const basicSteps = chunks(16, 4, 40, 5);

const httpError = (failure: FailureType): Scenario => ({
  before: { type: "http_error", failure },
  steps: [],
  usage: "end",
  finish: "stop",
  ending: complete,
});

const threeThen = (ending: Ending): Scenario => ({
  steps: chunks(3, 2, 20, 5),
  usage: "end",
  finish: "stop",
  ending,
});

export const SCENARIOS: Record<string, Scenario> = {
  basic: { steps: basicSteps, usage: "end", finish: "length", ending: complete },
  /** 8 chunks of 8 tokens 20 ms apart: output speed (64 − 8) / 0.14 s = 400 tok/s, not 50. */
  "multi-token": { steps: chunks(8, 8, 30, 20), usage: "end", finish: "length", ending: complete },
  /** Visible reasoning from 30 ms, the answer from 250 ms: TTFT at the first, TTFAT at the second. */
  "reasoning-then-answer": {
    steps: [...chunks(10, 2, 30, 10, "reasoning"), ...chunks(11, 4, 250, 5)],
    usage: "end",
    finish: "length",
    ending: complete,
  },
  /** The whole budget spent reasoning; no answer. */
  "reasoning-exhausted": {
    steps: chunks(16, 4, 30, 5, "reasoning"),
    usage: "end",
    finish: "length",
    ending: complete,
  },
  /** Reasoning the provider bills but never shows (OpenAI reasoning models on Chat Completions). */
  "hidden-reasoning": {
    steps: chunks(6, 4, 200, 10),
    hiddenReasoningTokens: 40,
    usage: "end",
    finish: "length",
    ending: complete,
  },
  /** A role-only chunk and empty deltas, then the stream ends: no text at all. */
  "no-text": {
    steps: [
      { at: 20, kind: "empty" },
      { at: 40, kind: "empty" },
    ],
    usage: "end",
    finish: "stop",
    ending: complete,
  },
  /** Keep-alives and empty deltas during a 150 ms wait; the first text at 150 ms. */
  keepalive: {
    steps: [
      { at: 10, kind: "keepalive" },
      { at: 30, kind: "empty" },
      { at: 60, kind: "keepalive" },
      { at: 90, kind: "empty" },
      { at: 120, kind: "keepalive" },
      ...chunks(16, 4, 150, 5),
    ],
    usage: "end",
    finish: "length",
    ending: complete,
  },
  "no-usage": { steps: basicSteps, usage: "none", finish: "length", ending: complete },
  "groq-usage": { steps: basicSteps, usage: "x_groq", finish: "length", ending: complete },
  /** Stops after 30 of 64 tokens: outside a ±10 % band. */
  "short-output": { steps: chunks(10, 3, 30, 5), usage: "end", finish: "stop", ending: complete },
  "split-writes": { steps: basicSteps, usage: "end", finish: "length", ending: complete, splitWrites: true },
  "fail-404": httpError("not_found"),
  "fail-401": httpError("auth"),
  "fail-402": httpError("billing"),
  "fail-429": httpError("rate_limit"),
  "fail-500": httpError("server_error"),
  "fail-503": httpError("unavailable"),
  "fail-529": httpError("overloaded"),
  "midstream-overloaded": threeThen({ type: "error_event", failure: "overloaded" }),
  "midstream-server-error": threeThen({ type: "error_event", failure: "server_error" }),
  "midstream-rate-limit": threeThen({ type: "error_event", failure: "rate_limit" }),
  "cut-midstream": threeThen({ type: "cut" }),
  "close-early": threeThen({ type: "close" }),
  "bad-json": {
    steps: [...chunks(2, 2, 20, 5), { at: 40, kind: "bad_json" }],
    usage: "end",
    finish: "stop",
    ending: complete,
  },
  "hang-after-headers": { steps: [], usage: "end", finish: "stop", ending: { type: "hang" } },
  "hang-no-headers": {
    before: { type: "hang_no_headers" },
    steps: [],
    usage: "end",
    finish: "stop",
    ending: complete,
  },
  "hang-midstream": threeThen({ type: "hang" }),
  // Answer like `basic` once the request has the right shape (request-rules.ts refuses the rest).
  "responses-only": { steps: basicSteps, usage: "end", finish: "length", ending: complete },
  "no-temperature": { steps: basicSteps, usage: "end", finish: "length", ending: complete },
  "completion-tokens-only": { steps: basicSteps, usage: "end", finish: "length", ending: complete },
  "profile-only": { steps: basicSteps, usage: "end", finish: "length", ending: complete },
};

/**
 * `steady-<ttft>-<gap>-<chunks>-<tokensPerChunk>`: the first chunk at `ttft` ms, then one chunk
 * every `gap` ms (may be fractional, e.g. `steady-40-2.5-200-1`), finish `length`, usage at the
 * end. Used by the accuracy bench.
 */
function steady(name: string): Scenario | undefined {
  const match = /^steady-(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)-(\d+)-(\d+)$/.exec(name);
  if (!match) return undefined;
  const [ttft, gap, count, perChunk] = match.slice(1).map(Number) as [number, number, number, number];
  return { steps: chunks(count, perChunk, ttft, gap), usage: "end", finish: "length", ending: complete };
}

/** Splits off the `~key`, and a Bedrock inference-profile region prefix (`us.basic` serves `basic`). */
export function splitModelId(model: string): { name: string; key: string | null } {
  const tilde = model.indexOf("~");
  const name = (tilde < 0 ? model : model.slice(0, tilde)).replace(/^(?:us|eu|apac|global)\./, "");
  return { name, key: tilde < 0 ? null : model.slice(tilde + 1) };
}

export function scenarioFor(model: string): Scenario | undefined {
  const { name } = splitModelId(model);
  return SCENARIOS[name] ?? steady(name);
}

/** Tokens the scenario streams, by kind. */
export function streamedTokens(scenario: Scenario): { answer: number; reasoning: number } {
  let answer = 0;
  let reasoning = 0;
  for (const step of scenario.steps) {
    if (step.kind === "answer") answer += step.tokens;
    if (step.kind === "reasoning") reasoning += step.tokens;
  }
  return { answer, reasoning };
}
