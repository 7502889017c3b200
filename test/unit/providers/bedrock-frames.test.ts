import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { describe, expect, it } from "vitest";
import type { ArrivalResponse, ArrivedBytes } from "../../../src/providers/stream/arrival.js";
import { hrMs } from "../../../src/providers/stream/clock-bridge.js";
import { BedrockAdapter } from "../../../src/providers/stream/bedrock.js";
import { ProviderStreamError } from "../../../src/providers/stream/errors.js";
import type { StreamEvent } from "../../../src/providers/stream/types.js";

/**
 * The Bedrock adapter times each event by the arrival of the bytes that completed its frame, as
 * the arrival worker stamped them, through the AWS SDK's own decoding. Here the transport hands
 * the SDK bytes with chosen arrival stamps, seconds apart and all in the past, so an event timed
 * by anything else (the clock when this thread decoded it, a later frame's stamp) cannot pass.
 */
const codec = new EventStreamCodec(toUtf8, fromUtf8);

function event(type: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ":message-type": { type: "string", value: "event" },
      ":event-type": { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

const delta = (text: string) => event("contentBlockDelta", { contentBlockIndex: 0, delta: { text } });
const START = event("messageStart", { role: "assistant" });
const STOP = event("messageStop", { stopReason: "end_turn" });
const USAGE = event("metadata", { usage: { inputTokens: 3, outputTokens: 7, totalTokens: 10 }, metrics: {} });

/** A transport answering 200 with these chunks, every one available at once. */
function transport(chunks: ArrivedBytes[], failWith?: Error) {
  function* body(): Generator<ArrivedBytes> {
    yield* chunks;
    if (failWith) throw failWith;
  }
  return (): Promise<ArrivalResponse> =>
    Promise.resolve({
      status: 200,
      statusText: "OK",
      headers: new Headers({ "content-type": "application/vnd.amazon.eventstream" }),
      sentAt: 0,
      body: { [Symbol.asyncIterator]: () => toAsync(body()) },
      text: () => Promise.resolve(""),
    });
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

/** Runs the adapter over the chunks; the caller's clock runs OFFSET ms ahead of the worker's. */
const OFFSET = 5_000;
async function run(chunks: ArrivedBytes[], failWith?: Error): Promise<StreamEvent[]> {
  const adapter = new BedrockAdapter({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9",
    credentials: { accessKeyId: "AKIAFAKEFAKEFAKEFAKE", secretAccessKey: "fake-secret" },
    transport: transport(chunks, failWith),
  });
  const events: StreamEvent[] = [];
  const request = {
    model: "m",
    prompt: "p",
    maxOutputTokens: 10,
    temperature: null,
    reasoning: null,
    metadata: {},
  };
  const ctx = { signal: new AbortController().signal, now: () => hrMs() + OFFSET };
  for await (const e of adapter.stream(request, ctx)) events.push(e);
  return events;
}

async function failure(chunks: ArrivedBytes[], failWith?: Error): Promise<ProviderStreamError> {
  const error: unknown = await run(chunks, failWith).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderStreamError);
  return error as ProviderStreamError;
}

const join = (...parts: Uint8Array[]) => Buffer.concat(parts);
/** Arrival stamps on the worker's clock, seconds apart, the last still well in the past. */
const stamps = () => {
  const base = hrMs() - 60_000;
  return [0, 1, 2, 3, 4].map((s) => base + s * 1_000);
};

describe("Bedrock events are timed by their frames' arrival", () => {
  it("takes each event's time from the chunk that completed its frame, not from a later one", async () => {
    const [t0, t1, t2, t3] = stamps() as [number, number, number, number];
    const a = delta("one ");
    const b = delta("two ");
    const c = delta("three");
    const events = await run([
      { at: t0, bytes: START },
      // "one " arrives in two pieces: it is complete only with the second.
      { at: t1, bytes: a.subarray(0, 10) },
      { at: t2, bytes: join(a.subarray(10), b.subarray(0, 5)) },
      // The rest of "two ", all of "three" and the end in one chunk: all share its time.
      { at: t3, bytes: join(b.subarray(5), c, STOP, USAGE) },
    ]);
    const texts = events.filter((e) => e.type === "text");
    expect(texts.map((e) => e.text)).toEqual(["one ", "two ", "three"]);
    const expected = [t2, t3, t3].map((t) => t + OFFSET);
    for (const [i, e] of texts.entries()) expect(Math.abs(e.at - expected[i]!)).toBeLessThan(1);
    expect(events).toContainEqual({ type: "usage", outputTokens: 7, inputTokens: 3 });
  });

  it("gives every frame its own time when all have arrived before the decoder reads any", async () => {
    const ts = stamps();
    const frames = [START, delta("a"), delta("b"), delta("c"), join(STOP, USAGE)];
    const events = await run(frames.map((bytes, i) => ({ at: ts[i]!, bytes })));
    const ats = events.filter((e) => e.type === "text").map((e) => e.at - OFFSET);
    for (const [i, at] of ats.entries()) expect(Math.abs(at - ts[i + 1]!)).toBeLessThan(1);
  });
});

describe("Bedrock frames that cannot be read fail clearly", () => {
  it("a frame whose checksum does not match is a protocol error", async () => {
    const [t0, t1] = stamps();
    const bad = Buffer.from(delta("x"));
    bad[bad.length - 6]! ^= 0xff; // a payload byte: the message CRC no longer matches
    const error = await failure([
      { at: t0!, bytes: START },
      { at: t1!, bytes: bad },
    ]);
    expect(error.point).toBe("protocol");
    expect(error.message).toMatch(/^malformed event stream: .*checksum/i);
  });

  it("a first frame that is corrupt fails the same way", async () => {
    const bad = Buffer.from(START);
    bad[9]! ^= 0xff; // the prelude CRC
    const error = await failure([{ at: stamps()[0]!, bytes: bad }]);
    expect(error.point).toBe("protocol");
    expect(error.message).toMatch(/^malformed event stream: /);
  });

  it("a frame declaring an impossible length is refused at once, not buffered", async () => {
    const bogus = Buffer.alloc(12);
    bogus.writeUInt32BE(0xfffffff0, 0);
    const error = await failure([{ at: stamps()[0]!, bytes: join(START, bogus) }]);
    expect(error.point).toBe("protocol");
    expect(error.message).toContain(`declares ${0xfffffff0} bytes`);
  });

  it("a body that ends inside a frame is a premature close, with the bytes it had", async () => {
    const [t0, t1] = stamps();
    const cut = delta("x").subarray(0, 20);
    const error = await failure([
      { at: t0!, bytes: START },
      { at: t1!, bytes: cut },
    ]);
    expect(error.point).toBe("truncated");
    expect(error.kind).toBe("network");
    expect(error.message).toContain(`(20 of ${delta("x").length} bytes)`);
  });

  it("a connection that fails mid-body stays a network error", async () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const error = await failure([{ at: stamps()[0]!, bytes: join(START, delta("a")) }], reset);
    expect(error.point).toBe("connection");
    expect(error.kind).toBe("network");
    expect(error.message).toContain("ECONNRESET");
  });
});
