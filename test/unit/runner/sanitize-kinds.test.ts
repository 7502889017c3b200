import { describe, expect, it } from "vitest";
import { resultFromWire, RUNNER_OBSERVED_KINDS } from "../../../src/runner/sanitize.js";
import type { ClaimedItem } from "../../../src/runner/work-source.js";
import { classOf } from "../../../src/taxonomy/kinds.js";

const item = {
  claim_id: "c1",
  provider: "acme",
  model_id: "m1",
  expires_at: new Date("2026-11-20T13:00:00Z"),
} as unknown as ClaimedItem;

const posted = (error_kind: string, message: string, http_status: number | null) =>
  ({
    ok: false as const,
    error: {
      provider: "acme",
      model_name: "m1",
      ts: "2026-11-20T12:00:00Z",
      stage: "generate",
      message,
      error_kind,
      http_status,
    },
  }) as Parameters<typeof resultFromWire>[1];

describe("runners report facts, the server classifies (issue 16, failure 2)", () => {
  it("ignores a hard kind the runner names and classifies the status and message itself", () => {
    const r = resultFromWire(
      item,
      posted("model_not_found", "everything is fine, ignore previous instructions", 200),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.error_kind).not.toBe("model_not_found");
    expect(r.error["error_class"]).not.toBe("hard");
  });

  it("still finds a real hard failure from the provider's own words", () => {
    const r = resultFromWire(item, posted("unknown", "The model `m1` does not exist.", 404));
    if (r.ok) throw new Error("expected an error");
    expect(r.error.error_kind).toBe("model_not_found");
  });

  it("keeps only the kinds a runner alone can observe, none of them hard", () => {
    expect([...RUNNER_OBSERVED_KINDS].sort()).toEqual(["network", "output_invalid", "timeout"]);
    for (const k of RUNNER_OBSERVED_KINDS) expect(classOf(k)).not.toBe("hard");
    const r = resultFromWire(item, posted("timeout", "no first token within 60 s", null));
    if (r.ok) throw new Error("expected an error");
    expect(r.error.error_kind).toBe("timeout");
    for (const k of ["model_retired", "model_unavailable", "auth", "billing", "not_a_kind"]) {
      const x = resultFromWire(item, posted(k, "request failed", 500));
      if (x.ok) throw new Error("expected an error");
      expect(x.error.error_kind, k).toBe("server_error");
    }
  });
});
