import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerReportCommands } from "../../src/cli/commands/report.js";
import { registerSignalsCommands } from "../../src/cli/commands/signals.js";
import { registerSituationsCommands } from "../../src/cli/commands/situations.js";
import { escapeHtml } from "../../src/console/escape.js";
import { esc } from "../../src/report/escape.js";
import { backfillSignals } from "../../src/signals/backfill.js";
import { getModelSignals } from "../../src/signals/read.js";
import type { ErrorDoc } from "../../src/storage/documents.js";
import { call, connect, sharedFor } from "../e2e/support/in-memory.js";
import { httpSignIn, startConsole, type ConsoleFixture } from "../browser/support.js";
import { inProcessCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { addModels, failure } from "../unit/jobs/fixtures.js";

/**
 * A person reads a provider's error as the provider said it (capitals, the model id, numbers), with
 * secrets redacted, on every surface: the console, the report, the MCP tools and the CLI. The
 * normalized text (lowercased, ids and numbers masked) still groups: two messages that differ only
 * in a number and the model id are one situation. A rollup stored before the display copy existed
 * still reads.
 */
const NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const ago = (h: number): Date => new Date(NOW.getTime() - h * 3_600_000);
const KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5q";
const GROQ_KEY = "gsk_AbCdEfGhIjKl12345678";

/** What the provider said, on two lines, with a request number and a key in it. */
const gone = (model: string, request: number): string =>
  `Error code: 404 -\n  The model \`${model}\` does not exist or you do not have access to it. (Request ${request}, key ${KEY})`;
/** As a person is shown it: one line, the key redacted, everything else as said. */
const shownGone = (model: string, request: number): string =>
  `Error code: 404 - The model \`${model}\` does not exist or you do not have access to it. (Request ${request}, key [redacted])`;
const CONTEXT =
  "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.";
const RETIRED =
  "The model `llama-3.1-70b-SpecDec` has been decommissioned and is no longer supported. Key " + GROQ_KEY;
const SHOWN_RETIRED =
  "The model `llama-3.1-70b-SpecDec` has been decommissioned and is no longer supported. Key [redacted]";

let t: TestDatabase;
let agent: Client;
let consoleServer: ConsoleFixture;
let cookie: string;
type L = Record<string, unknown>;

const cli = (...args: string[]): Promise<string> =>
  inProcessCli(
    () => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.mongodb.db }),
    [registerReportCommands, registerSignalsCommands, registerSituationsCommands],
  )(...args);
const page = async (path: string): Promise<string> => {
  const res = await fetch(`${consoleServer.origin}${path}`, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return res.text();
};
const flat = (text: string): string => text.replace(/\s+/g, " ");
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const untrustedText = (v: unknown): string =>
  (v as { untrusted_provider_text: string }).untrusted_provider_text;

/** One failed run of `model`, `h` hours ago, recorded as the benchmark records it. */
const error = (provider: string, model: string, h: number, message: string, status: number): Promise<void> =>
  failure(t.repos, provider, model, ago(h), message, status);

/** No secret, no mask: what no surface may show. */
function expectNoSecretOrMask(text: string, where: string): void {
  expect(text, where).not.toContain(KEY);
  expect(text, where).not.toContain(GROQ_KEY);
  expect(text, where).not.toContain("<model>");
  expect(text, where).not.toContain("&lt;model&gt;");
}

beforeAll(async () => {
  t = await openTestDatabase("display-messages");
  const created = ago(24 * 60);
  await addModels(t.repos, "openai", ["gpt-4-32k", "gpt-4-0314", "o3-mini"], created);
  await addModels(t.repos, "groq", ["llama-3.1-70b-SpecDec"], created);
  await addModels(t.repos, "mistral", ["mistral-tiny-2312"], created);
  // Two models gone with messages that differ only in the model id and the request number.
  for (const [h, request] of [
    [72, 4710],
    [30, 4711],
    [2, 4712],
  ] as const)
    await error("openai", "gpt-4-32k", h, gone("gpt-4-32k", request), 404);
  await error("openai", "gpt-4-0314", 60, gone("gpt-4-0314", 5120), 404);
  await error("openai", "gpt-4-0314", 3, gone("gpt-4-0314", 5121), 404);
  // An error of ours: the report's adapter fixes show it.
  await error("openai", "o3-mini", 5, CONTEXT, 400);
  // Another runner's documents, as it stored them (not redacted, no kind), folded by the backfill.
  await t.repos.errors.insertMany(
    [50, 4].map(
      (h) =>
        ({
          provider: "groq",
          model_name: "llama-3.1-70b-SpecDec",
          ts: ago(h),
          stage: "generate",
          message: RETIRED,
          http_status: 404,
        }) as unknown as ErrorDoc,
    ),
  );
  await backfillSignals(t.repos, { now: NOW });

  agent = await connect(sharedFor(t, NOW), { name: "display-bot", role: "agent" });
  consoleServer = await startConsole(t, NOW);
  cookie = await httpSignIn(consoleServer.origin, consoleServer.tokens.viewer);
}, 120_000);

afterAll(async () => {
  await consoleServer?.http.close();
});

describe("a provider's error message, as a person is shown it", () => {
  it("groups as before: two messages differing in a number and the model id are one situation", async () => {
    const r = (await call(agent, "list_situations", { provider: "openai", kind: "model_not_found" }))
      .structured as L;
    const situations = r["situations"] as L[];
    expect(situations).toHaveLength(1);
    expect(situations[0]).toMatchObject({ model_count: 2, model_ids: ["gpt-4-0314", "gpt-4-32k"] });
    // One sample: the members' messages are one message by their normalized text.
    const samples = (situations[0]!["sample_messages"] as unknown[]).map(untrustedText);
    expect(samples).toHaveLength(1);
    expect([shownGone("gpt-4-32k", 4712), shownGone("gpt-4-0314", 5121)]).toContain(samples[0]);
    const fingerprints = await Promise.all(
      ["gpt-4-32k", "gpt-4-0314"].map(
        async (m) => (await getModelSignals(t.repos, "openai", m, NOW))!.lastError!.fingerprint,
      ),
    );
    expect(new Set(fingerprints).size).toBe(1);
  });

  it("get_model_signals and list_situations show the provider's words, the key redacted", async () => {
    const r = (await call(agent, "get_model_signals", { provider: "openai", model_id: "gpt-4-32k" }))
      .structured as L;
    expect(untrustedText((r["last_error"] as L)["message"])).toBe(shownGone("gpt-4-32k", 4712));
    const recent = (r["recent_errors"] as L[]).map((e) => untrustedText(e["message"]));
    expect(recent).toEqual([shownGone("gpt-4-32k", 4712)]);

    // Folded by the backfill from another runner's unredacted document: redacted all the same.
    const groq = (
      await call(agent, "get_model_signals", { provider: "groq", model_id: "llama-3.1-70b-SpecDec" })
    ).structured as L;
    expect(groq["last_error"]).toMatchObject({ kind: "model_retired" });
    expect(untrustedText((groq["last_error"] as L)["message"])).toBe(SHOWN_RETIRED);

    const all = JSON.stringify((await call(agent, "list_situations")).structured);
    expect(all).toContain(JSON.stringify(SHOWN_RETIRED));
    expect(all).toContain("maximum context length is 128000 tokens");
    expectNoSecretOrMask(all, "list_situations");
    expectNoSecretOrMask(JSON.stringify(r), "get_model_signals");
    expectNoSecretOrMask(JSON.stringify(groq), "get_model_signals groq");
  });

  it("the console's Situations and model pages show them", async () => {
    const situations = await page("/console/situations");
    expect(situations).toContain(escapeHtml(SHOWN_RETIRED));
    expect(situations).toContain("maximum context length is 128000 tokens");
    expect(
      [shownGone("gpt-4-32k", 4712), shownGone("gpt-4-0314", 5121)].some((m) =>
        situations.includes(escapeHtml(m)),
      ),
    ).toBe(true);
    expectNoSecretOrMask(situations, "/console/situations");

    // Each situation carries the id the CLI and the tools cite; /console/situations/<id> leads to it.
    const ids = (
      (await call(agent, "list_situations")).structured?.["situations"] as { situation_id: string }[]
    ).map((x) => x.situation_id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(situations).toContain(`<section id="${id}"`);
    const link = await fetch(`${consoleServer.origin}/console/situations/${ids[0]}`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect([link.status, link.headers.get("location")]).toEqual([303, `/console/situations#${ids[0]}`]);
    const over = await fetch(`${consoleServer.origin}/console/situations/sit_000000000000`, {
      headers: { cookie },
    });
    expect(over.status).toBe(404);
    expect(await over.text()).toContain("No models fail as situation sit_000000000000 now");

    const model = await page("/console/models/openai/gpt-4-32k");
    // The last failure beside the chart and the recent messages.
    expect(model.split(escapeHtml(shownGone("gpt-4-32k", 4712))).length - 1).toBe(2);
    expectNoSecretOrMask(model, "/console/models/openai/gpt-4-32k");
  });

  it("the report (text and HTML) shows them in its situations, likely-gone models and adapter fixes", async () => {
    const text = flat(await cli("report", "health", "--dry-run", "--no-assessment"));
    expect(text).toMatch(
      new RegExp(
        `- openai:gpt-4-32k model_not_found, failing for [\\d.]+ h: "${escapeRe(shownGone("gpt-4-32k", 4712))}"`,
      ),
    );
    expect(text).toContain(`sample: "${SHOWN_RETIRED}"`);
    expect(text).toContain(`sample: "${CONTEXT}"`);
    expectNoSecretOrMask(text, "report text");

    const html = await cli("report", "health", "--dry-run", "--no-assessment", "--html");
    expect(html).toContain(esc(shownGone("gpt-4-32k", 4712)));
    expect(html).toContain(esc(SHOWN_RETIRED));
    expect(html).toContain("maximum context length is 128000 tokens");
    expectNoSecretOrMask(html, "report html");
  });

  it("the CLI's signals show and situations --json show them", async () => {
    const shown = await cli("signals", "show", "openai", "gpt-4-32k");
    expect(shown).toContain(`] ${shownGone("gpt-4-32k", 4712)}`);
    expectNoSecretOrMask(shown, "signals show");

    const json = JSON.parse(await cli("situations", "--json")) as {
      provider: string;
      sampleMessages: string[];
    }[];
    const groq = json.find((s) => s.provider === "groq");
    expect(groq?.sampleMessages).toEqual([SHOWN_RETIRED]);
    expectNoSecretOrMask(JSON.stringify(json), "situations --json");
  });
});

describe("a rollup stored before the display copy existed", () => {
  it("shows its normalized message as before, and the next error written over it shows the provider's words", async () => {
    await error(
      "mistral",
      "mistral-tiny-2312",
      10,
      "404 Model 'mistral-tiny-2312' not found (Request 9001)",
      404,
    );
    // The shape an older version stored: the same document without the display copies.
    const key = "mistral:mistral-tiny-2312";
    const before = (await t.repos.signals.getStatus(key))!;
    const unset: Record<string, ""> = { last_error_display_message: "" };
    for (const fp of Object.keys(before.recent_errors ?? {}))
      unset[`recent_errors.${fp}.display_message`] = "";
    await t.db.collection<{ _id: string }>("model_signals").updateOne({ _id: key }, { $unset: unset });
    await t.repos.signals.packedStatuses.invalidate();
    const old = (await t.repos.signals.getStatus(key))!;
    expect(old).not.toHaveProperty("last_error_display_message");
    const normalized = old.last_error_message!;
    expect(normalized).toBe("404 model '<model>' not found (request <n>)");

    const r = (await call(agent, "get_model_signals", { provider: "mistral", model_id: "mistral-tiny-2312" }))
      .structured as L;
    expect(untrustedText((r["last_error"] as L)["message"])).toBe(normalized);
    expect((r["recent_errors"] as L[]).map((e) => untrustedText(e["message"]))).toEqual([normalized]);
    expect(await page("/console/models/mistral/mistral-tiny-2312")).toContain(escapeHtml(normalized));
    expect(await cli("signals", "show", "mistral", "mistral-tiny-2312")).toContain(`] ${normalized}`);
    const json = JSON.parse(await cli("situations", "--json")) as {
      provider: string;
      sampleMessages: string[];
    }[];
    expect(json.find((s) => s.provider === "mistral")?.sampleMessages).toEqual([normalized]);

    await error(
      "mistral",
      "mistral-tiny-2312",
      1,
      "404 Model 'mistral-tiny-2312' not found (Request 9002)",
      404,
    );
    const after = (await getModelSignals(t.repos, "mistral", "mistral-tiny-2312", NOW))!;
    expect(after.lastError).toMatchObject({
      message: normalized,
      displayMessage: "404 Model 'mistral-tiny-2312' not found (Request 9002)",
    });
    expect(after.recentErrors.map((e) => e.display_message)).toEqual([
      "404 Model 'mistral-tiny-2312' not found (Request 9002)",
    ]);
  });

  it("groups another runner's messages that differ only in a key it left in them", async () => {
    // Stored without a fingerprint, so the fold computes one: from the redacted text, as our writers do,
    // or each key would make its own group of one message.
    const keys = [GROQ_KEY, "gsk_ZyXwVuTsRqPo98765432"];
    await t.repos.errors.insertMany(
      keys.map(
        (key, i) =>
          ({
            provider: "groq",
            model_name: "qwen-2.5-32b",
            ts: ago(3 - i),
            stage: "generate",
            message: `Invalid API Key ${key} for model qwen-2.5-32b`,
            http_status: 401,
          }) as unknown as ErrorDoc,
      ),
    );
    await backfillSignals(t.repos, { now: NOW });
    const s = (await getModelSignals(t.repos, "groq", "qwen-2.5-32b", NOW))!;
    expect(s.recentErrors.map((e) => [e.kind, e.count])).toEqual([["auth", 2]]);
    for (const key of keys) expect(JSON.stringify(s)).not.toContain(key);
  });
});
