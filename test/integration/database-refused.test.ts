import { createServer, connect as tcpConnect, type Server } from "node:net";
import { describe, expect, inject, it } from "vitest";
import { registerSituationsCommands } from "../../src/cli/commands/situations.js";
import { AppError } from "../../src/errors.js";
import { connectMongo } from "../../src/storage/mongo.js";
import { inProcessCli } from "../helpers/cli.js";

/**
 * A database address where nothing listens: the CLI says so, naming the address without the
 * URI's credentials and what to do, instead of waiting out the server-selection timeout with the
 * driver's words. `serve` (waitForStart) keeps trying such an address while its server may still
 * be starting.
 */

/** A local port nothing listens on: one the system handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** A TCP forwarder from `port` to the test database: a server that starts listening there late. */
async function forwardToTestDatabase(port: number): Promise<Server> {
  const target = new URL(inject("mongoUri").replace(/^mongodb:/, "http:"));
  const server = createServer((socket) => {
    const upstream = tcpConnect(Number(target.port || 27017), target.hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  return server;
}

describe("a database address where nothing listens", () => {
  it("the CLI names the address, not the password, and what to do", async () => {
    const port = await closedPort();
    const cli = inProcessCli(
      () => ({ MONGODB_URI: `mongodb://alice:s3cret-pw@127.0.0.1:${port}/`, MONGODB_DB: "refused" }),
      [registerSituationsCommands],
    );
    const error = (await cli("situations").catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("database_unavailable");
    expect(error.message).toBe(
      `Nothing answers at 127.0.0.1:${port} (the connection was refused: no database server listens there). ` +
        "Start the database there, or set MONGODB_URI to the address of one that runs.",
    );
    expect(error.message).not.toContain("s3cret-pw");
    expect(error.message).not.toContain("alice");
  });

  it("a host name that does not resolve is named the same way", async () => {
    const error = (await connectMongo("mongodb://no-such-host.invalid:27017/").catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error.code).toBe("database_unavailable");
    expect(error.message).toContain("Nothing answers at no-such-host.invalid:27017 (no host has that name)");
  });

  it("waitForStart that runs out of time names where, never who", async () => {
    const port = await closedPort();
    const error = (await connectMongo(`mongodb://alice:s3cret-pw@127.0.0.1:${port}/fleet?authSource=admin`, {
      waitForStart: true,
      serverSelectionTimeoutMS: 500,
    }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("database_unavailable");
    expect(error.message).toMatch(
      new RegExp(`^Cannot reach the database at mongodb://127\\.0\\.0\\.1:${port}/fleet: `),
    );
    expect(error.message).not.toContain("alice");
    expect(error.message).not.toContain("s3cret-pw");
  });

  it("waitForStart keeps trying until a server starts listening there", async () => {
    const port = await closedPort();
    const connecting = connectMongo(`mongodb://127.0.0.1:${port}/`, {
      waitForStart: true,
      serverSelectionTimeoutMS: 20_000,
    });
    // Refused for longer than a plain connect accepts, then the server is there.
    await new Promise((ok) => setTimeout(ok, 1_500));
    const server = await forwardToTestDatabase(port);
    try {
      const client = await connecting;
      expect(await client.db("admin").command({ ping: 1 })).toMatchObject({ ok: 1 });
      await client.close();
    } finally {
      server.close();
    }
  });
});
