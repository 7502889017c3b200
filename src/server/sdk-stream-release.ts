import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

interface StreamInternals {
  _webStandardTransport?: {
    _streamMapping?: Map<string, { resolveJson?: unknown }>;
    _requestToStreamMapping?: Map<unknown, string>;
  };
}

/**
 * Works around a leak in @modelcontextprotocol/sdk (1.32.2, the newest release when written):
 * in JSON response mode the Streamable HTTP transport registers every POST in `_streamMapping`
 * with a `resolveJson` callback and, once the response is sent, deletes the request's
 * correlations but never that entry. Each entry keeps the request's closure alive for the life
 * of the session: `bench:mcp` measured the heap after a forced GC growing by about 20 MB per
 * 1,000 calls on one session. This drops the entries whose requests are all answered (an entry
 * still named in `_requestToStreamMapping` is in flight and is kept; GET streams have no
 * `resolveJson` and are kept). Returns how many entries remain, or null when the SDK's internals
 * no longer look like this (then nothing is touched; check whether the leak is fixed upstream).
 */
export function releaseAnsweredStreams(transport: StreamableHTTPServerTransport): number | null {
  const maps = internals(transport);
  if (!maps) return null;
  const { streams, requests } = maps;
  const inFlight = new Set(requests.values());
  for (const [id, stream] of streams) {
    if (stream.resolveJson !== undefined && !inFlight.has(id)) streams.delete(id);
  }
  return streams.size;
}

/**
 * How many JSON-mode response entries the transport holds (answered or in flight), without
 * releasing any; a client's GET stream for notifications is not counted. Null as above.
 */
export function heldStreams(transport: StreamableHTTPServerTransport): number | null {
  const maps = internals(transport);
  if (!maps) return null;
  return [...maps.streams.values()].filter((s) => s.resolveJson !== undefined).length;
}

function internals(transport: StreamableHTTPServerTransport): {
  streams: Map<string, { resolveJson?: unknown }>;
  requests: Map<unknown, string>;
} | null {
  const inner = (transport as unknown as StreamInternals)._webStandardTransport;
  const streams = inner?._streamMapping;
  const requests = inner?._requestToStreamMapping;
  return streams instanceof Map && requests instanceof Map ? { streams, requests } : null;
}
