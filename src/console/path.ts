/**
 * The console's path of a request's URL (`/console` and below, query dropped), or null when the
 * request is not the console's. Its own file so that the HTTP server can route to the console
 * without loading it (the console and its pages load on the first console request).
 */
export function consolePath(url: string | undefined): string | null {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path === "/console" || path.startsWith("/console/") ? path : null;
}
