/**
 * The fake's HTTP/2 socket, tapped, so the send log can say when each write's bytes left. Node's
 * HTTP/2 does not send on `write`: it queues the frame in nghttp2 and sends all that is queued in
 * the loop's check phase, after the rest of the turn's timers and I/O, which on a busy fake is
 * milliseconds (under load, hundreds) after the write call. Served over this Duplex instead of the
 * bare socket, nghttp2's output passes through `_write`, which reads the frame headers, counts each
 * stream's DATA bytes, and stamps a write when its last byte is handed to the socket (just before
 * the socket's write call, which hands the bytes to the kernel then and there, as over HTTP/1.1).
 */
import type http2 from "node:http2";
import type { Socket } from "node:net";
import { Duplex } from "node:stream";

const hrMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const DATA = 0x0;
const PADDED = 0x8;

interface Waiting {
  end: number;
  stamp: (at: number) => void;
}

export class SendTap extends Duplex {
  /** Per stream: DATA bytes queued by the fake, bytes handed to the socket, writes not yet sent. */
  private readonly streams = new Map<number, { queued: number; sent: number; waiting: Waiting[] }>();
  private header = Buffer.alloc(0);
  private remaining = 0;
  private dataStream = 0;

  constructor(private readonly socket: Socket) {
    super();
    socket.on("data", (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (error) => this.destroy(error));
    socket.on("close", () => this.destroy());
  }

  /** The fake queued `length` DATA bytes on stream `id`; `stamp` gets the time the last one leaves. */
  expect(id: number, length: number, stamp: (at: number) => void): void {
    const s = this.stream(id);
    s.queued += length;
    s.waiting.push({ end: s.queued, stamp });
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const leaving = this.account(chunk);
    const at = hrMs();
    this.socket.write(chunk, (error) => done(error));
    for (const w of leaving) w.stamp(at);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.socket.end(() => done());
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.socket.destroy();
    done(error);
  }

  private stream(id: number) {
    let s = this.streams.get(id);
    if (!s) this.streams.set(id, (s = { queued: 0, sent: 0, waiting: [] }));
    return s;
  }

  /** Walks the frames in this chunk (a frame may span chunks); returns the writes it completes. */
  private account(chunk: Buffer): Waiting[] {
    const leaving: Waiting[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0 && this.header.length < 9) {
        const take = chunk.subarray(offset, offset + 9 - this.header.length);
        this.header = Buffer.concat([this.header, take]);
        offset += take.length;
        if (this.header.length < 9) break;
        const flags = this.header[4]!;
        const isData = this.header[3] === DATA;
        if (isData && flags & PADDED) throw new Error("SendTap: padded DATA frames are not counted");
        this.remaining = this.header.readUIntBE(0, 3);
        this.dataStream = isData ? this.header.readUInt32BE(5) & 0x7fffffff : 0;
        this.header = Buffer.alloc(0);
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      offset += take;
      this.remaining -= take;
      if (this.dataStream === 0 || take === 0) continue;
      const s = this.stream(this.dataStream);
      s.sent += take;
      while (s.waiting.length > 0 && s.waiting[0]!.end <= s.sent) leaving.push(s.waiting.shift()!);
    }
    return leaving;
  }
}

const taps = new WeakMap<http2.Http2Session, SendTap>();

/** Serves `server`'s HTTP/2 sessions over tapped sockets: give it each accepted TCP socket. */
export function serveTapped(server: http2.Http2Server, socket: Socket): void {
  socket.setNoDelay(true);
  const tap = new SendTap(socket);
  server.once("session", (session) => taps.set(session, tap));
  server.emit("connection", tap);
}

/** The tap under a session (undefined when it was not served by `serveTapped`). */
export function tapOf(session: http2.Http2Session | undefined): SendTap | undefined {
  return session ? taps.get(session) : undefined;
}
