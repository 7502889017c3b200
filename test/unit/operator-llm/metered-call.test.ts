import { describe, expect, it } from "vitest";
import type { OperatorLlmBackend } from "../../../src/providers/llm/backend.js";
import { meteredCall } from "../../../src/providers/llm/metered-call.js";

const REQUEST = { system: "s", user: "u", jsonSchema: {}, maxOutputTokens: 100 };
const OPTIONS = { price: { input: 1, output: 1 }, countedInputTokens: 10, at: new Date(0) };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A backend that loads its client on its first `prepare` or `complete` (`loadMs`, as
 * providers/llm/index.ts's backends import theirs), then takes `answerMs` to answer.
 */
function backend(loadMs: number, answerMs: number): OperatorLlmBackend {
  let loaded: Promise<void> | undefined;
  return {
    backend: "test",
    model: "m",
    prepare: () => (loaded ??= sleep(loadMs)),
    complete: async () => {
      await (loaded ??= sleep(loadMs));
      await sleep(answerMs);
      return { text: "{}", usage: { inputTokens: 5, outputTokens: 2 }, finishReason: "stop" };
    },
  };
}

describe("meteredCall", () => {
  it("starts the deadline after the backend has loaded its client (the first call's import)", async () => {
    // A load longer than the deadline, then a quick answer: the provider answered in time.
    const call = await meteredCall(backend(300, 10), REQUEST, { ...OPTIONS, timeoutMs: 150 });
    expect(call.error).toBeUndefined();
    expect(call.text).toBe("{}");
  });

  it("still times out a provider that answers after the deadline", async () => {
    const call = await meteredCall(backend(0, 400), REQUEST, { ...OPTIONS, timeoutMs: 100 });
    expect(call.error).toMatch(/test m: timed out after 100 ms/);
    expect(call.costUsd).toBe(0);
  });

  it("returns a failed call, not a throw, when the client cannot load", async () => {
    const broken: OperatorLlmBackend = {
      ...backend(0, 0),
      prepare: () => Promise.reject(new Error("Cannot find package 'openai'")),
    };
    const call = await meteredCall(broken, REQUEST, { ...OPTIONS, timeoutMs: 100 });
    expect(call.error).toMatch(/Cannot find package 'openai'/);
  });
});
