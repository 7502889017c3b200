import type {
  ConverseCommandInput,
  ConverseCommandOutput,
  ToolInputSchema,
} from "@aws-sdk/client-bedrock-runtime";
import type { OperatorLlmRequest, OperatorLlmResponse } from "./backend.js";

/** The tool the model is made to call; its input is the structured answer. */
export const VERDICT_TOOL_NAME = "submit_verdicts";

type DocumentType = ToolInputSchema.JsonMember["json"];

/**
 * Converse has no general "answer in this JSON schema" switch that every model honours (the newer
 * `outputConfig.textFormat` is limited to a few models), but a forced tool call is the documented
 * way to get schema-shaped input from the families below. Other models get no tool (they would
 * reject `toolChoice: tool` with a ValidationException) and rely on the prompt, which asks for the
 * same JSON; the answer is parsed from text then.
 */
export function supportsForcedToolChoice(modelId: string): boolean {
  return /(^|[./])(anthropic\.|amazon\.nova|mistral\.mistral-large)/.test(modelId);
}

/** The Converse request for one operator call. Pure, so it is tested without a network. */
export function toConverseInput(modelId: string, request: OperatorLlmRequest): ConverseCommandInput {
  const input: ConverseCommandInput = {
    modelId,
    system: [{ text: request.system }],
    messages: [{ role: "user", content: [{ text: request.user }] }],
    // Temperature 0: the same evidence should get the same verdict, run after run.
    inferenceConfig: { maxTokens: request.maxOutputTokens, temperature: 0 },
  };
  if (supportsForcedToolChoice(modelId)) {
    input.toolConfig = {
      tools: [
        {
          toolSpec: {
            name: VERDICT_TOOL_NAME,
            description: "Submit one verdict per situation id.",
            inputSchema: { json: toDocument(request.jsonSchema) },
          },
        },
      ],
      toolChoice: { tool: { name: VERDICT_TOOL_NAME } },
    };
  }
  return input;
}

/**
 * The answer text: the verdict tool's input serialised as JSON when the model called it, else its
 * text blocks joined. Never throws; an empty answer is the caller's validation's business.
 */
export function fromConverseOutput(output: ConverseCommandOutput): OperatorLlmResponse {
  const blocks = output.output?.message?.content ?? [];
  const toolUse = blocks.find((block) => block.toolUse?.name === VERDICT_TOOL_NAME)?.toolUse;
  const text =
    toolUse !== undefined
      ? JSON.stringify(toolUse.input ?? null)
      : blocks.map((block) => block.text ?? "").join("");
  return {
    text,
    usage: { inputTokens: output.usage?.inputTokens ?? 0, outputTokens: output.usage?.outputTokens ?? 0 },
    finishReason: output.stopReason ?? "unknown",
  };
}

/** Copies a JSON-compatible value into the SDK's document type without a type cast. */
export function toDocument(value: unknown): DocumentType {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((item) => toDocument(item));
  if (typeof value === "object") {
    const out: Record<string, DocumentType> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined && typeof item !== "function") out[key] = toDocument(item);
    }
    return out;
  }
  return null;
}
