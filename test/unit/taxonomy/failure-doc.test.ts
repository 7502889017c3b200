import { describe, expect, it } from "vitest";
import { buildErrorDoc } from "../../../src/signals/record.js";
import { failureDoc, MAX_ERROR_MESSAGE_LENGTH } from "../../../src/taxonomy/failure-doc.js";
import { errorFingerprint } from "../../../src/taxonomy/normalize.js";

const TS = new Date("2026-11-30T12:00:00Z");
const KEY = "gsk_abcdefghijklmnop1234";

describe("failureDoc, the one error-document builder", () => {
  it("redacts before it classifies, so no stored field carries the key", () => {
    const doc = failureDoc({
      provider: "groq",
      model: "llama-x",
      ts: TS,
      stage: "generate",
      message: `Error code: 401 - Invalid API Key ${KEY}`,
      httpStatus: 401,
    });
    expect(JSON.stringify(doc)).not.toContain(KEY);
    expect(doc).toMatchObject({ error_kind: "auth", error_class: "provider_wide", http_status: 401 });
    expect(doc.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("cuts every message to one limit, whoever writes it", () => {
    const long = `Error code: 503 - ${"overloaded ".repeat(400)}`;
    const input = { provider: "openai", ts: TS, stage: "generate" as const, message: long, httpStatus: 503 };
    const fromRun = failureDoc({ ...input, model: "gpt-x" });
    const fromWriter = buildErrorDoc({ ...input, model_name: "gpt-x", http_status: 503 });
    expect(fromRun.message).toHaveLength(MAX_ERROR_MESSAGE_LENGTH);
    expect(fromRun.message.endsWith("…")).toBe(true);
    // The signals writers' input shape goes through the same builder: the same document.
    expect(fromWriter).toEqual(fromRun);
  });

  it("keeps a kind we observed ourselves and fingerprints it like any other", () => {
    const doc = failureDoc({
      provider: "anthropic",
      model: "claude-x",
      ts: TS,
      stage: "generate",
      message: "no first token within 120000 ms",
      knownKind: "timeout",
      extra: { attempt: 2 },
    });
    expect(doc).toMatchObject({ error_kind: "timeout", error_class: "transient", attempt: 2 });
    expect(doc.fingerprint).toBe(
      errorFingerprint({ provider: "anthropic", kind: "timeout", message: doc.message, model: "claude-x" }),
    );
  });

  it("classifies an in-stream error by its documented status and stores the HTTP status as it was", () => {
    const doc = failureDoc({
      provider: "anthropic",
      model: "claude-x",
      ts: TS,
      stage: "generate",
      message: '{"type":"overloaded_error","message":"Overloaded"}',
      httpStatus: 200,
      statusEquivalent: 529,
      exceptionType: "overloaded_error",
    });
    expect(doc).toMatchObject({
      http_status: 200,
      equivalent_http_status: 529,
      exc_type: "overloaded_error",
    });
    expect(doc.error_class).toBe("transient");
  });
});
