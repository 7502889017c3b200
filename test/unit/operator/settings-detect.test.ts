import { describe, expect, it } from "vitest";
import { evaluateApproval, evaluatePolicy } from "../../../src/policy/evaluate.js";
import { defaultPolicy } from "../../../src/policy/policy.js";
import { principalFor, SYSTEM_PRINCIPAL } from "../../../src/policy/principal.js";
import {
  detectSettingsFix,
  everyMessageNamesAFix,
  regionPrefix,
  type DetectInput,
} from "../../../src/operator/settings-detect.js";

/**
 * What a failure's wording makes of a model's settings. The messages are the providers' own,
 * as their APIs and public bug reports quote them.
 */
const detect = (provider: string, model_id: string, message: string, more: Partial<DetectInput> = {}) =>
  detectSettingsFix({
    provider,
    model_id,
    metadata: {},
    messages: [message],
    bedrockRegion: "us-east-1",
    ...more,
  });

const ON_DEMAND =
  "ValidationException: Invocation of model ID anthropic.claude-3-5-sonnet-20241022-v2:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.";

describe("settings a failure names", () => {
  it("Responses-only at OpenAI: the Responses API, and the reasoning profile for a reasoning family", () => {
    const msg = "This model is only supported in v1/responses and not in v1/chat/completions.";
    expect(detect("openai", "o1-pro", msg)?.settings).toEqual({ api: "responses", reasoning: true });
    expect(detect("openai", "codex-thing", msg)?.settings).toEqual({ api: "responses" });
    // Only OpenAI's adapter serves the Responses API; elsewhere the wording names nothing we can set.
    expect(detect("groq", "o1-pro", msg)).toBeNull();
    // Already in place: nothing to propose.
    expect(detect("openai", "o1-pro", msg, { metadata: { api: "responses" } })).toBeNull();
  });

  it("temperature not supported, in the wordings OpenAI, Anthropic and Bedrock use", () => {
    for (const msg of [
      "Unsupported parameter: 'temperature' is not supported with this model.",
      "Unsupported value: 'temperature' does not support 0.1 with this model. Only the default (1) value is supported.",
      "`temperature` is deprecated for this model.",
    ]) {
      expect(detect("openai", "gpt-x", msg)?.settings).toEqual({ omit_temperature: true });
    }
    expect(
      detect("openai", "gpt-x", "Unsupported parameter: 'temperature' is not supported with this model.", {
        metadata: { omit_temperature: true },
      }),
    ).toBeNull();
  });

  it("max_tokens refused with max_completion_tokens named", () => {
    const msg =
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
    expect(detect("groq", "m", msg)?.settings).toEqual({ max_tokens_param: "max_completion_tokens" });
  });

  it("a Bedrock model refused on demand: the catalog's profile in the region's geography, else the prefix", () => {
    const id = "anthropic.claude-3-5-sonnet-20241022-v2:0";
    const arn = `arn:aws:bedrock:us-east-1::foundation-model/${id}`;
    const profiles = [
      { model_id: `eu.${id}`, raw: { models: [{ modelArn: arn }] } },
      { model_id: `global.${id}`, raw: { models: [{ modelArn: arn }] } },
      { model_id: `us.${id}`, raw: { models: [{ modelArn: arn }] } },
    ];
    expect(detect("bedrock", id, ON_DEMAND, { bedrockProfiles: profiles })).toMatchObject({
      settings: { inference_profile_id: `us.${id}` },
      profileSource: "catalog",
    });
    expect(
      detect("bedrock", id, ON_DEMAND, {
        bedrockProfiles: profiles.slice(0, 2),
        bedrockRegion: "ap-south-1",
      }),
    ).toMatchObject({ settings: { inference_profile_id: `global.${id}` } });
    expect(detect("bedrock", id, ON_DEMAND, { bedrockRegion: "eu-west-1" })).toMatchObject({
      settings: { inference_profile_id: `eu.${id}` },
      profileSource: "region_prefix",
    });
    expect(regionPrefix("ap-northeast-1")).toBe("apac");
    // An id that is a profile already, or a profile in place: nothing more to set.
    expect(detect("bedrock", `us.${id}`, ON_DEMAND)).toBeNull();
    expect(detect("bedrock", id, ON_DEMAND, { metadata: { inference_profile_id: `us.${id}` } })).toBeNull();
  });

  it("errors that name no fix propose nothing", () => {
    for (const msg of [
      "The model `gpt-x` does not exist or you do not have access to it.",
      "Rate limit reached for gpt-x on tokens per min (TPM): Limit 30000. Please try again in 7s.",
      "This model's maximum context length is 8192 tokens.",
      "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.",
    ]) {
      expect(detect("openai", "gpt-x", msg)).toBeNull();
      expect(everyMessageNamesAFix([msg])).toBe(false);
    }
    expect(everyMessageNamesAFix([ON_DEMAND, "The model `x` does not exist"])).toBe(false);
    expect(everyMessageNamesAFix([ON_DEMAND])).toBe(true);
    expect(everyMessageNamesAFix([])).toBe(false);
  });
});

describe("the reversible set_settings class", () => {
  const policy = defaultPolicy();
  const target = [{ provider: "openai", model_id: "o1-pro" }];

  it("the default policy executes it; a policy that says no, the kill switch and a protected model stop it", () => {
    expect(evaluatePolicy(policy, SYSTEM_PRINCIPAL, "set_settings", target).outcome).toBe("allowed");
    const off = { ...policy, auto_execute: { ...policy.auto_execute, set_settings: { enabled: false } } };
    expect(evaluatePolicy(off, SYSTEM_PRINCIPAL, "set_settings", target)).toMatchObject({
      outcome: "needs_approval",
      approverRoles: policy.approvers.evidence_gated,
    });
    expect(
      evaluatePolicy({ ...policy, kill_switch: true }, SYSTEM_PRINCIPAL, "set_settings", target).outcome,
    ).toBe("denied");
    const guarded = { ...policy, protected: { providers: [], models: ["openai:o1-pro"] } };
    expect(evaluatePolicy(guarded, SYSTEM_PRINCIPAL, "set_settings", target).outcome).toBe("needs_approval");
    expect(evaluatePolicy(policy, principalFor("v", "viewer"), "set_settings", target).outcome).toBe(
      "denied",
    );
    expect(
      evaluateApproval(policy, principalFor("op", "operator"), "set_settings", {
        name: "x",
        kind: "classifier",
      }).outcome,
    ).toBe("allowed");
  });
});
