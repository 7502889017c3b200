import {
  BedrockRuntimeClient,
  BedrockRuntimeServiceException,
  ConverseStreamCommand,
  type ConverseStreamCommandInput,
  type ConverseStreamOutput,
} from "@aws-sdk/client-bedrock-runtime";
import { clockBridge } from "./clock-bridge.js";
import { ArrivalHttpHandler, FrameBody, type ArrivalTransport } from "./bedrock-transport.js";
import { ProviderStreamError, transportMessage } from "./errors.js";
import type { ModelMetadata } from "./model-metadata.js";
import type {
  FinishReason,
  RequestMode,
  StreamAdapter,
  StreamContext,
  StreamEvent,
  StreamRequest,
} from "./types.js";

type Document = NonNullable<ConverseStreamCommandInput["additionalModelRequestFields"]>;

export interface BedrockAdapterOptions {
  region: string;
  /** `BEDROCK_ENDPOINT_URL`: a local fake in tests, a VPC endpoint in production. */
  endpoint?: string;
  /** Static credentials for tests; unset means the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The transport under the SDK; the arrival worker unless a test hands in timed bytes. */
  transport?: ArrivalTransport;
}

const EXCEPTION_MEMBERS = [
  "internalServerException",
  "modelStreamErrorException",
  "validationException",
  "throttlingException",
  "serviceUnavailableException",
] as const;

/**
 * AWS Bedrock ConverseStream. The SDK decodes the event-stream frames; this adapter maps
 * `contentBlockDelta` text and `reasoningContent`, `messageStop` and the `metadata` usage, and
 * turns both the pre-stream errors (a modeled exception with an HTTP status) and the exception
 * frames inside the stream into `ProviderStreamError`. One attempt only (`maxAttempts: 1`): an SDK
 * retry would hide a throttle and inflate the time to first token. The SDK's HTTP handler is
 * replaced by one over the arrival worker (bedrock-transport.ts), so each event is timed by the
 * arrival of its frame, not by when this thread got round to decoding it.
 */
export class BedrockAdapter implements StreamAdapter {
  readonly provider = "bedrock";
  private readonly client: BedrockRuntimeClient;

  constructor(options: BedrockAdapterOptions) {
    this.client = new BedrockRuntimeClient({
      region: options.region,
      maxAttempts: 1,
      requestHandler: new ArrivalHttpHandler(options.transport),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  requestMode(_metadata: ModelMetadata): RequestMode {
    return "bedrock_converse_stream";
  }

  async *stream(request: StreamRequest, ctx: StreamContext): AsyncGenerator<StreamEvent> {
    const toCtx = clockBridge(ctx.now);
    const command = new ConverseStreamCommand(input(request));
    let frames: FrameBody | null = null;
    command.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const body = (out.response as { body?: unknown } | undefined)?.body;
        if (body instanceof FrameBody) frames = body;
        return out;
      },
      { step: "deserialize", name: "arrivalFrameBody" },
    );
    let events: AsyncIterable<ConverseStreamOutput>;
    try {
      const response = await this.client.send(command, { abortSignal: ctx.signal });
      if (!response.stream)
        throw new ProviderStreamError("response has no event stream", { point: "protocol" });
      events = response.stream;
    } catch (error) {
      // The SDK reads the first event before it answers, so a bad first frame fails here.
      throw toStreamError(error, ctx, "http_status", frames);
    }
    // Signing and the SDK's middleware ran on this thread before the send: the run starts at the
    // worker's dispatch, not at this call.
    const sentAt = (frames as FrameBody | null)?.sentAt ?? Number.NaN;
    if (!Number.isNaN(sentAt)) ctx.sent?.(toCtx(sentAt));
    let stopped = false;
    try {
      for await (const event of events) {
        const arrived = (frames as FrameBody | null)?.lastAt ?? Number.NaN;
        const at = Number.isNaN(arrived) ? ctx.now() : toCtx(arrived);
        for (const out of translate(event, at)) {
          if (out.type === "finish") stopped = true;
          yield out;
        }
      }
    } catch (error) {
      throw toStreamError(error, ctx, "error_event", frames);
    }
    if (!stopped) {
      throw new ProviderStreamError("premature close: the stream ended before messageStop", {
        point: "truncated",
        kind: "network",
      });
    }
  }
}

function input(request: StreamRequest): ConverseStreamCommandInput {
  const budget = request.reasoning?.budgetTokens;
  const fields: Record<string, unknown> = { ...request.metadata.additional_model_request_fields };
  if (budget) fields["thinking"] = { type: "enabled", budget_tokens: budget };
  return {
    modelId: request.metadata.inference_profile_id ?? request.model,
    messages: [{ role: "user", content: [{ text: request.prompt }] }],
    inferenceConfig: {
      maxTokens: request.maxOutputTokens,
      // Claude rejects a temperature other than 1 while thinking, as on Anthropic's own API.
      ...(request.temperature !== null && !budget ? { temperature: request.temperature } : {}),
    },
    ...(Object.keys(fields).length > 0 ? { additionalModelRequestFields: toDocument(fields) } : {}),
  };
}

function* translate(event: ConverseStreamOutput, at: number): Generator<StreamEvent> {
  for (const member of EXCEPTION_MEMBERS) {
    const exception = event[member as keyof ConverseStreamOutput] as { message?: string } | undefined;
    if (exception) {
      throw new ProviderStreamError(`stream error (${member}): ${exception.message ?? ""}`, {
        point: "error_event",
        errorType: member,
      });
    }
  }
  const delta = event.contentBlockDelta?.delta;
  if (delta?.text) yield { type: "text", text: delta.text, at };
  const reasoning = delta?.reasoningContent;
  if (reasoning?.text) yield { type: "reasoning", text: reasoning.text, at };
  else if (reasoning?.redactedContent) yield { type: "reasoning", at };
  if (event.messageStop) {
    const raw = event.messageStop.stopReason ?? "end_turn";
    yield { type: "finish", reason: bedrockFinish(raw), raw };
  }
  const usage = event.metadata?.usage;
  if (usage) yield { type: "usage", outputTokens: usage.outputTokens, inputTokens: usage.inputTokens };
}

function bedrockFinish(reason: string): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
      return "length";
    case "guardrail_intervened":
    case "content_filtered":
      return "content_filter";
    case "tool_use":
      return "tool_use";
    default:
      return "other";
  }
}

function toStreamError(
  error: unknown,
  ctx: StreamContext,
  point: "http_status" | "error_event",
  frames: FrameBody | null,
): unknown {
  if (error instanceof ProviderStreamError || ctx.signal.aborted) return error;
  if (error instanceof BedrockRuntimeServiceException) {
    // A modeled exception: before the stream it came with an HTTP status, inside it as a frame
    // (which has no response metadata at all, whatever the type says).
    const metadata = error.$metadata as Partial<typeof error.$metadata> | undefined;
    const status = point === "http_status" ? (metadata?.httpStatusCode ?? null) : null;
    return new ProviderStreamError(
      `${status ? `HTTP ${status} ` : "stream error "}(${error.name}): ${error.message}`,
      {
        point,
        httpStatus: status,
        errorType: error.name,
        requestId: metadata?.requestId ?? null,
      },
    );
  }
  if (error instanceof SyntaxError) {
    return new ProviderStreamError(`invalid JSON in stream event: ${error.message}`, { point: "protocol" });
  }
  // The SDK's credential chain found nothing (no keys, an instance role's IMDS disabled or down, an
  // expired SSO session) before any request left: this host's setup, not the connection. No kind:
  // its words decide, here and on the server for a runner's post alike.
  if (error instanceof Error && error.name === "CredentialsProviderError") {
    return new ProviderStreamError(`could not load AWS credentials on this host: ${error.message}`, {
      point: "setup",
      cause: error,
    });
  }
  // Once the body flows, an error that is not the transport's is the SDK rejecting the data (a
  // checksum that does not match, a header it cannot read).
  if (frames && error !== frames.failure && error instanceof Error) {
    return new ProviderStreamError(`malformed event stream: ${error.message}`, { point: "protocol" });
  }
  return new ProviderStreamError(`stream interrupted: ${transportMessage(error)}`, {
    point: "connection",
    kind: "network",
    cause: error,
  });
}

/** Model request fields are free-form JSON; a JSON round trip proves they are a document. */
function toDocument(value: Record<string, unknown>): Document {
  return JSON.parse(JSON.stringify(value)) as Document;
}
