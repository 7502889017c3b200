import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.js";
import { principalFor } from "../../../src/policy/principal.js";
import type { ServerShared } from "../../../src/server/create-mcp-server.js";
import { serveStdio } from "../../../src/server/stdio.js";

/** The session's end by its abort signal, whether it was aborted before or during the session. */
const never = new Promise<ServerShared>(() => {});
const viewer = principalFor("victor", "viewer");

function session(signal: AbortSignal): { served: Promise<void>; stopping: () => number } {
  let stops = 0;
  const served = serveStdio(never, {
    principal: viewer,
    readOnly: true,
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    logger: silentLogger,
    signal,
    console: false,
    onStopping: () => (stops += 1),
  });
  return { served, stopping: () => stops };
}

describe("serveStdio and its abort signal", () => {
  it("ends at once when the signal was aborted before the session started", async () => {
    const { served, stopping } = session(AbortSignal.abort());
    await served;
    expect(stopping()).toBe(1);
  });

  it("ends when the signal is aborted during the session, once", async () => {
    const abort = new AbortController();
    const { served, stopping } = session(abort.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopping()).toBe(0);
    abort.abort();
    abort.abort();
    await served;
    expect(stopping()).toBe(1);
  });
});
