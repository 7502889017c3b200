import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  RING_BYTES,
  RING_MAX_BODY,
  RING_WRITER_SOURCE,
  createRing,
  ringReader,
  type RingRecord,
} from "../../../src/providers/stream/arrival-ring.js";

/**
 * The worker's ring writer, run as the worker runs it (its source text), against this thread's
 * reader over one SharedArrayBuffer: every record comes out once, in order, with its bytes and
 * time, across the wrap, a full ring and chunks larger than a record.
 */
interface Writer {
  emit(msg: { type: string; id: number }): void;
  emitData(id: number, at: number, chunk: Uint8Array): void;
  drainBacklog(): void;
  backlog: unknown[];
  posted: unknown[];
}

function writer(ring: SharedArrayBuffer | null): Writer {
  const posted: unknown[] = [];
  const context = {
    require: (name: string) => {
      if (name !== "node:worker_threads") throw new Error(`unexpected require ${name}`);
      return { workerData: { ring } };
    },
    post: (msg: unknown) => posted.push(msg),
    // The backlog retries on a timer; the test drains it by hand.
    setTimeout: () => 1,
    Int32Array,
    Uint8Array,
    DataView,
    TextEncoder,
    Atomics,
    JSON,
    posted,
  };
  runInNewContext(`${RING_WRITER_SOURCE}; this.api = { emit, emitData, drainBacklog, backlog };`, context);
  return { ...(context as unknown as { api: Omit<Writer, "posted"> }).api, posted };
}

const bytes = (n: number, seed: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 251);

function dataOf(records: RingRecord[]) {
  return records.filter((r) => r.kind === "data");
}

describe("the arrival ring", () => {
  it("hands over every chunk in order with its time and bytes, across the end of the ring", () => {
    const ring = createRing()!;
    const w = writer(ring);
    const read = ringReader(ring);
    const sent: { id: number; at: number; bytes: Uint8Array }[] = [];
    const got: RingRecord[] = [];
    // 3 KiB chunks, read every 100: the writer wraps many times over the 4 MiB.
    for (let i = 0; i < 4000; i++) {
      const chunk = bytes(3000 + (i % 13), i);
      sent.push({ id: i % 64, at: 1000 + i * 0.125, bytes: chunk });
      w.emitData(i % 64, 1000 + i * 0.125, chunk);
      if (i % 100 === 99) got.push(...read());
    }
    got.push(...read());
    expect(w.backlog).toHaveLength(0);
    const data = dataOf(got);
    expect(data.map((r) => (r.kind === "data" ? [r.id, r.at] : null))).toEqual(sent.map((s) => [s.id, s.at]));
    const same = data.filter((r, i) => r.kind === "data" && Buffer.from(r.bytes).equals(sent[i]!.bytes));
    expect(same).toHaveLength(sent.length);
    expect(w.posted).toEqual([]);
  });

  it("wraps only into room the reader has left, never over what it has not read", () => {
    const ring = createRing()!;
    const w = writer(ring);
    const read = ringReader(ring);
    // The reader stops 40,024 bytes in; 41 records of 100,024 bytes fill the ring up to 53,296
    // bytes before its end. The next (60,024 bytes) does not fit there, and at the start only
    // 40,016 bytes are read: it must wait, though the ring has 93,312 bytes free in all.
    w.emitData(1, 0, Buffer.alloc(40_000, 1));
    expect(dataOf(read())).toHaveLength(1);
    for (let i = 1; i <= 41; i++) w.emitData(1, i, Buffer.alloc(100_000, i));
    w.emitData(1, 42, Buffer.alloc(60_000, 42));
    expect(RING_BYTES - 40_024 - 41 * 100_024).toBe(53_296);
    expect(w.backlog).toHaveLength(1);
    const first = dataOf(read());
    w.drainBacklog();
    const all = [...first, ...dataOf(read())];
    expect(all.map((r) => (r.kind === "data" ? r.at : null))).toEqual(
      Array.from({ length: 42 }, (_, i) => i + 1),
    );
    const size = (at: number): number => (at === 42 ? 60_000 : 100_000);
    const intact = all.filter(
      (r) => r.kind === "data" && Buffer.from(r.bytes).equals(Buffer.alloc(size(r.at), r.at)),
    );
    expect(intact).toHaveLength(42);
  });

  it("keeps a request's events in order with its bytes", () => {
    const ring = createRing()!;
    const w = writer(ring);
    w.emit({ type: "sent", id: 7 });
    w.emitData(7, 12.5, bytes(10, 1));
    w.emit({ type: "end", id: 7 });
    expect(ringReader(ring)()).toEqual([
      { kind: "message", message: { type: "sent", id: 7 } },
      { kind: "data", id: 7, at: 12.5, bytes: bytes(10, 1) },
      { kind: "message", message: { type: "end", id: 7 } },
    ]);
  });

  it("full, keeps the rest in order in a backlog and loses nothing", () => {
    const ring = createRing()!;
    const w = writer(ring);
    const read = ringReader(ring);
    const chunk = (i: number): Uint8Array => bytes(100_000, i);
    const count = Math.ceil((2 * RING_BYTES) / 100_000);
    for (let i = 0; i < count; i++) w.emitData(1, i, chunk(i));
    expect(w.backlog.length).toBeGreaterThan(0);
    const got: RingRecord[] = [];
    for (let turns = 0; turns < 10 && (got.length < count || w.backlog.length > 0); turns++) {
      got.push(...read());
      w.drainBacklog();
    }
    expect(dataOf(got).map((r) => r.at)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(dataOf(got).every((r, i) => Buffer.from(r.bytes).equals(chunk(i)))).toBe(true);
  });

  it("splits a chunk larger than a record into records with the same time", () => {
    const ring = createRing()!;
    const w = writer(ring);
    const big = bytes(RING_MAX_BODY * 2 + 5, 3);
    w.emitData(2, 42, big);
    const got = dataOf(ringReader(ring)());
    expect(got.map((r) => (r.kind === "data" ? [r.at, r.bytes.length] : null))).toEqual([
      [42, RING_MAX_BODY],
      [42, RING_MAX_BODY],
      [42, 5],
    ]);
    expect(Buffer.concat(got.map((r) => (r.kind === "data" ? r.bytes : new Uint8Array()))).equals(big)).toBe(
      true,
    );
  });

  it("without a SharedArrayBuffer, posts the events as messages", () => {
    const w = writer(null);
    w.emit({ type: "sent", id: 3 });
    w.emitData(3, 5, bytes(4, 0));
    expect(w.posted).toEqual([
      { type: "sent", id: 3 },
      { type: "data", id: 3, at: 5, bytes: bytes(4, 0) },
    ]);
  });
});
