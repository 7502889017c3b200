import { beforeAll, describe, expect, it } from "vitest";
import type { ServerShared } from "../../src/server/create-mcp-server.js";
import { databaseStartup } from "../../src/server/startup.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";

/**
 * A stdio session whose database is not there yet: initialize and tools/list answer at once, a
 * tool call waits a bounded time and then says why (first build, or still starting), and a
 * database that arrives within the wait serves the call, whose audit record lands too.
 */
let t: TestDatabase;
const NOW = new Date("2026-03-01T12:00:00Z");

beforeAll(async () => {
  t = await openTestDatabase("mcp-startup");
});

const BUILD = "/usr/bin/node /opt/bench-operator/dist/cli/main.js db build";
const never = new Promise<ServerShared>(() => {});

describe("a session whose database is still starting", () => {
  it("lists tools at once; a call during the first build returns what is happening and the build command", async () => {
    const startup = databaseStartup({
      waitMs: 300,
      buildTime: "about 75 s warm, 5 min cold",
      buildCommand: BUILD,
    });
    startup.buildStarted();
    const client = await connect(never, { startup, role: "viewer" });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("get_fleet_health");
    const r = await call(client, "get_fleet_health");
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(
      /^Error \(unavailable\): The embedded database is being built for the first time \(its FerretDB launcher; started \d+ s ago, it takes about 75 s warm, 5 min cold\), so nothing was read or changed\./,
    );
    expect(r.text).toContain(`To build it ahead of time instead, a human can run: ${BUILD}`);
  });

  it("says the database is still starting when nothing is being built", async () => {
    const startup = databaseStartup({ waitMs: 300, buildTime: "x", buildCommand: BUILD });
    const client = await connect(never, { startup, role: "viewer" });
    const r = await call(client, "list_situations");
    expect(r.text).toMatch(/^Error \(unavailable\): The database is still starting \(\d+ s so far\)/);
  });

  it("serves a call whose database arrives within the wait, and audits it", async () => {
    const startup = databaseStartup({ waitMs: 30_000, buildTime: "x", buildCommand: BUILD });
    let provide: (s: ServerShared) => void = () => {};
    const shared = new Promise<ServerShared>((resolve) => (provide = resolve));
    const client = await connect(shared, { startup, role: "viewer", name: "late-db" });
    const pending = call(client, "list_situations");
    provide(await sharedFor(t, NOW));
    const r = await pending;
    expect(r.isError).toBe(false);
    const audited = await t.db.collection("tool_calls").find({ "principal.name": "late-db" }).toArray();
    expect(audited.map((a) => [String(a["tool"]), String(a["outcome"])])).toEqual([
      ["list_situations", "ok"],
    ]);
  });

  it("audits a call refused during the build once the database is up", async () => {
    const startup = databaseStartup({ waitMs: 100, buildTime: "x", buildCommand: BUILD });
    startup.buildStarted();
    let provide: (s: ServerShared) => void = () => {};
    const shared = new Promise<ServerShared>((resolve) => (provide = resolve));
    const client = await connect(shared, { startup, role: "viewer", name: "early-caller" });
    expect((await call(client, "list_situations")).isError).toBe(true);
    provide(await sharedFor(t, NOW));
    await expect
      .poll(async () =>
        (await t.db.collection("tool_calls").find({ "principal.name": "early-caller" }).toArray()).map(
          (a) => [String(a["tool"]), String(a["outcome"]), String(a["error_code"])],
        ),
      )
      .toEqual([["list_situations", "error", "unavailable"]]);
  });
});
