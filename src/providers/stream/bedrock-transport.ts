import { Readable } from "node:stream";
import { arrivalRequest, type ArrivalRequest, type ArrivalResponse, type ArrivedBytes } from "./arrival.js";
import { ProviderStreamError } from "./errors.js";

/**
 * The AWS SDK's request handler for Bedrock, replaced by one that sends through the arrival
 * worker (arrival.ts), so Bedrock chunks are timestamped on arrival like every other provider's.
 * Everything else stays the SDK's: endpoint, SigV4 signing, `maxAttempts: 1`, the event-stream
 * decoding and the modeled exceptions. The handler only moves bytes, over HTTP/2 as the SDK's own
 * HTTP/2 handler does.
 *
 * The SDK decodes events from the body on this thread, later; to know when each event's bytes
 * arrived, the body is handed to the SDK one event-stream frame at a time (frames are
 * length-prefixed), each stamped with the arrival of the chunk that completed it. The SDK's
 * decoder pulls one frame and yields its event before it pulls the next, so when the adapter
 * receives an event, `FrameBody.lastAt` is the arrival time of that event's frame.
 *
 * A frame whose declared length cannot be a frame, or a body that ends inside a frame, fails here
 * with a clear error (a bogus length would otherwise have the SDK allocate it, up to 4 GiB); the
 * SDK still checks every frame's checksums and decodes it.
 */

/** Sends one request and resolves at its headers: the arrival worker, or a test's stand-in. */
export type ArrivalTransport = (request: ArrivalRequest, signal: AbortSignal) => Promise<ArrivalResponse>;

/** A frame's prelude (total length, headers length, prelude CRC) plus its message CRC. */
const FRAME_OVERHEAD = 16;
/** The event-stream format's largest message (aws-c-event-stream: 16 MiB). */
const MAX_FRAME = 16 * 1024 * 1024;

/** The fields of the SDK's HttpRequest that a handler reads. */
interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | (string | null)[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

interface SdkHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: unknown;
}

export class ArrivalHttpHandler {
  readonly metadata = { handlerProtocol: "h2" };

  constructor(private readonly send: ArrivalTransport = arrivalRequest) {}

  async handle(
    request: SdkHttpRequest,
    options: { abortSignal?: unknown } = {},
  ): Promise<{ response: SdkHttpResponse }> {
    const signal = options.abortSignal instanceof AbortSignal ? options.abortSignal : new AbortSignal();
    const response = await this.send(
      {
        url: requestUrl(request),
        method: request.method,
        headers: request.headers,
        body: requestBody(request.body),
        http2: true,
      },
      signal,
    );
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const ok = response.status >= 200 && response.status < 300;
    // An error answer is read whole by the SDK's body collector, which wants a Node stream.
    const body = ok
      ? new FrameBody(response.body, response.sentAt)
      : Readable.from(await collect(response.body));
    return { response: { statusCode: response.status, headers, body } };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

function requestUrl(request: SdkHttpRequest): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v ?? "");
  }
  const query = params.size > 0 ? `?${params.toString()}` : "";
  const port = request.port ? `:${request.port}` : "";
  return `${request.protocol}//${request.hostname}${port}${request.path}${query}`;
}

function requestBody(body: unknown): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  throw new Error("the Bedrock transport sends string or byte bodies only");
}

async function collect(body: AsyncIterable<ArrivedBytes>): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(Buffer.from(c.bytes));
  return parts;
}

/** The response body as event-stream frames, each with its arrival time (worker hrtime ms). */
export class FrameBody implements AsyncIterable<Uint8Array> {
  /** Arrival of the last frame handed to the decoder; NaN before the first. */
  lastAt = Number.NaN;
  /** The transport's error, when the body ended with one (the connection's failure, not the data's). */
  failure: unknown = undefined;

  constructor(
    private readonly chunks: AsyncIterable<ArrivedBytes>,
    /** When the request was dispatched (worker hrtime ms): the run's start, after signing. */
    readonly sentAt = Number.NaN,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    let buffered = Buffer.alloc(0);
    for await (const chunk of this.transport()) {
      buffered = buffered.length === 0 ? Buffer.from(chunk.bytes) : Buffer.concat([buffered, chunk.bytes]);
      while (buffered.length >= 4) {
        const total = buffered.readUInt32BE(0);
        if (total < FRAME_OVERHEAD || total > MAX_FRAME) throw malformedLength(total);
        if (buffered.length < total) break;
        this.lastAt = chunk.at;
        yield buffered.subarray(0, total);
        buffered = buffered.subarray(total);
      }
    }
    if (buffered.length > 0) {
      const declared = buffered.length >= 4 ? ` of ${buffered.readUInt32BE(0)}` : "";
      throw new ProviderStreamError(
        `premature close: the event stream ended inside a frame (${buffered.length}${declared} bytes)`,
        { point: "truncated", kind: "network" },
      );
    }
  }

  private async *transport(): AsyncGenerator<ArrivedBytes> {
    try {
      yield* this.chunks;
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }
}

function malformedLength(total: number): ProviderStreamError {
  return new ProviderStreamError(
    `malformed event stream: a frame declares ${total} bytes (a frame has ${FRAME_OVERHEAD} to ${MAX_FRAME})`,
    { point: "protocol" },
  );
}
