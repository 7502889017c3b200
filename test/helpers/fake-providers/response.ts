/**
 * The fake's send log (what it wrote, and when) and the response operations it needs over
 * HTTP/1.1 and HTTP/2 alike (server.ts).
 */
import type http from "node:http";
import http2 from "node:http2";
import { tapOf } from "./send-tap.js";

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
   * HTTP/2 only: when the bytes left. Node's HTTP/2 only queues on `write` and sends in the loop's
   * check phase, after the rest of the turn's work, so `at` can be milliseconds (under load,
   * hundreds) early; the socket is tapped (send-tap.ts) and this is taken just before the write's
   * last byte is handed to the kernel, like `at` over HTTP/1.1. When the client's flow-control
   * window holds data back, this is when it left: a stall then shows as the client's error.
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
  /** `sent` (HTTP/2) gets the time the data's last byte was handed to the socket. */
  write(data: Uint8Array, sent?: (at: number) => void): void;
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
      write: (data, sent) => {
        // Every write is counted (the tap matches bytes to writes in order), stamped or not.
        tapOf(res.stream.session)?.expect(res.stream.id ?? 0, data.length, sent ?? (() => {}));
        res.write(data);
      },
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
