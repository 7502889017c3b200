import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProfile } from "../../src/benchmark/index.js";
import type { Logger } from "../../src/logger.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import { IngestClient } from "../../src/runner/client.js";
import { INGEST_PATHS, type WireWorkItem } from "../../src/runner/protocol.js";
import { runRunner, type RunnerOptions } from "../../src/runner/run.js";
import { Spool } from "../../src/runner/spool.js";
import { startFakeProviders, type FakeProviders } from "../helpers/fake-providers/client.js";

/**
 * The runner's side of giving claims back and of the receipt retention, in process against a
 * scripted ingest server over real HTTP (the real server cannot be made to hand out more items
 * than asked for, or a profile this build disagrees with) and the fake providers.
 */
let fake: FakeProviders;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface Posted {
  path: string;
  body: Record<string, unknown>;
}

/** An ingest server that answers from a script and records every request. */
async function scriptedServer(script: {
  work: () => unknown;
  result?: (body: Record<string, unknown>) => { status: number; body: unknown };
  release?: () => number;
}): Promise<{ url: string; posted: Posted[]; close: () => Promise<void> }> {
  const posted: Posted[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      posted.push({ path: req.url ?? "", body });
      let status = 200;
      let answer: unknown;
      if (req.url === INGEST_PATHS.work) answer = script.work();
      else if (req.url === INGEST_PATHS.release) {
        status = script.release?.() ?? 200;
        answer = {
          results: (body["claim_ids"] as string[]).map((claim_id) => ({ claim_id, outcome: "released" })),
        };
      } else
        ({ status, body: answer } = script.result?.(body) ?? { status: 200, body: { outcome: "stored" } });
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    posted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function item(model_id: string): WireWorkItem {
  return {
    claim_id: `groq:${model_id}@1`,
    provider: "groq",
    model_id,
    role: "published",
    attempt: 1,
    expires_at: new Date(Date.now() + 600_000).toISOString(),
    metadata: null,
    profile_id: "story-64-v1",
  };
}

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const add = (msg: string): void => void lines.push(msg);
  return { logger: { debug: add, info: add, warn: add, error: add }, lines };
}

async function options(url: string, stop: AbortSignal, logger: Logger): Promise<RunnerOptions> {
  const dir = await mkdtemp(join(tmpdir(), "runner-give-back-"));
  dirs.push(dir);
  return {
    client: new IngestClient({ server: url, token: "bo_test" }),
    spool: new Spool(dir, 100, 14 * 86_400_000),
    provider: "groq",
    adapter: createStreamAdapter("groq", fake.config),
    concurrency: 1,
    once: true,
    pollMs: 50,
    deadlineMs: 20_000,
    logger,
    stop,
    catalog: null,
  };
}

const releases = (posted: Posted[]) =>
  posted.filter((p) => p.path === INGEST_PATHS.release).map((p) => p.body);

describe("a runner gives back what it will not run", { timeout: 60_000 }, () => {
  it("on SIGTERM, the items of the round not yet started (shutdown)", async () => {
    const stop = new AbortController();
    const items = [item("basic~gb1"), item("basic~gb2"), item("basic~gb3")];
    const server = await scriptedServer({
      // More items than the runner runs at once, so some are still waiting when it stops.
      work: () => ({ items, profiles: { "story-64-v1": getProfile("story-64-v1") } }),
      result: () => {
        stop.abort(); // SIGTERM while the first result is being delivered
        return { status: 200, body: { outcome: "stored", stored: "metric", duplicate: false } };
      },
    });
    try {
      const { logger, lines } = capture();
      const summary = await runRunner(await options(server.url, stop.signal, logger));
      expect(summary).toMatchObject({ claimed: 3, measured: 1, delivered: 1, released: 2 });
      expect(releases(server.posted)).toEqual([
        { claim_ids: [items[1]!.claim_id, items[2]!.claim_id], reason: "shutdown" },
      ]);
      expect(lines).toContain("gave back 2 of 2 claims (shutdown): their models are due again");
    } finally {
      await server.close();
    }
  });

  it("items skipped for a profile this build disagrees with (not_run)", async () => {
    const skipped = item("basic~gb4");
    const server = await scriptedServer({
      work: () => ({ items: [skipped], profiles: { "story-64-v1": { id: "story-64-v1", changed: true } } }),
    });
    try {
      const summary = await runRunner(
        await options(server.url, new AbortController().signal, capture().logger),
      );
      expect(summary).toMatchObject({ claimed: 1, measured: 0, skipped: 1, released: 1 });
      expect(releases(server.posted)).toEqual([{ claim_ids: [skipped.claim_id], reason: "not_run" }]);
      expect(server.posted.some((p) => p.path === INGEST_PATHS.results)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("a result the server refuses as past_retention is dropped, not counted as a failure", async () => {
    const server = await scriptedServer({
      work: () => ({ items: [], profiles: {} }),
      result: () => ({
        status: 409,
        body: { outcome: "refused", reason: "past_retention", message: "too old", duplicate: false },
      }),
    });
    try {
      const { logger, lines } = capture();
      const opts = await options(server.url, new AbortController().signal, logger);
      await opts.spool.init();
      await opts.spool.add("groq:basic~gb5@1", { item: item("basic~gb5"), result: { ok: true } });
      const summary = await runRunner(opts);
      expect(summary).toMatchObject({ refused: 0, dropped: 1, spooled: 0 });
      expect(lines.some((l) => /past the server's receipt retention: dropped/.test(l))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("a killed runner's claims are given back by the next start, once the server answers, said once", async () => {
    const stop = new AbortController();
    let asked = 0;
    const server = await scriptedServer({
      work: () => {
        if (asked >= 3) stop.abort();
        return { items: [], profiles: {} };
      },
      // The server is failing for the first two rounds (503: try again later).
      release: () => (++asked <= 2 ? 503 : 200),
    });
    try {
      const { logger, lines } = capture();
      const warned: string[] = [];
      const opts = await options(server.url, stop.signal, {
        ...logger,
        warn: (msg) => void warned.push(msg),
      });
      const killed = item("basic~gb6");
      await new Spool(opts.spool.dir, 100, Infinity, spawnSync("true").pid).init();
      await new Spool(opts.spool.dir, 100, Infinity, spawnSync("true").pid).hold(killed.claim_id, killed);
      const summary = await runRunner({ ...opts, once: false });
      expect(summary).toMatchObject({ released: 1 });
      expect(releases(server.posted)).toEqual(
        Array.from({ length: 3 }, () => ({ claim_ids: [killed.claim_id], reason: "interrupted" })),
      );
      // Warned once; the rounds after say it at debug level only.
      expect(warned.filter((l) => l.startsWith("could not give back 1 claims (interrupted)"))).toHaveLength(
        1,
      );
      expect(lines.filter((l) => l.startsWith("gave back"))).toEqual([
        "gave back 1 of 1 claims (interrupted): their models are due again",
      ]);
      expect(await readdir(join(opts.spool.dir, "claims"))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
