import { describe, expect, it } from "vitest";
import { describeError } from "../../../src/taxonomy/classify.js";
import { displayMessage, errorFingerprint, normalizeMessage } from "../../../src/taxonomy/normalize.js";

describe("normalizeMessage", () => {
  it("lowercases, collapses whitespace and trims", () => {
    expect(normalizeMessage("  Service\n\tUnavailable   NOW ")).toBe("service unavailable now");
  });

  it("truncates to 500 characters", () => {
    expect(normalizeMessage("x".repeat(5000))).toHaveLength(500);
  });

  it("masks request ids in their usual spellings", () => {
    expect(normalizeMessage("failed (Request ID: 8f3a2b1c-0d9e-4f7a-b6c5-d4e3f2a1b0c9)")).toBe(
      "failed (request_id=<id>)",
    );
    expect(normalizeMessage("{'request_id': 'req_011CSHoEeqs5C35K2UUqR7Fy'}")).toBe("{'request_id=<id>}");
    expect(normalizeMessage("x-request-id=abc123def456")).toBe("x-request_id=<id>");
    expect(normalizeMessage("error req_011CSHoEeqs5C35K2UUqR7Fy happened")).toBe("error <id> happened");
    expect(normalizeMessage("id chatcmpl-9aBcD3eFgH1 and gen-1740960000-AbCdEf")).toBe("id <id> and <id>");
  });

  it("masks UUIDs, long hex, timestamps, dates and API-key fragments", () => {
    expect(normalizeMessage("org d3b1c5e2-8f4a-4b6c-9d0e-1f2a3b4c5d6e")).toBe("org <uuid>");
    expect(normalizeMessage("trace 3f9c0e1a2b3c4d5e6f708192a3b4c5d6 end")).toBe("trace <hex> end");
    expect(normalizeMessage("at 2025-01-31T12:34:56.789Z and 2025-02-01 and 12:00:01")).toBe(
      "at <ts> and <ts> and <ts>",
    );
    expect(normalizeMessage("Incorrect API key provided: sk-proj-****Ab1c.")).toBe(
      "incorrect api key provided: <key>",
    );
  });

  it("masks counters and durations but keeps status codes readable", () => {
    expect(
      normalizeMessage(
        "Error code: 429 - Limit 30000, Used 28843, Requested 2190. Please try again in 2.066s or 20 seconds.",
      ),
    ).toBe("error code: 429 - limit <n>, used <n>, requested <n>. please try again in <n>s or <n>s.");
    expect(normalizeMessage("HTTP 503; 404 page not found; status 401; 0.6 queries; 37 retries")).toBe(
      "http 503; 404 page not found; status 401; <n> queries; <n> retries",
    );
  });

  it("does not mangle versions inside names and paths", () => {
    expect(normalizeMessage("only supported in v1/responses for gpt-4 and gemini-1.5-pro")).toBe(
      "only supported in v1/responses for gpt-4 and gemini-1.5-pro",
    );
  });

  it("makes two occurrences of one failure identical", () => {
    const a =
      "Rate limit reached ... Used 11234, Requested 1579. Please try again in 4.065s. req_01abc234def567";
    const b =
      "Rate limit reached ... Used 9001, Requested 2000. Please try again in 12ms. req_01zzz999yyy888";
    expect(normalizeMessage(a)).toBe(normalizeMessage(b));
  });

  it("masks the IPv4 address of a rotating host, not a four-part version in a name", () => {
    const a = "dial tcp 104.18.7.192:443: connect: connection refused";
    const b = "dial tcp 172.66.0.243:443: connect: connection refused";
    expect(normalizeMessage(a)).toBe("dial tcp <ip>:<n>: connect: connection refused");
    expect(normalizeMessage(b)).toBe(normalizeMessage(a));
    expect(normalizeMessage("connect ECONNREFUSED 127.0.0.1:11434")).toBe("connect econnrefused <ip>:<n>");
    expect(normalizeMessage("runtime lib-1.2.3.4 failed")).toBe("runtime lib-1.2.3.4 failed");
  });

  describe("masks the model id", () => {
    const model = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
    it.each([
      [
        "backticks",
        "The model `meta-llama/Llama-3.3-70B-Instruct-Turbo` does not exist",
        "the model `<model>` does not exist",
      ],
      [
        "single quotes",
        "model 'meta-llama/llama-3.3-70b-instruct-turbo' not found",
        "model '<model>' not found",
      ],
      ["double quotes", 'unknown model "meta-llama/Llama-3.3-70B-Instruct-Turbo"', 'unknown model "<model>"'],
      [
        "a URL path",
        "POST https://x/v1/models/meta-llama/Llama-3.3-70B-Instruct-Turbo/chat failed",
        "post https://x/v1/models/<model>/chat failed",
      ],
      ["its last path segment", "no endpoint for Llama-3.3-70B-Instruct-Turbo.", "no endpoint for <model>."],
    ])("inside %s", (_label, message, expected) => {
      expect(normalizeMessage(message, { model })).toBe(expected);
    });

    it("inside AWS ARNs and with or without a cross-region prefix", () => {
      const m = "us.anthropic.claude-3-5-sonnet-20241022-v2:0";
      expect(
        normalizeMessage(
          "on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0",
          {
            model: m,
          },
        ),
      ).toBe("on resource: arn:aws:bedrock:us-east-1::foundation-model/<model>");
      expect(normalizeMessage(`Invocation of model ID ${m} with on-demand throughput`, { model: m })).toBe(
        "invocation of model id <model> with on-demand throughput",
      );
    });

    it("inside Vertex resource paths", () => {
      expect(
        normalizeMessage(
          "Publisher Model `projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash-001` was not found",
          {
            model: "gemini-2.0-flash-001",
          },
        ),
      ).toBe("publisher model `<model>` was not found");
    });

    it("without being told the model, for the quoted id after 'model' and Anthropic's 'model: x'", () => {
      expect(normalizeMessage("The model `gpt-4.5-preview` does not exist")).toBe(
        "the model `<model>` does not exist",
      );
      expect(normalizeMessage("{'message': 'model: claude-3-opus-latest'}")).toBe(
        "{'message': 'model: <model>'}",
      );
    });

    it("but not a longer model id that merely starts with it", () => {
      expect(normalizeMessage("use gpt-4o-mini instead of gpt-4o.", { model: "gpt-4o" })).toBe(
        "use gpt-4o-mini instead of <model>.",
      );
    });
  });
});

describe("displayMessage", () => {
  const said =
    "Error code: 404 -\n\t{'error': {'message': 'The model `gpt-4-32k` does not exist', 'request': 4711, 'key': 'sk-proj-Ab3dEf6hIj9kLm2nOp5q'}}";

  it("keeps what the provider said (case, model id, numbers), with whitespace collapsed and the key redacted", () => {
    expect(displayMessage(said)).toBe(
      "Error code: 404 - {'error': {'message': 'The model `gpt-4-32k` does not exist', 'request': 4711, 'key': '[redacted]'}}",
    );
    // What groups it is another text: the same message normalized.
    expect(normalizeMessage(said, { model: "gpt-4-32k" })).toContain("the model `<model>` does not exist");
  });

  it("is cut to the normalized message's 500 characters after redacting, so a key across the cut leaves nothing", () => {
    // The key starts two characters before the cut: cut first, "sk" would be left to show.
    const long = `${"x ".repeat(249)}sk-proj-Ab3dEf6hIj9kLm2nOp5q ${"y".repeat(600)}`;
    const shown = displayMessage(long);
    expect(shown).toHaveLength(500);
    expect(shown.endsWith(" [r")).toBe(true);
    expect(shown).not.toContain("sk");
  });
});

describe("errorFingerprint", () => {
  const iamDenied = (model: string): string =>
    `An error occurred (AccessDeniedException) when calling the InvokeModel operation: User: arn:aws:iam::123456789012:user/bench is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/${model} because no identity-based policy allows the bedrock:InvokeModel action (Request ID: ${crypto.randomUUID()})`;

  it("gives ONE fingerprint for one provider-wide auth failure across 50 models", () => {
    const models = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? `vendor${i}.model-${i}b-instruct-v${i}:0` : `us.vendor${i}.chat-${1000 + i}-preview`,
    );
    const described = models.map((model) =>
      describeError({ provider: "bedrock", httpStatus: 403, model, message: iamDenied(model) }),
    );
    expect(new Set(described.map((d) => d.kind))).toEqual(new Set(["auth"]));
    expect(new Set(described.map((d) => d.fingerprint)).size).toBe(1);
    expect(new Set(described.map((d) => d.normalized_message)).size).toBe(1);
  });

  it("gives one fingerprint for an OpenAI-style auth failure quoting 50 model ids", () => {
    const fps = new Set(
      Array.from({ length: 50 }, (_, i) => {
        const model = `ft:gpt-4o-mini:acme::run${i}x`;
        return describeError({
          provider: "openai",
          httpStatus: 401,
          model,
          message: `Error code: 401 - invalid api key for model '${model}' (request id req_${i}abcdef123456)`,
        }).fingerprint;
      }),
    );
    expect(fps.size).toBe(1);
  });

  it("differs between providers, kinds and messages", () => {
    const base = { provider: "groq", kind: "auth" as const, message: "Invalid API Key" };
    const fp = errorFingerprint(base);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(errorFingerprint({ ...base, provider: "together" })).not.toBe(fp);
    expect(errorFingerprint({ ...base, kind: "unknown" })).not.toBe(fp);
    expect(errorFingerprint({ ...base, message: "Invalid API Key!" })).not.toBe(fp);
  });

  it("is stable and ignores provider case and surrounding whitespace", () => {
    const a = errorFingerprint({ provider: "OpenRouter ", kind: "billing", message: "Insufficient credits" });
    const b = errorFingerprint({
      provider: "openrouter",
      kind: "billing",
      message: "insufficient   credits",
    });
    expect(a).toBe(b);
  });
});
