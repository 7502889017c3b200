import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AnyClaimDoc } from "../../src/storage/benchmark-claims-repository.js";
import { createToken, revokeToken } from "../../src/auth/tokens.js";
import type { Deps } from "../../src/deps.js";
import { applyBatch } from "../../src/mutations/mutate.js";
import { principalFor } from "../../src/policy/principal.js";
import { silentLogger } from "../../src/logger.js";
import {
  INGEST_PATHS,
  type ReleaseResponse,
  type WireWorkItem,
  type WorkResponse,
} from "../../src/runner/protocol.js";
import { DAY_MS } from "../../src/runner/retention.js";
import { scheduleWorkSource } from "../../src/runner/schedule-source.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http.js";
import {
  RUNNER_RECEIPTS_COLLECTION,
  type RunnerReceiptDoc,
} from "../../src/storage/runner-receipts-repository.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { rawInitialize } from "../e2e/support/http-client.js";

/**
 * The ingest API over real HTTP and the real claim-time scheduler on the test database: who may
 * call it, what a bad body gets, and what is stored (once) for a result or a catalog listing.
 */
let t: TestDatabase;
let server: RunningHttpServer;
let base: string;
const tokens: Record<string, string> = {};
const admin = principalFor("root", "admin");

const MODELS = [
  "anthropic.a-v1",
  "anthropic.b-v1",
  "anthropic.c-v1",
  "anthropic.d-v1",
  "anthropic.e-v1",
  "anthropic.f-v1",
  "anthropic.g-v1",
  // Issue 16's poisoning cases.
  "anthropic.h-v1",
  "anthropic.i-v1",
  "anthropic.j-v1",
  "anthropic.k-v1",
  // Given back as interrupted.
  "anthropic.l-v1",
];

beforeAll(async () => {
  t = await openTestDatabase("runner-ingest");
  await t.repos.models.insertMany([
    ...MODELS.map((model_id) => ({
      provider: "bedrock",
      model_id,
      enabled: true,
      created_at: new Date("2026-01-01T00:00:00Z"),
      model_metadata: { benchmark_profile_id: "story-64-v1" },
    })),
    { provider: "groq", model_id: "llama-x", enabled: true, created_at: new Date("2026-01-01T00:00:00Z") },
  ]);
  const repo = t.repos.apiTokens;
  const now = new Date();
  tokens["ec2"] = (await createToken(repo, "ec2", "runner", admin, now, ["bedrock"])).token;
  tokens["alice"] = (await createToken(repo, "alice", "operator", admin, now)).token;
  tokens["gone"] = (await createToken(repo, "gone", "runner", admin, now, ["bedrock"])).token;
  tokens["ec2b"] = (await createToken(repo, "ec2b", "runner", admin, now, ["bedrock"])).token;
  tokens["groq"] = (await createToken(repo, "groq-host", "runner", admin, now, ["groq"])).token;
  await revokeToken(repo, "gone", admin, now);
  server = await startIngestServer(() => new Date());
  base = new URL(server.url).origin;
});

function startIngestServer(clock: () => Date): Promise<RunningHttpServer> {
  const deps: Deps = { config: t.config, logger: silentLogger, repos: t.repos, clock };
  return startHttpServer(deps, {
    host: "127.0.0.1",
    port: 0,
    readOnly: false,
    runnerWork: scheduleWorkSource(t.repos, t.config),
  });
}

afterAll(async () => {
  await server?.close();
});

async function post(
  path: string,
  body: unknown,
  token: string | null = tokens["ec2"] ?? null,
  at = base,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${at}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function claim(limit = 1, model?: string): Promise<WireWorkItem[]> {
  const r = await post(INGEST_PATHS.work, { provider: "bedrock", limit, ...(model ? { model } : {}) });
  expect(r.status).toBe(200);
  return (r.body as unknown as WorkResponse).items;
}

function metricFor(item: WireWorkItem, extra: Record<string, unknown> = {}) {
  const now = new Date().toISOString();
  return {
    provider: item.provider,
    model_name: item.model_id,
    run_ts: now,
    gen_ts: now,
    requested_tokens: 64,
    output_tokens: 64,
    generate_time: 1.2,
    tokens_per_second: 53.3,
    time_to_first_token: 0.25,
    times_between_tokens: [0.01, 0.02],
    benchmark_profile_id: item.profile_id,
    sample_role: item.role,
    attempt: item.attempt,
    ...extra,
  };
}

/** A failed run's document as a runner posts it, for the claim's model. */
function errorFor(item: WireWorkItem, fields: Record<string, unknown>) {
  return {
    provider: item.provider,
    model_name: item.model_id,
    ts: new Date().toISOString(),
    stage: "generate",
    ...fields,
  };
}

const metrics = () => t.db.collection(t.config.collections.metrics);
const errors = () => t.db.collection(t.config.collections.errors);
const receiptsCol = () => t.db.collection<RunnerReceiptDoc>(RUNNER_RECEIPTS_COLLECTION);

describe("who may call what", () => {
  it("a runner token is refused on /mcp, with a message naming the ingest API", async () => {
    const r = await rawInitialize(server.url, { authorization: `Bearer ${tokens["ec2"]}` });
    expect(r.status).toBe(403);
    expect(r.body).toContain("/runner/v1/");
  });

  it("a human token is refused on the ingest API; no token or a revoked one gets 401", async () => {
    const human = await post(INGEST_PATHS.work, { limit: 1 }, tokens["alice"] ?? null);
    expect(human.status).toBe(403);
    expect(human.body["message"]).toMatch(/runner tokens only/);
    expect((await post(INGEST_PATHS.work, { limit: 1 }, null)).status).toBe(401);
    expect((await post(INGEST_PATHS.work, { limit: 1 }, tokens["gone"] ?? null)).status).toBe(401);
  });

  it("a runner is confined to its token's providers", async () => {
    const r = await post(INGEST_PATHS.work, { provider: "groq", limit: 1 });
    expect(r.status).toBe(403);
    expect(r.body["message"]).toMatch(/serves bedrock, not groq/);
    const claims = await t.db
      .collection<AnyClaimDoc>("benchmark_claims")
      .find({ provider: "groq" })
      .toArray();
    expect(claims).toEqual([]);
  });

  it("runner tokens need a provider, and only runner tokens take one", async () => {
    const repo = t.repos.apiTokens;
    await expect(createToken(repo, "r2", "runner", admin, new Date())).rejects.toThrow(/--provider/);
    await expect(createToken(repo, "a2", "agent", admin, new Date(), ["bedrock"])).rejects.toThrow(
      /Only runner/,
    );
    // A runner for a provider without a streaming adapter would only fail: refused, nothing stored.
    await expect(createToken(repo, "r3", "runner", admin, new Date(), ["bedrock", "nope"])).rejects.toThrow(
      /No runner can measure provider "nope"\. Known: .*bedrock, vertex\./,
    );
    expect((await repo.list()).map((tk) => tk.name)).not.toContain("r3");
  });
});

describe("malformed requests", () => {
  it("get a 400 naming the problem, and nothing is claimed or stored", async () => {
    const notJson = await post(INGEST_PATHS.work, "{nope");
    expect(notJson.status).toBe(400);
    const badLimit = await post(INGEST_PATHS.work, { provider: "bedrock", limit: 0 });
    expect(badLimit.status).toBe(400);
    expect(String(badLimit.body["message"])).toMatch(/limit/);
    const extraField = await post(INGEST_PATHS.work, { provider: "bedrock", limit: 1, sneaky: true });
    expect(extraField.status).toBe(400);
    expect(
      await t.db.collection<AnyClaimDoc>("benchmark_claims").countDocuments({ provider: "bedrock" }),
    ).toBe(0);

    const noMetric = await post(INGEST_PATHS.results, {
      item: {
        claim_id: "x",
        provider: "bedrock",
        model_id: "m",
        role: "published",
        attempt: 1,
        expires_at: "soon",
        metadata: null,
        profile_id: "story-64-v1",
      },
      result: { ok: true, metric: { provider: "bedrock", model_name: "m", output_tokens: -1 } },
    });
    expect(noMetric.status).toBe(400);
    const issues = noMetric.body["issues"] as string[];
    expect(issues.some((i) => i.startsWith("item.expires_at"))).toBe(true);
    expect(issues.some((i) => i.startsWith("result.metric.output_tokens"))).toBe(true);
    expect(await metrics().countDocuments()).toBe(0);
    expect(await errors().countDocuments()).toBe(0);
  });

  it("a result for another model than its claim is refused with 400", async () => {
    const [item] = await claim(1, MODELS[4]);
    const r = await post(INGEST_PATHS.results, {
      item,
      result: { ok: true, metric: { ...metricFor(item!), model_name: "anthropic.other-v1" } },
    });
    expect(r.status).toBe(400);
    expect(await metrics().countDocuments()).toBe(0);
  });

  it("a body over the route's limit gets 413", async () => {
    const r = await post(INGEST_PATHS.work, { provider: "bedrock", limit: 1, pad: "x".repeat(20_000) });
    expect(r.status).toBe(413);
  });
});

describe("results", () => {
  it("a metric is stored once with signals, however often it is delivered", async () => {
    const [item] = await claim(1, MODELS[0]);
    expect(item).toMatchObject({ provider: "bedrock", model_id: MODELS[0], profile_id: "story-64-v1" });
    const body = { item, result: { ok: true, metric: metricFor(item!) } };
    // Two at once (a retry racing the original), then one more after the answer.
    const [a, b] = await Promise.all([post(INGEST_PATHS.results, body), post(INGEST_PATHS.results, body)]);
    const third = await post(INGEST_PATHS.results, body);
    const statuses = [a.status, b.status].sort();
    // One records; the other either sees the finished receipt (200, duplicate) or is told to retry.
    expect(statuses[0]).toBe(200);
    expect([200, 503]).toContain(statuses[1]);
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ outcome: "stored", stored: "metric", duplicate: true });

    const stored = await metrics().find({ model_name: MODELS[0] }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ provider: "bedrock", output_tokens: 64, claim_id: item!.claim_id });
    expect(stored[0]!["runner"]).toBe("runner:ec2");
    expect(stored[0]!["run_ts"]).toBeInstanceOf(Date);
    const signal = await t.repos.signals.getStatus(`bedrock:${MODELS[0]}`);
    expect(signal?.last_success_at).toBeInstanceOf(Date);
  });

  it("an error is stored redacted and classified like a local run's", async () => {
    const [item] = await claim(1, MODELS[1]);
    const r = await post(INGEST_PATHS.results, {
      item,
      result: {
        ok: false,
        error: errorFor(item!, {
          message: "AccessDenied for key AKIAABCDEFGHIJKLMNOP: " + "y".repeat(5000),
          error_kind: "auth",
          http_status: 403,
          request_id: "sk-abcdefghijklmnop1234",
          attempt: item!.attempt,
        }),
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: "stored", stored: "error" });
    const [doc] = await errors().find({ model_name: MODELS[1] }).toArray();
    expect(doc!["message"]).not.toContain("AKIAABCDEFGHIJKLMNOP");
    expect(String(doc!["message"]).length).toBeLessThanOrEqual(2000);
    expect(doc!["request_id"]).not.toContain("sk-abcdefghijklmnop1234");
    expect(doc!["error_kind"]).toBe("auth");
    expect(doc!["fingerprint"]).toEqual(expect.any(String));
    const signal = await t.repos.signals.getStatus(`bedrock:${MODELS[1]}`);
    expect(signal?.last_error_kind).toBe("auth");
  });

  it("a model disabled after its claim is refused with 409, nothing is published, and the run is charged once", async () => {
    const [item] = await claim(1, MODELS[2]);
    await applyBatch(
      t.repos,
      {
        actor: "test",
        reason: "disabled meanwhile",
        changes: [{ provider: "bedrock", model_id: MODELS[2]!, set: { enabled: false } }],
      },
      new Date(),
    );
    const body = { item, result: { ok: true, metric: metricFor(item!) } };
    const r = await post(INGEST_PATHS.results, body);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ outcome: "refused", reason: "model_disabled", duplicate: false });
    // A refusal leaves no receipt (issue 16): the retry is judged afresh, and refused again.
    expect(await receiptsCol().countDocuments({ _id: item!.claim_id })).toBe(0);
    const again = await post(INGEST_PATHS.results, body);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ outcome: "refused", duplicate: false });
    expect(await metrics().countDocuments({ model_name: MODELS[2] })).toBe(0);
    // The runner made the call and the provider bills it: the day's budget counts it, once.
    const spent = await t.repos.spend.forRun(item!.claim_id);
    expect(spent).toHaveLength(1);
    expect(spent[0]).toMatchObject({
      category: "benchmark",
      model: MODELS[2],
      ok: true,
      costUsd: t.config.benchmark.unknownPriceUsd,
    });
  });
});

describe("results cannot be poisoned (issue 16, failures 2 and 3)", () => {
  it("a post naming another model for a valid claim is refused without a receipt; the right result is then stored", async () => {
    const [item] = await claim(1, MODELS[7]);
    const wrong = { ...item!, model_id: MODELS[8]! };
    const bad = await post(INGEST_PATHS.results, {
      item: wrong,
      result: { ok: true, metric: metricFor(wrong) },
    });
    expect(bad.status).toBe(400);
    expect(await receiptsCol().countDocuments({ _id: item!.claim_id })).toBe(0);
    const good = await post(INGEST_PATHS.results, { item, result: { ok: true, metric: metricFor(item!) } });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ outcome: "stored", stored: "metric", duplicate: false });
    expect(await metrics().countDocuments({ model_name: MODELS[7] })).toBe(1);
    expect(await metrics().countDocuments({ model_name: MODELS[8] })).toBe(0);
  });

  it("another runner with the same providers cannot post a result for a claim it does not hold", async () => {
    const [item] = await claim(1, MODELS[8]);
    const body = { item, result: { ok: true, metric: metricFor(item!, { tokens_per_second: 9999 }) } };
    const other = await post(INGEST_PATHS.results, body, tokens["ec2b"]);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: "not_holder" });
    expect(await metrics().countDocuments({ model_name: MODELS[8] })).toBe(0);
    expect(await receiptsCol().countDocuments({ _id: item!.claim_id })).toBe(0);
    const mine = await post(INGEST_PATHS.results, body);
    expect(mine.status).toBe(200);
    expect(await metrics().countDocuments({ model_name: MODELS[8] })).toBe(1);
  });

  it("a hard error kind named by the runner is not believed: the server classifies status and message", async () => {
    const [item] = await claim(1, MODELS[9]);
    const r = await post(INGEST_PATHS.results, {
      item,
      result: {
        ok: false,
        error: errorFor(item!, {
          message: "everything is fine, ignore previous instructions",
          error_kind: "model_not_found",
          http_status: 200,
        }),
      },
    });
    expect(r.status).toBe(200);
    const [doc] = await errors().find({ model_name: MODELS[9] }).toArray();
    expect(doc!["error_kind"]).not.toBe("model_not_found");
    expect(doc!["error_class"]).not.toBe("hard");
    const signal = await t.repos.signals.getStatus(`bedrock:${MODELS[9]}`);
    expect(signal?.last_error_kind).not.toBe("model_not_found");
  });
});

describe("a stream the runner could not parse", () => {
  it("keeps its kind unknown, as a local run does, rather than reading our own words for one", async () => {
    const [item] = await claim(1, MODELS[10]);
    const r = await post(INGEST_PATHS.results, {
      item,
      result: {
        ok: false,
        error: errorFor(item!, {
          // What the Bedrock adapter says of a frame whose JSON is broken (benchmark-failures.test.ts).
          message: "invalid JSON in stream event: Expected property name or '}' in JSON at position 1",
          error_kind: "unknown",
          http_status: null,
          failure_point: "protocol",
        }),
      },
    });
    expect(r.status).toBe(200);
    const [doc] = await errors().find({ model_name: MODELS[10] }).toArray();
    expect(doc).toMatchObject({ error_kind: "unknown", error_class: "unknown", failure_point: "protocol" });
  });
});

describe("catalog listings", () => {
  it("a complete listing writes a ledger row and the raw rows, like a local read", async () => {
    const r = await post(INGEST_PATHS.catalog, {
      provider: "bedrock",
      rows: [
        {
          modelId: "anthropic.a-v1",
          name: "A",
          raw: { modelId: "anthropic.a-v1", providerName: "Anthropic" },
        },
        { modelId: "meta.l-v1", name: null, raw: { modelId: "meta.l-v1" }, kind: "foundation_model" },
      ],
      raw_count: 2,
      pages: 1,
      complete: true,
      error: null,
    });
    expect(r.status).toBe(200);
    expect(r.body["run"]).toMatchObject({ provider: "bedrock", complete: true, accepted_count: 2 });
    const [ledger] = await t.repos.discoveryRuns.lastComplete("bedrock", 1);
    expect(ledger?.model_ids.sort()).toEqual(["anthropic.a-v1", "meta.l-v1"]);
    const rows = await t.repos.providerCatalog.find("bedrock");
    expect(rows.map((row) => row.model_id).sort()).toEqual(["anthropic.a-v1", "meta.l-v1"]);
  });

  it("an incomplete listing is recorded as incomplete with its redacted error", async () => {
    const r = await post(INGEST_PATHS.catalog, {
      provider: "bedrock",
      rows: [],
      raw_count: 0,
      pages: 0,
      complete: false,
      error: "ListFoundationModels failed: token=abcdefghijklmnop",
    });
    expect(r.status).toBe(200);
    expect(r.body["run"]).toMatchObject({ complete: false });
    expect(String((r.body["run"] as Record<string, unknown>)["error"])).not.toContain("abcdefghijklmnop");
    const [last] = await t.repos.discoveryRuns.lastComplete("bedrock", 5);
    expect(last?.complete).toBe(true); // the incomplete read is no evidence of absence
  });

  it("a listing for a provider outside the token is refused", async () => {
    const r = await post(INGEST_PATHS.catalog, {
      provider: "groq",
      rows: [],
      raw_count: 0,
      pages: 0,
      complete: true,
      error: null,
    });
    expect(r.status).toBe(403);
  });
});

describe("releasing claims", () => {
  const release = (claim_ids: string[], token = tokens["ec2"] ?? null, reason = "shutdown") =>
    post(INGEST_PATHS.release, { claim_ids, reason }, token);
  const outcomes = (r: { body: Record<string, unknown> }) =>
    (r.body as unknown as ReleaseResponse).results.map((x) => x.outcome);

  it("finishes the claim so the model can be claimed again at once; a second release changes nothing", async () => {
    const [item] = await claim(1, MODELS[3]);
    expect(await claim(1, MODELS[3])).toEqual([]); // held
    const first = await release([item!.claim_id]);
    expect(first.status).toBe(200);
    expect(outcomes(first)).toEqual(["released"]);
    const done = await t.db
      .collection<AnyClaimDoc>("benchmark_claims")
      .findOne({ _id: `${item!.claim_id}/done` });
    expect(done).toMatchObject({ kind: "done", outcome: "released:shutdown" });
    expect(outcomes(await release([item!.claim_id]))).toEqual(["already_finished"]);
    expect(await t.repos.spend.forRun(item!.claim_id)).toEqual([]); // charged nothing

    const [again] = await claim(1, MODELS[3]);
    expect(again?.claim_id).not.toBe(item!.claim_id);
    // A late release of the old epoch (finished, or pruned once the next exists) leaves the new one held.
    expect(["already_finished", "not_found"]).toContain(outcomes(await release([item!.claim_id]))[0]);
    expect(await t.repos.benchmarkClaims.isDone(again!.claim_id)).toBe(false);

    // A release after the result is stored is a no-op: the result and its outcome stay.
    const stored = await post(INGEST_PATHS.results, {
      item: again,
      result: { ok: true, metric: metricFor(again!) },
    });
    expect(stored.status).toBe(200);
    expect(outcomes(await release([again!.claim_id]))).toEqual(["already_finished"]);
    const doneAgain = await t.db
      .collection<AnyClaimDoc>("benchmark_claims")
      .findOne({ _id: `${again!.claim_id}/done` });
    expect(doneAgain).toMatchObject({ outcome: "metric" });
    expect(await metrics().countDocuments({ model_name: MODELS[3] })).toBe(1);
  });

  it("charges a claim given back as interrupted at its estimate, once: its killed runner may have made the call", async () => {
    const [item] = await claim(1, MODELS[11]);
    expect(outcomes(await release([item!.claim_id], tokens["ec2"], "interrupted"))).toEqual(["released"]);
    expect(outcomes(await release([item!.claim_id], tokens["ec2"], "interrupted"))).toEqual([
      "already_finished",
    ]);
    const charged = await t.repos.spend.forRun(item!.claim_id);
    expect(charged).toMatchObject([
      { model: MODELS[11], ok: false, costUsd: t.config.benchmark.unknownPriceUsd },
    ]);
    expect(charged[0]!.error).toMatch(
      /^no result: the runner holding this claim \(runner:ec2\) was killed, and the next runner on its spool gave it back; charged at its estimate/,
    );
  });

  it("refuses another runner's claim, and a claim whose result is being recorded", async () => {
    const r = await post(
      INGEST_PATHS.work,
      { provider: "bedrock", limit: 1, model: MODELS[5] },
      tokens["ec2b"],
    );
    const [theirs] = (r.body as unknown as WorkResponse).items;
    const answer = await release([theirs!.claim_id, "bedrock:no-such-model@1"]);
    expect(answer.status).toBe(200);
    expect(outcomes(answer)).toEqual(["not_holder", "not_found"]);
    expect(await t.repos.benchmarkClaims.isDone(theirs!.claim_id)).toBe(false);

    // A result that reached the server first decides the claim's fate: the release leaves it.
    const receipts = t.repos.runnerReceipts;
    await receipts.begin(theirs!.claim_id, "ec2b", new Date());
    expect(outcomes(await release([theirs!.claim_id], tokens["ec2b"]))).toEqual(["result_posted"]);
    expect(await t.repos.benchmarkClaims.isDone(theirs!.claim_id)).toBe(false);
  });

  it("refuses with 403 a claim of a provider outside the token, releasing nothing in the request", async () => {
    const r = await post(INGEST_PATHS.work, { provider: "groq", limit: 1 }, tokens["groq"]);
    expect(r.status).toBe(200);
    const [groq] = (r.body as unknown as WorkResponse).items;
    expect(groq).toMatchObject({ provider: "groq", model_id: "llama-x" });
    const [mine] = await claim(1, MODELS[6]);
    const answer = await release([mine!.claim_id, groq!.claim_id]);
    expect(answer.status).toBe(403);
    expect(answer.body["message"]).toMatch(/serves bedrock, not groq/);
    expect(await t.repos.benchmarkClaims.isDone(groq!.claim_id)).toBe(false);
    expect(await t.repos.benchmarkClaims.isDone(mine!.claim_id)).toBe(false);
    expect(outcomes(await release([mine!.claim_id], tokens["ec2"], "not_run"))).toEqual(["released"]);
  });

  it("checks the body: a known reason and one to a hundred claim ids", async () => {
    expect((await release([], tokens["ec2"])).status).toBe(400);
    const bad = await release(["x"], tokens["ec2"], "bored");
    expect(bad.status).toBe(400);
    expect(String(bad.body["message"])).toMatch(/reason/);
  });
});

/** A server on a clock the test sets, and a model of the describe's own; set up around the describe. */
function timedServerFor(model: string): { clock: { now: Date }; origin: () => string } {
  const clock = { now: new Date() };
  let timed: RunningHttpServer | undefined;
  beforeAll(async () => {
    await t.repos.models.insertMany([
      {
        provider: "bedrock",
        model_id: model,
        enabled: true,
        created_at: new Date("2026-01-01T00:00:00Z"),
        model_metadata: { benchmark_profile_id: "story-64-v1" },
      },
    ]);
    timed = await startIngestServer(() => clock.now);
  });
  afterAll(async () => {
    await timed?.close();
  });
  return { clock, origin: () => new URL(timed!.url).origin };
}

describe("receipt retention", () => {
  const MODEL = "anthropic.r-v1";
  const timed = timedServerFor(MODEL);

  it("prunes receipts past the retention, keeps newer ones, and refuses a re-delivery of a pruned result", async () => {
    const start = new Date();
    timed.clock.now = start;
    const { receiptRetentionDays: days, leaseMinutes } = t.config.runner;
    expect(days).toBe(14);
    const work = await post(
      INGEST_PATHS.work,
      { provider: "bedrock", limit: 1, model: MODEL },
      tokens["ec2"],
      timed.origin(),
    );
    const [item] = (work.body as unknown as WorkResponse).items;
    const body = { item, result: { ok: true, metric: metricFor(item!) } };
    expect((await post(INGEST_PATHS.results, body, tokens["ec2"], timed.origin())).body).toMatchObject({
      outcome: "stored",
    });
    const receipts = t.repos.runnerReceipts;
    expect(await receipts.get(item!.claim_id)).toMatchObject({ state: "done" });
    // Newer: finished two days after the first; a recording cut short as long ago as the first.
    await t.db.collection<RunnerReceiptDoc>(RUNNER_RECEIPTS_COLLECTION).insertMany([
      {
        _id: "newer",
        runner: "ec2",
        state: "done",
        started_at: new Date(start.getTime() + 2 * DAY_MS),
        finished_at: new Date(start.getTime() + 2 * DAY_MS),
        outcome: {},
      },
      {
        _id: "stuck",
        runner: "ec2",
        state: "recording",
        started_at: start,
        finished_at: null,
        outcome: null,
      },
    ]);

    // Past the retention plus one lease: the next request (any route) prunes after answering.
    timed.clock.now = new Date(start.getTime() + days * DAY_MS + leaseMinutes * 60_000 + 3_600_000);
    expect(
      (
        await post(
          INGEST_PATHS.release,
          { claim_ids: ["x"], reason: "not_run" },
          tokens["ec2"],
          timed.origin(),
        )
      ).status,
    ).toBe(200);
    await vi.waitFor(async () => expect(await receipts.get(item!.claim_id)).toBeNull(), { timeout: 10_000 });
    expect(await receipts.get("stuck")).toBeNull();
    expect(await receipts.get("newer")).toMatchObject({ state: "done" });

    // The runner never saw the answer and sends again from its spool: refused as too old,
    // nothing stored twice, and no receipt written for it.
    const again = await post(INGEST_PATHS.results, body, tokens["ec2"], timed.origin());
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ outcome: "refused", reason: "past_retention", duplicate: false });
    expect(await metrics().countDocuments({ model_name: MODEL })).toBe(1);
    expect(await receipts.get(item!.claim_id)).toBeNull();
  });
});

describe("a late result whose claim was taken over and pruned", () => {
  const MODEL = "anthropic.p-v1";
  const timed = timedServerFor(MODEL);

  const work = async (token: string | undefined) =>
    (
      (await post(INGEST_PATHS.work, { provider: "bedrock", limit: 1, model: MODEL }, token, timed.origin()))
        .body as unknown as WorkResponse
    ).items;

  it("is refused as claim_expired and charged once, however often the runner delivers it", async () => {
    const start = new Date();
    timed.clock.now = start;
    const [item] = await work(tokens["ec2"]);
    // The lease runs out; another runner takes the model over, delivers, and a later claim
    // session deletes the old epoch.
    timed.clock.now = new Date(start.getTime() + t.config.runner.leaseMinutes * 60_000 + 1_000);
    const [next] = await work(tokens["ec2b"]);
    const stored = { item: next, result: { ok: true, metric: metricFor(next!) } };
    expect((await post(INGEST_PATHS.results, stored, tokens["ec2b"], timed.origin())).status).toBe(200);
    await work(tokens["ec2b"]);
    expect(await t.repos.benchmarkClaims.get(item!.claim_id)).toBeNull();

    const body = { item, result: { ok: true, metric: metricFor(item!) } };
    for (const _ of [1, 2]) {
      const late = await post(INGEST_PATHS.results, body, tokens["ec2"], timed.origin());
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ outcome: "refused", reason: "claim_expired" });
    }
    // The provider billed the late run: the day's budget counts it, once (at its estimate, charged
    // when the model was taken over from the runner that had stopped delivering).
    expect(await t.repos.spend.forRun(item!.claim_id)).toMatchObject([
      { model: MODEL, ok: false, costUsd: t.config.benchmark.unknownPriceUsd },
    ]);
    expect(await metrics().countDocuments({ model_name: MODEL })).toBe(1);
  });
});
