import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { verdictJsonSchema } from "../../src/operator/verdict-validation.js";
import {
  createOperatorLlmChain,
  OperatorLlmError,
  type OperatorLlmBackend,
  type OperatorLlmRequest,
} from "../../src/providers/llm/index.js";
import {
  answerEvery,
  fakeBedrockCredentials,
  startFakeLlmServer,
  verdictsFor,
  type FakeLlmServer,
} from "../helpers/fake-llm-server.js";

/** The three operator LLM adapters over real HTTP against the fake provider server. */

let fake: FakeLlmServer;
beforeAll(async () => {
  fake = await startFakeLlmServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const BACKENDS = {
  openai: "openai:gpt-5.2",
  groq: "groq:llama-3.3-70b-versatile",
  bedrockTool: "bedrock:us.anthropic.claude-sonnet-4-5-20250929-v1:0",
  bedrockText: "bedrock:meta.llama3-3-70b-instruct-v1:0",
} as const;

function backend(which: keyof typeof BACKENDS): OperatorLlmBackend {
  const config = loadConfig({
    OPERATOR_LLM: BACKENDS[which],
    OPENAI_API_KEY: "sk-test-openai-0000000000",
    OPENAI_BASE_URL: fake.openaiBaseUrl,
    GROQ_API_KEY: "gsk_testgroq00000000",
    GROQ_BASE_URL: `${fake.url}/openai/v1`,
    BEDROCK_ENDPOINT_URL: fake.bedrockUrl,
    AWS_REGION: "us-west-2",
  });
  const [only] = createOperatorLlmChain(config, { bedrock: { credentials: fakeBedrockCredentials } });
  return only!;
}

function request(signal: AbortSignal = AbortSignal.timeout(10_000)): OperatorLlmRequest {
  return {
    system: "SYSTEM TEXT",
    user: "Now: x. 1 situations.\n\n## sit_a\ngroq | model_not_found (hard)",
    jsonSchema: verdictJsonSchema(["sit_a"]),
    maxOutputTokens: 777,
    signal,
  };
}

describe("OpenAI adapter", () => {
  it("asks for strict structured output with max_completion_tokens and maps the answer", async () => {
    fake.setScript(answerEvery("disable", 0.9));
    const response = await backend("openai").complete(request());
    expect(JSON.parse(response.text)).toEqual(verdictsFor(["sit_a"], "disable", 0.9));
    expect(response.finishReason).toBe("stop");
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ api: "openai", path: "/v1/chat/completions", model: "gpt-5.2" });
    expect(sent!.headers.authorization).toBe("Bearer sk-test-openai-0000000000");
    expect(sent!.body).toMatchObject({
      messages: [
        { role: "system", content: "SYSTEM TEXT" },
        { role: "user", content: request().user },
      ],
      response_format: {
        type: "json_schema",
        json_schema: { name: "operator_verdicts", strict: true, schema: verdictJsonSchema(["sit_a"]) },
      },
      max_completion_tokens: 777,
    });
    expect(sent!.body).not.toHaveProperty("max_tokens");
    expect(response.usage).toEqual({
      inputTokens: Math.ceil((sent!.system.length + sent!.user.length) / 4),
      outputTokens: Math.ceil(response.text.length / 4),
    });
  });
});

describe("OpenAI-compatible adapter", () => {
  it("uses the provider's key and base URL, json_object and max_tokens", async () => {
    fake.setScript(() => ({
      kind: "text",
      text: "{}",
      usage: { inputTokens: 321, outputTokens: 12 },
      finishReason: "length",
    }));
    const response = await backend("groq").complete(request());
    expect(response).toEqual({
      text: "{}",
      usage: { inputTokens: 321, outputTokens: 12 },
      finishReason: "length",
    });
    const [sent] = fake.requests;
    expect(sent).toMatchObject({
      api: "openai",
      path: "/openai/v1/chat/completions",
      model: "llama-3.3-70b-versatile",
    });
    expect(sent!.headers.authorization).toBe("Bearer gsk_testgroq00000000");
    expect(sent!.body).toMatchObject({ response_format: { type: "json_object" }, max_tokens: 777 });
    expect(sent!.body).not.toHaveProperty("max_completion_tokens");
    // No schema is sent in json_object mode; the fake reads the ids from the prompt's headings.
    expect(sent!.situationIds).toEqual(["sit_a"]);
  });
});

describe("Bedrock adapter", () => {
  it("forces the verdict tool for Claude, signs with the given credentials and returns the tool input", async () => {
    fake.setScript(answerEvery("monitor", 0.6));
    const response = await backend("bedrockTool").complete(request());
    expect(JSON.parse(response.text)).toEqual(verdictsFor(["sit_a"], "monitor", 0.6));
    expect(response.finishReason).toBe("tool_use");
    const [sent] = fake.requests;
    expect(sent).toMatchObject({
      api: "bedrock",
      model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      system: "SYSTEM TEXT",
      user: request().user,
      toolName: "submit_verdicts",
      situationIds: ["sit_a"],
    });
    expect(sent!.path).toBe("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse");
    expect(String(sent!.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDFAKEFAKEFAKE\/\d{8}\/us-west-2\/bedrock\//,
    );
    expect(sent!.body).toMatchObject({ inferenceConfig: { maxTokens: 777, temperature: 0 } });
  });

  it("reads a text answer from models without a forced tool", async () => {
    fake.setScript(() => ({
      kind: "text",
      text: 'Here: {"verdicts": []}',
      usage: { inputTokens: 50, outputTokens: 7 },
    }));
    const response = await backend("bedrockText").complete(request());
    expect(response).toEqual({
      text: 'Here: {"verdicts": []}',
      usage: { inputTokens: 50, outputTokens: 7 },
      finishReason: "end_turn",
    });
    expect(fake.requests[0]!.body).not.toHaveProperty("toolConfig");
  });
});

describe.each(["openai", "groq", "bedrockTool"] as const)("%s adapter failures", (which) => {
  it.each([500, 429])("reports HTTP %i once, without retrying", async (status) => {
    fake.setScript(() => ({ kind: "error", status, message: "scripted failure" }));
    const error = await backend(which)
      .complete(request())
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(OperatorLlmError);
    expect((error as OperatorLlmError).details.status).toBe(status);
    expect((error as OperatorLlmError).message).toContain("scripted failure");
    expect(fake.requests).toHaveLength(1);
  });

  it("gives up on a hanging server when the caller's deadline passes", async () => {
    fake.setScript(() => ({ kind: "hang" }));
    // A client that ignored the deadline would hang here until the test's own timeout fails it.
    const error = await backend(which)
      .complete(request(AbortSignal.timeout(300)))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(OperatorLlmError);
    expect((error as OperatorLlmError).details.timedOut).toBe(true);
    await expect.poll(() => fake.requests[0]?.aborted, { timeout: 2_000 }).toBe(true);
  });
});
