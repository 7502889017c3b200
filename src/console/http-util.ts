import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { allowedHostHeaders, hostAllowed } from "../server/http-guards.js";
import type { SafeHtml } from "./escape.js";

/**
 * Request and response plumbing of the console: the headers every answer carries, the Host and
 * Origin checks, cookies and form bodies. No page logic here.
 */

export const SESSION_COOKIE = "bo_console";
/**
 * A one-time link's session for one page, under that page's Path (`scopePath`): a browser holds one per
 * page opened by a link, beside a signed-in session's `bo_console`, and none replaces another.
 */
export const PAGE_COOKIE = "bo_console_page";
/** Before sign-in there is no session to hold a CSRF token, so the sign-in form double-submits one. */
export const PRE_COOKIE = "bo_console_pre";
export const MAX_FORM_BYTES = 16_384;

/**
 * No script at all, styles only from our own stylesheet, images only inline SVG or ours, forms
 * only to ourselves, never framed. Referrer-Policy same-origin keeps a link's secret out of other sites' Referer headers (no-referrer would make Chromium send `Origin: null` with our own forms).
 */
const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
  "cross-origin-opener-policy": "same-origin",
};

export function send(
  res: ServerResponse,
  status: number,
  body: SafeHtml | string,
  headers: Record<string, string | string[]> = {},
): void {
  const text = typeof body === "string" ? body : body.value;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "text/html; charset=utf-8",
    ...headers,
  });
  res.end(text);
}

export function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, ...headers });
  res.end();
}

/** Host and Origin for a server bound to `bindHost` (loopback names when it is loopback). */
export function hostAndOriginOk(
  req: IncomingMessage,
  bindHost: string,
  extraHosts: readonly string[],
): boolean {
  const port = req.socket.localPort ?? 0;
  const allowed = allowedHostHeaders(bindHost, port, extraHosts);
  if (!hostAllowed(req, allowed)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return originIn(origin, allowed);
}

/**
 * A state-changing request must come from one of our own pages: browsers send Origin on every
 * POST, so a missing one means a client that is not a browser page of ours (or a very old browser).
 */
export function postOriginOk(req: IncomingMessage, bindHost: string, extraHosts: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === "null") return false;
  return originIn(origin, allowedHostHeaders(bindHost, req.socket.localPort ?? 0, extraHosts));
}

function originIn(origin: string, allowed: Set<string>): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && allowed.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

export function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of cookiePairs(req)) out.set(name, value);
  return out;
}

/** Every value sent under `name`: cookies of one name with different Paths all come. */
export function cookieValues(req: IncomingMessage, name: string): string[] {
  return cookiePairs(req)
    .filter(([n]) => n === name)
    .map(([, value]) => value);
}

function cookiePairs(req: IncomingMessage): [string, string][] {
  const out: [string, string][] = [];
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return out;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), console paths only
 * (`path`: one page's, for a link's session).
 */
export function cookieHeader(name: string, value: string, maxAgeSeconds: number, path = "/console"): string {
  return `${name}=${value}; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export class FormTooLarge extends Error {}

/** An application/x-www-form-urlencoded body, bounded. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_FORM_BYTES) throw new FormTooLarge("form too large");
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
