import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { isLoopbackHost } from "../config/config.js";

/**
 * Checks made on every HTTP request before anything else. DNS rebinding: a web page can make
 * a browser send requests to 127.0.0.1 under an attacker's host name; refusing any Host that is
 * not ours (and any browser Origin that is not ours) stops that, even before authentication.
 */

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/** Host header values accepted for a server bound to `host:port`. */
export function allowedHostHeaders(host: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = isLoopbackHost(host) ? LOOPBACK_NAMES : [isIP(host) === 6 ? `[${host}]` : host];
  return new Set([...names.map((n) => `${n}:${port}`), ...extra.map((h) => h.toLowerCase())]);
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && allowed.has(host);
}

/** Non-browser clients send no Origin; a browser's must name one of our hosts. */
export function originAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && allowed.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * Why a request's Host or Origin is refused, naming the header's value and, for a Host, how to
 * accept that name; null when both are ours. A client refused here (an agent in a container
 * reaching the host by another name, say) reads what to change rather than only that it failed.
 */
export function hostOrOriginRefusal(req: IncomingMessage, allowed: Set<string>): string | null {
  if (!hostAllowed(req, allowed)) {
    const host = req.headers.host?.slice(0, 200);
    if (!host)
      return "The request has no Host header; send one naming this server (DNS-rebinding protection).";
    return (
      `Host ${JSON.stringify(host)} is not a name this server answers to (DNS-rebinding protection). If clients ` +
      "reach it by that name (through a proxy, a container's gateway or another address), start it with " +
      `\`bench-operator serve --allowed-host ${host}\`.`
    );
  }
  if (!originAllowed(req, allowed))
    return `Origin ${JSON.stringify(req.headers.origin?.slice(0, 200))} is not this server (DNS-rebinding protection): a page of another site may not call it.`;
  return null;
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export function isLoopbackPeer(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? "";
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
