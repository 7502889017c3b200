import type { FailureType } from "../scenarios.js";

/** Bytes for one write: SSE text or an event-stream frame. */
export type Frame = string | Uint8Array;

export interface Usage {
  input: number;
  output: number;
  reasoning: number;
}

export interface HttpErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Encodes one response in a wire format. Stateful: one per request (content blocks, sequence numbers). */
export interface WireEncoder {
  start(): Frame[];
  keepalive(): Frame[];
  empty(): Frame[];
  text(kind: "answer" | "reasoning", text: string): Frame[];
  end(finish: "stop" | "length", usage: Usage | null, style: "end" | "x_groq"): Frame[];
  streamError(failure: FailureType): Frame[];
  badJson(): Frame[];
}

export interface Wire {
  contentType: string;
  encoder(model: string): WireEncoder;
  httpError(failure: FailureType, ctx: { model: string; apiKey: string | null }): HttpErrorResponse;
}

export function sse(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`;
}
