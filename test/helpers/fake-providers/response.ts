/**
 * The fake's send log (what it wrote, and when) and the response operations it needs over
 * HTTP/1.1 and HTTP/2 alike (server.ts).
 */
import type http from "node:http";
import http2 from "node:http2";

export interface LogWrite {
  /**
   * process.hrtime in ms just before the (last) write call: the earliest the bytes can have
   * left. A client cannot see them before this (causality checks use it), and a lag measured
   * from it can only come out larger than the true one, never smaller (the bench uses it where
   * there is no `sent`).
   */
  at: number;
  /**
   * Just after the write call returned. Over HTTP/1.1 the bytes are with the kernel by then;
   * over HTTP/2 they are not (see `sent`).
   */
  after: number;
  /**
   * HTTP/2 only: when the fake sent the bytes. Node's HTTP/2 does not send on `write`: it queues
   * the frame in nghttp2 and sends all that is queued in the loop's check phase, after the rest
   * of this turn's timers and I/O (other streams' writes, incoming requests), which on a busy
   * fake is milliseconds after `at`. The first `setImmediate` after the write runs just after
   * that send (native immediates, the send among them, run before JavaScript ones): measured, the
   * client read the bytes p50 0.1-0.4 ms before it ran, so an error measured against `sent` is
   * understated by about that much. On a loaded machine the fake can lose its core between the
   * send and this stamp: at load 13, 1 % of chunks were read 16 ms or more before it (at worst
   * 93 ms), so there `at` and `sent` only bracket the send. When the client's window holds data,
   * the bytes leave later still, and `sent` stays the attempt: such a stall counts as the
   * client's error, which it is.
   */
  sent?: number;
  kind: string;
  tokens: number;
}

export interface LogEntry {
  id: number;
  key: string | null;
  model: string;
  wire: string;
  /** process.hrtime in ms when the request's headers arrived. */
  receivedAt: number;
  request: unknown;
  writes: LogWrite[];
  /**
   * HTTP/2 only: the smallest connection-level flow-control window the client had granted, read
   * at each write. Below a frame's size the fake must hold that frame until the client's
   * WINDOW_UPDATE arrives, whatever its send log says.
   */
  minSendWindow?: number;
  outcome: string;
}

export type Req = http.IncomingMessage | http2.Http2ServerRequest;

/** The response operations the fake needs, over HTTP/1.1 and HTTP/2 alike. */
export interface Res {
  writeHead(status: number, headers: Record<string, string>): void;
  write(data: Uint8Array): void;
  end(body?: string): void;
  /** Destroys the connection (HTTP/1.1) or resets the stream (HTTP/2) mid-response. */
  cut(): void;
  onClose(listener: () => void): void;
  readonly headersSent: boolean;
  /** HTTP/2: `write` queues, and the send happens in the loop's check phase (`LogWrite.sent`). */
  readonly deferredSend: boolean;
  /** HTTP/2: the connection window the client grants now (`LogEntry.minSendWindow`). */
  sendWindow(): number | undefined;
}

export function wrap(res: http.ServerResponse | http2.Http2ServerResponse): Res {
  if (res instanceof http2.Http2ServerResponse) {
    return {
      writeHead: (status, headers) => void res.writeHead(status, headers),
      write: (data) => void res.write(data),
      end: (body) => void (body === undefined ? res.end() : res.end(body)),
      cut: () => res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR),
      onClose: (listener) => void res.once("close", listener),
      get headersSent() {
        return res.headersSent;
      },
      deferredSend: true,
      sendWindow: () => res.stream.session?.state.remoteWindowSize,
    };
  }
  return {
    writeHead: (status, headers) => {
      res.writeHead(status, headers);
      // Headers leave now, not with the first body write: a "hang after headers" must hang there.
      res.flushHeaders();
    },
    write: (data) => {
      res.write(data);
      // Node corks a chunked response and sends on the next tick; uncorking now puts the bytes
      // with the kernel before the send time is logged, so the log is the real send time.
      res.socket?.uncork();
    },
    end: (body) => void (body === undefined ? res.end() : res.end(body)),
    cut: () => res.socket?.destroy(),
    onClose: (listener) => void res.once("close", listener),
    get headersSent() {
      return res.headersSent;
    },
    deferredSend: false,
    sendWindow: () => undefined,
  };
}
