/**
 * Whether a request's URL is the console's (`/console` and below). Its own file so that the HTTP
 * server can route to the console without loading it (the console and its pages load on the
 * first console request).
 */
export function isConsolePath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path === "/console" || path.startsWith("/console/");
}
