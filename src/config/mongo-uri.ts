/** What a valid MONGODB_URI looks like, for every message about one. */
export const MONGODB_URI_SHAPES =
  "mongodb://host[:port][,host[:port]...][/database][?options] or mongodb+srv://host[/database][?options], " +
  "with user:password@ before the host when the server needs them";

/**
 * Why `uri` is not a MongoDB connection string, or undefined when it is one. Checked when the
 * configuration is read, so every command reports a malformed URI the same way instead of a
 * driver stack trace at connect time. The problem never quotes the URI: it may hold a password.
 */
export function mongoUriProblem(uri: string): string | undefined {
  const scheme = /^mongodb(\+srv)?:\/\//.exec(uri);
  if (!scheme) return "must start with mongodb:// or mongodb+srv://";
  const srv = scheme[1] !== undefined;
  const rest = uri.slice(scheme[0].length);
  // The user name and password must percent-encode : / ? #, so the authority ends at the first
  // / or ?; its last @ separates them from the hosts (the driver, too, takes an unencoded @).
  const authority = rest.split(/[/?]/, 1)[0]!;
  const at = authority.lastIndexOf("@");
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostList = at >= 0 ? authority.slice(at + 1) : authority;
  if (userinfo !== undefined) {
    if (userinfo.split(":")[0] === "") return "has an empty user name before the @";
    try {
      for (const part of userinfo.split(":")) decodeURIComponent(part);
    } catch {
      return "has a malformed %-escape in the user name or password";
    }
  }
  if (hostList === "") return "names no host";
  const hosts = hostList.split(",");
  if (srv && hosts.length > 1) return "mongodb+srv:// takes exactly one host name";
  for (const host of hosts) {
    const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(.*))?$/.exec(host);
    if (!m) return "has an empty or malformed host";
    const port = m[2];
    if (port === undefined) continue;
    if (srv) return "mongodb+srv:// takes a host name without a port";
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      return "has a port that is not a number from 1 to 65535";
  }
  return undefined;
}
