import { ProviderStreamError } from "./errors.js";
import { isRecord, parseEventData, readErrorBody, statusFromCode, type TimedSseMessage } from "./sse.js";
import type { FinishReason, StreamEvent, StreamRequest } from "./types.js";
import { count } from "./util.js";

/**
 * Gemini's `streamGenerateContent?alt=sse`: each event is a whole `GenerateContentResponse`.
 * Text comes in `candidates[0].content.parts[].text`, with `thought: true` on reasoning parts;
 * `finishReason` arrives on the last candidate chunk; `usageMetadata` is cumulative and carries
 * the thinking tokens apart (`thoughtsTokenCount`), so output is candidates plus thoughts. There
 * is no end sentinel: the stream ends with the connection, so a stream is complete only when a
 * finish reason came. A prompt blocked outright has no candidates, only
 * `promptFeedback.blockReason`. An error after HTTP 200 is an event with an `error` object.
 */
export async function* geminiEvents(messages: AsyncIterable<TimedSseMessage>): AsyncGenerator<StreamEvent> {
  let finished = false;
  for await (const message of messages) {
    const chunk = parseEventData(message);
    if (chunk["error"] !== undefined) throw chunkError(chunk["error"], message.data);
    for (const event of translate(chunk, message.at)) {
      if (event.type === "finish") finished = true;
      yield event;
    }
  }
  if (!finished) {
    throw new ProviderStreamError("premature close: the stream ended before a finishReason", {
      point: "truncated",
      kind: "network",
    });
  }
}

function translate(chunk: Record<string, unknown>, at: number): StreamEvent[] {
  const events: StreamEvent[] = [];
  const candidates = Array.isArray(chunk["candidates"]) ? (chunk["candidates"] as unknown[]) : [];
  const candidate = candidates[0];
  if (isRecord(candidate)) {
    const content = isRecord(candidate["content"]) ? candidate["content"] : {};
    const parts = Array.isArray(content["parts"]) ? (content["parts"] as unknown[]) : [];
    for (const part of parts) {
      if (!isRecord(part) || typeof part["text"] !== "string" || part["text"] === "") continue;
      events.push({ type: part["thought"] === true ? "reasoning" : "text", text: part["text"], at });
    }
  }
  if (isRecord(chunk["usageMetadata"])) events.push(usageEvent(chunk["usageMetadata"]));
  const raw = isRecord(candidate) ? candidate["finishReason"] : undefined;
  if (typeof raw === "string" && raw !== "FINISH_REASON_UNSPECIFIED") {
    events.push({ type: "finish", reason: geminiFinish(raw), raw });
  }
  const feedback = isRecord(chunk["promptFeedback"]) ? chunk["promptFeedback"] : {};
  if (typeof feedback["blockReason"] === "string" && candidates.length === 0) {
    events.push({ type: "finish", reason: "content_filter", raw: feedback["blockReason"] });
  }
  return events;
}

function usageEvent(usage: Record<string, unknown>): StreamEvent {
  const visible = count(usage["candidatesTokenCount"]);
  const thoughts = count(usage["thoughtsTokenCount"]);
  const output =
    visible === undefined && thoughts === undefined ? undefined : (visible ?? 0) + (thoughts ?? 0);
  return {
    type: "usage",
    inputTokens: count(usage["promptTokenCount"]),
    outputTokens: output,
    reasoningTokens: thoughts,
  };
}

/** Google's error object: `{code: 429, message, status: "RESOURCE_EXHAUSTED"}`. */
function chunkError(error: unknown, raw: string): ProviderStreamError {
  const fields = isRecord(error) ? error : {};
  const { message, errorType } = readErrorBody(JSON.stringify({ error }));
  const status = typeof fields["status"] === "string" ? fields["status"] : errorType;
  return new ProviderStreamError(`stream error${status ? ` (${status})` : ""}: ${message || raw}`, {
    point: "error_event",
    errorType: status,
    statusEquivalent: statusFromCode(fields["code"]),
  });
}

export function geminiFinish(reason: string): FinishReason {
  switch (reason) {
    case "STOP":
      return "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
      return "content_filter";
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
      return "tool_use";
    default:
      return "other";
  }
}

/**
 * The `GenerateContentRequest`. A thinking budget goes in `thinkingConfig.thinkingBudget`
 * (Gemini 2.5), an effort in `thinkingConfig.thinkingLevel` (Gemini 3); either way the thoughts
 * are asked for, so visible reasoning starts the first-token clock as on the other providers.
 */
export function geminiBody(request: StreamRequest): Record<string, unknown> {
  const generationConfig: Record<string, unknown> = { maxOutputTokens: request.maxOutputTokens };
  if (request.temperature !== null) generationConfig["temperature"] = request.temperature;
  const reasoning = request.reasoning;
  if (reasoning?.budgetTokens) {
    generationConfig["thinkingConfig"] = { thinkingBudget: reasoning.budgetTokens, includeThoughts: true };
  } else if (reasoning?.effort) {
    generationConfig["thinkingConfig"] = { thinkingLevel: reasoning.effort, includeThoughts: true };
  }
  return {
    contents: [{ role: "user", parts: [{ text: request.prompt }] }],
    generationConfig,
    ...request.metadata.extra_body,
  };
}
