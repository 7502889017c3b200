import { describe, expect, it } from "vitest";
import { kindFromStored } from "../../../src/taxonomy/legacy.js";

const doc = (error_kind: unknown, message: unknown, extra: Record<string, unknown> = {}) => ({
  provider: "together",
  error_kind,
  message,
  ...extra,
});

describe("kindFromStored", () => {
  it("keeps a kind that is already ours", () => {
    expect(kindFromStored(doc("rate_limit", "whatever"))).toEqual({ kind: "rate_limit", class: "transient" });
    expect(kindFromStored(doc("model_not_found", "whatever"))).toEqual({
      kind: "model_not_found",
      class: "hard",
    });
    expect(kindFromStored(doc("auth", "Error code: 429"))).toEqual({ kind: "auth", class: "provider_wide" });
  });

  it("re-classifies unknown and missing kinds from message, status and exception type", () => {
    expect(kindFromStored(doc("unknown", "The model `x` has been decommissioned")).kind).toBe(
      "model_retired",
    );
    expect(kindFromStored(doc(undefined, "", { http_status: 429 })).kind).toBe("rate_limit");
    expect(kindFromStored(doc(null, "", { http_status: "503" })).kind).toBe("server_error");
    expect(kindFromStored(doc(undefined, "Request timed out.", { exc_type: "APITimeoutError" })).kind).toBe(
      "timeout",
    );
    expect(kindFromStored(doc("something_else", "socket hang up")).kind).toBe("network");
  });

  it("maps budget_exhausted to output_invalid", () => {
    expect(kindFromStored(doc("budget_exhausted", "token budget was exhausted"))).toEqual({
      kind: "output_invalid",
      class: "ours",
    });
  });

  it("maps hard_capability to bad_request, or a more specific ours kind, never hard", () => {
    expect(kindFromStored(doc("hard_capability", "Unsupported parameter: 'max_tokens'")).kind).toBe(
      "bad_request",
    );
    expect(
      kindFromStored(doc("hard_capability", "only supported in v1/responses", { http_status: 404 })).kind,
    ).toBe("bad_request");
    expect(kindFromStored(doc("hard_capability", "maximum context length is 8192 tokens")).kind).toBe(
      "context_length",
    );
    expect(kindFromStored(doc("hard_capability", "The model `x` does not exist")).kind).toBe("bad_request");
  });

  it("counts hard_model and legacy hard as hard only with positive evidence in the text", () => {
    expect(kindFromStored(doc("hard_model", "Error code: 404", { http_status: 404 })).kind).toBe("unknown");
    expect(kindFromStored(doc("hard", "Not Found")).kind).toBe("unknown");
    expect(kindFromStored(doc("HARD_MODEL", "Error code: 429 - rate limit", { http_status: 429 })).kind).toBe(
      "rate_limit",
    );
    expect(
      kindFromStored(
        doc(
          "hard_model",
          "Unable to access non-serverless model x. create and start a new dedicated endpoint",
        ),
      ).kind,
    ).toBe("model_unavailable");
    expect(kindFromStored(doc("hard", "This model version has reached the end of its life.")).kind).toBe(
      "model_retired",
    );
    expect(
      kindFromStored(
        doc("hard_model", "The model `gpt-4x` does not exist", { model_name: "gpt-4x", http_status: 404 }),
      ),
    ).toEqual({ kind: "model_not_found", class: "hard" });
  });

  it("maps transient_provider to a transient kind, never hard or unknown", () => {
    expect(kindFromStored(doc("transient_provider", "Overloaded")).kind).toBe("overloaded");
    expect(kindFromStored(doc("transient_provider", "")).kind).toBe("server_error");
    expect(kindFromStored(doc("transient_provider", "model not found")).kind).toBe("server_error");
  });

  it("tolerates wrong types in stored documents", () => {
    expect(
      kindFromStored({
        provider: "p",
        error_kind: 7,
        message: { a: 1 },
        http_status: "abc",
        exc_type: 5,
        model_name: [],
      }),
    ).toEqual({
      kind: "unknown",
      class: "unknown",
    });
  });
});
