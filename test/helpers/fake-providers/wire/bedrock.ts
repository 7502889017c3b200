import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import type { FailureType } from "../scenarios.js";
import type { Frame, Usage, Wire, WireEncoder } from "./types.js";

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** One binary event-stream message (prelude, headers, JSON payload, CRCs), as Bedrock frames them. */
function frame(headers: Record<string, string>, payload: unknown): Uint8Array {
  return codec.encode({
    headers: Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, { type: "string" as const, value: v }]),
    ),
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** An event frame. Real payloads carry a padding field `p`; unknown fields must be tolerated. */
function event(type: string, payload: Record<string, unknown>): Uint8Array {
  return frame(
    { ":message-type": "event", ":event-type": type, ":content-type": "application/json" },
    { ...payload, p: "abcdefghij" },
  );
}

const ERRORS: Record<FailureType, { status: number; type: string; message: string }> = {
  not_found: {
    status: 404,
    type: "ResourceNotFoundException",
    message: "Could not resolve the foundation model from the provided model identifier.",
  },
  auth: {
    status: 403,
    type: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
  },
  billing: {
    status: 403,
    type: "AccessDeniedException",
    message:
      "Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.",
  },
  rate_limit: {
    status: 429,
    type: "ThrottlingException",
    message: "Too many requests, please wait before trying again.",
  },
  server_error: {
    status: 500,
    type: "InternalServerException",
    message: "The system encountered an unexpected error during processing. Try your request again.",
  },
  unavailable: {
    status: 503,
    type: "ServiceUnavailableException",
    message: "The service isn't currently available. Try again later.",
  },
  overloaded: {
    status: 503,
    type: "ServiceUnavailableException",
    message: "Bedrock is unable to process your request.",
  },
};

/** The stream member for an in-stream exception (camelCase, as in ConverseStreamOutput). */
const STREAM_EXCEPTIONS: Record<FailureType, string> = {
  not_found: "validationException",
  auth: "validationException",
  billing: "validationException",
  rate_limit: "throttlingException",
  server_error: "internalServerException",
  unavailable: "serviceUnavailableException",
  overloaded: "serviceUnavailableException",
};

/**
 * Bedrock ConverseStream over `application/vnd.amazon.eventstream`: `messageStart`,
 * `contentBlockDelta` (text or `reasoningContent`), `contentBlockStop`, `messageStop`, then
 * `metadata` with usage and latency; exception frames (`:message-type: exception`) mid-stream;
 * pre-stream errors as JSON with `x-amzn-errortype`.
 */
export const bedrockWire: Wire = {
  contentType: "application/vnd.amazon.eventstream",
  encoder: () => new BedrockEncoder(),
  httpError: (failure) => {
    const e = ERRORS[failure];
    return {
      status: e.status,
      headers: {
        "content-type": "application/json",
        "x-amzn-errortype": `${e.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
        "x-amzn-requestid": "fake-request-id",
      },
      body: JSON.stringify({ message: e.message }),
    };
  },
};

class BedrockEncoder implements WireEncoder {
  private block: { index: number; kind: "answer" | "reasoning" } | null = null;
  private nextIndex = 0;

  start(): Frame[] {
    return [event("messageStart", { role: "assistant" })];
  }
  keepalive(): Frame[] {
    return []; // Bedrock sends no keep-alives
  }
  empty(): Frame[] {
    return [this.delta("answer", { text: "" })];
  }
  text(kind: "answer" | "reasoning", text: string): Frame[] {
    const close = this.block && this.block.kind !== kind ? this.close() : [];
    return [...close, this.delta(kind, kind === "answer" ? { text } : { reasoningContent: { text } })];
  }
  end(finish: "stop" | "length", usage: Usage | null): Frame[] {
    const frames: Frame[] = [
      ...this.close(),
      event("messageStop", { stopReason: finish === "length" ? "max_tokens" : "end_turn" }),
    ];
    if (usage) {
      frames.push(
        event("metadata", {
          usage: {
            inputTokens: usage.input,
            outputTokens: usage.output,
            totalTokens: usage.input + usage.output,
          },
          metrics: { latencyMs: 321 },
        }),
      );
    }
    return frames;
  }
  streamError(failure: FailureType): Frame[] {
    const type = STREAM_EXCEPTIONS[failure];
    return [
      frame(
        { ":message-type": "exception", ":exception-type": type, ":content-type": "application/json" },
        { message: ERRORS[failure].message },
      ),
    ];
  }
  badJson(): Frame[] {
    return [
      codec.encode({
        headers: {
          ":message-type": { type: "string", value: "event" },
          ":event-type": { type: "string", value: "contentBlockDelta" },
          ":content-type": { type: "string", value: "application/json" },
        },
        body: fromUtf8("{not json"),
      }),
    ];
  }

  private delta(kind: "answer" | "reasoning", delta: Record<string, unknown>): Uint8Array {
    if (!this.block) this.block = { index: this.nextIndex++, kind };
    return event("contentBlockDelta", { contentBlockIndex: this.block.index, delta });
  }

  private close(): Frame[] {
    if (!this.block) return [];
    const stop = event("contentBlockStop", { contentBlockIndex: this.block.index });
    this.block = null;
    return [stop];
  }
}
