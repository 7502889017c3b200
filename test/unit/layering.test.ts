import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(root, file)).href)) as T;
const { layerBlocks, testBlocks, unplacedEntries } = await load<{
  layerBlocks: Linter.Config[];
  testBlocks: Linter.Config[];
  unplacedEntries: (dir: string) => string[];
}>("eslint.layers.js");

// Only the layering blocks, with the TypeScript parser but without type information: the snippets
// live at paths that do not exist, which the type-aware project service would refuse.
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ["**/*.ts"],
      languageOptions: { parser: tseslint.parser },
      plugins: { "@typescript-eslint": tseslint.plugin },
    },
    ...layerBlocks,
    ...testBlocks,
  ],
});

/** The rule ids reported for `code` placed at `path`. */
async function reported(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, "the snippet must parse").toEqual([]);
  return result!.messages.map((m) => m.ruleId ?? "");
}

const IMPORTS = "@typescript-eslint/no-restricted-imports";
const SYNTAX = "no-restricted-syntax";

describe("the layering lint", () => {
  it("is part of the project's ESLint config", async () => {
    const { default: config } = await load<{ default: Linter.Config[] }>("eslint.config.js");
    for (const b of [...layerBlocks, ...testBlocks]) expect(config).toContain(b);
    expect(unplacedEntries(join(root, "src"))).toEqual([]);
  });

  it("keeps services off the surfaces and the scheduler, types included", async () => {
    expect(await reported("src/admission/x.ts", 'import { runJob } from "../jobs/run-job.js";\n')).toEqual([
      IMPORTS,
    ]);
    expect(
      await reported("src/benchmark/x.ts", 'import type { JobRunner } from "../jobs/services.js";\n'),
    ).toEqual([IMPORTS]);
    expect(
      await reported(
        "src/invariants/checks/x.ts",
        'import { previousTick } from "../../jobs/cron-ticks.js";\n',
      ),
    ).toEqual([IMPORTS]);
    expect(await reported("src/signals/x.ts", 'import { allTools } from "../tools/index.js";\n')).toEqual([
      IMPORTS,
    ]);
    expect(await reported("src/signals/x.ts", 'import { previousTick } from "../cron-ticks.js";\n')).toEqual(
      [],
    );
    // A surface may import a service and the scheduler.
    expect(
      await reported("src/cli/commands/x.ts", 'import { runJob } from "../../jobs/run-job.js";\n'),
    ).toEqual([]);
  });

  it("keeps services off the scheduler's folder, job stores included (they live in storage)", async () => {
    const path = "src/liveness/healthz.ts";
    expect(
      await reported(path, 'import { JobStatusRepository } from "../jobs/job-status-repository.js";\n'),
    ).toEqual([IMPORTS]);
    expect(await reported(path, 'import { runJob } from "../jobs/run-job.js";\n')).toEqual([IMPORTS]);
  });

  it("keeps providers off storage, and stores off service code except types", async () => {
    expect(
      await reported(
        "src/providers/llm/x.ts",
        'import type { SpendLedger } from "../../storage/spend-repository.js";\n',
      ),
    ).toEqual([IMPORTS]);
    // ../catalog from src/providers/stream would be a folder below providers, not the catalog service;
    // the catalog readers live in the service (src/catalog/readers), so providers cannot reach them.
    expect(
      await reported("src/providers/stream/x.ts", 'import { safeErrorText } from "../catalog/http.js";\n'),
    ).toEqual([]);
    expect(
      await reported(
        "src/providers/stream/x.ts",
        'import { safeErrorText } from "../../catalog/readers/http.js";\n',
      ),
    ).toEqual([IMPORTS]);
    expect(
      await reported("src/storage/x.ts", 'import { evaluatePolicy } from "../policy/evaluate.js";\n'),
    ).toEqual([IMPORTS]);
    expect(
      await reported("src/storage/x.ts", 'import type { PolicyAction } from "../policy/evaluate.js";\n'),
    ).toEqual([]);
    expect(
      await reported("src/deps.ts", 'import { createRepositories } from "./storage/repositories.js";\n'),
    ).toEqual([IMPORTS]);
    expect(
      await reported("src/deps.ts", 'import type { Repositories } from "./storage/repositories.js";\n'),
    ).toEqual([]);
  });

  it("keeps heavy modules off the static imports of tools and server", async () => {
    for (const spec of [
      "@aws-sdk/client-bedrock-runtime",
      "openai",
      "nodemailer",
      "gpt-tokenizer/encoding/o200k_base",
      "../providers/stream/factory.js",
      "../providers/llm/index.js",
      "../benchmark/measure.js",
      "../benchmark/claimed-run.js",
      "../benchmark/index.js",
    ]) {
      expect(await reported("src/tools/x.ts", `import { a } from "${spec}";\n`), spec).toEqual([IMPORTS]);
      expect(await reported("src/server/x.ts", `import { a } from "${spec}";\n`), spec).toEqual([IMPORTS]);
      expect(await reported("src/tools/x.ts", `import type { A } from "${spec}";\n`), spec).toEqual([]);
      expect(
        await reported("src/tools/x.ts", `export const f = async () => (await import("${spec}")).a;\n`),
      ).toEqual([]);
    }
    expect(
      await reported("src/server/x.ts", 'import { getProfile } from "../benchmark/profiles.js";\n'),
    ).toEqual([]);
    // signals/read.ts is on the MCP start-up path too; the rest of signals is not.
    expect(await reported("src/signals/read.ts", 'import { a } from "gpt-tokenizer";\n')).toEqual([IMPORTS]);
    expect(await reported("src/signals/record.ts", 'import { a } from "nodemailer";\n')).toEqual([]);
    // The rule is for the start-up path only: a job may load them statically.
    expect(
      await reported("src/jobs/x.ts", 'import { runBenchmark } from "../benchmark/index.js";\n'),
    ).toEqual([]);
  });

  it("leaves the mongodb driver to storage and db, type imports and dynamic ones included", async () => {
    expect(await reported("src/tools/x.ts", 'import type { Filter } from "mongodb";\n')).toEqual([IMPORTS]);
    expect(await reported("src/signals/x.ts", 'import { ObjectId } from "mongodb";\n')).toEqual([IMPORTS]);
    expect(await reported("src/report/x.ts", 'export const m = () => import("mongodb");\n')).toEqual([
      SYNTAX,
    ]);
    expect(await reported("src/storage/x.ts", 'import { ObjectId } from "mongodb";\n')).toEqual([]);
    expect(await reported("src/db/x.ts", 'import { MongoClient } from "mongodb";\n')).toEqual([]);
    // No file is excepted any more: the stores of auth live in storage.
    expect(await reported("src/auth/tokens.ts", 'import type { Collection } from "mongodb";\n')).toEqual([
      IMPORTS,
    ]);
  });

  it("leaves process.env to the composition root", async () => {
    expect(await reported("src/operator/x.ts", "export const k = process.env.OPENAI_API_KEY;\n")).toEqual([
      "no-restricted-properties",
    ]);
    expect(await reported("src/config/x.ts", "const { env } = process;\nexport const k = env.X;\n")).toEqual([
      "no-restricted-properties",
    ]);
    expect(
      await reported("src/tools/x.ts", 'import { env } from "node:process";\nexport const k = env.X;\n'),
    ).toEqual([IMPORTS]);
    expect(await reported("src/server/x.ts", "export const k = globalThis.process.env.X;\n")).toEqual([
      SYNTAX,
    ]);
    expect(await reported("src/cli/main.ts", "export const k = process.env.X;\n")).toEqual([]);
  });

  it("leaves node-cron to the scheduler", async () => {
    expect(
      await reported("src/jobs/x.ts", 'import cron from "node-cron";\nexport const c = cron;\n'),
    ).toEqual([IMPORTS]);
    expect(await reported("src/benchmark/x.ts", 'export const c = () => import("node-cron");\n')).toEqual([
      SYNTAX,
    ]);
    expect(
      await reported("src/jobs/scheduler.ts", 'import cron from "node-cron";\nexport const c = cron;\n'),
    ).toEqual([]);
  });

  it("leaves the writes of `models` to src/mutations, the demo seeder and storage", async () => {
    const write = "export const w = (deps: any) => deps.repos.models.insertMany([]);\n";
    expect(await reported("src/admission/x.ts", write)).toEqual([SYNTAX]);
    expect(
      await reported("src/tools/x.ts", "export const w = (repos: any) => repos.models.updateOne({}, {});\n"),
    ).toEqual([SYNTAX]);
    expect(
      await reported(
        "src/operator/x.ts",
        "export const w = (repos: any) => repos.models.collectionForMutations();\n",
      ),
    ).toEqual([SYNTAX]);
    expect(await reported("src/mutations/x.ts", write)).toEqual([]);
    expect(await reported("src/demo/x.ts", write)).toEqual([]);
    // Reads, and other things called `models`, are fine anywhere.
    expect(
      await reported("src/admission/x.ts", "export const r = (deps: any) => deps.repos.models.find({});\n"),
    ).toEqual([]);
    expect(
      await reported("src/signals/x.ts", "export const r = (plan: any) => plan.models.set('a', 1);\n"),
    ).toEqual([]);
  });

  it("leaves applying and reverting mutation batches to src/decisions, types anywhere", async () => {
    const apply = 'import { applyBatch } from "../mutations/mutate.js";\n';
    expect(await reported("src/operator/x.ts", apply)).toEqual([IMPORTS]);
    expect(
      await reported(
        "src/cli/commands/x.ts",
        'import { revertBatchOnce } from "../../mutations/revert.js";\n',
      ),
    ).toEqual([IMPORTS]);
    expect(await reported("src/jobs/x.ts", 'const m = await import("../mutations/mutate.js");\n')).toEqual([
      SYNTAX,
    ]);
    expect(await reported("src/decisions/x.ts", apply)).toEqual([]);
    expect(
      await reported("src/admission/x.ts", 'import type { ChangeRequest } from "../mutations/mutate.js";\n'),
    ).toEqual([]);
  });
});

describe("the lint of the project's other rules", () => {
  it("leaves LLM calls to callWithinBudget", async () => {
    const metered =
      'import { meteredCall } from "../providers/llm/metered-call.js";\nexport const m = meteredCall;\n';
    expect(await reported("src/report/x.ts", metered)).toEqual([SYNTAX]);
    const complete = "export const ask = (backend: any, r: any) => backend.complete(r);\n";
    expect(await reported("src/admission/x.ts", complete)).toEqual([SYNTAX]);
    expect(await reported("src/jobs/fingerprints/x.ts", complete)).toEqual([SYNTAX]);
    expect(await reported("src/operator/budgeted-call.ts", metered)).toEqual([]);
    expect(await reported("src/providers/llm/x.ts", complete)).toEqual([]);
    // The other exports of metered-call.ts (error text, cost) are fine anywhere.
    expect(
      await reported(
        "src/admission/x.ts",
        'import { safeErrorText } from "../providers/llm/metered-call.js";\nexport const s = safeErrorText;\n',
      ),
    ).toEqual([]);
  });

  it("leaves reading a budget to src/policy/budgets.ts", async () => {
    expect(
      await reported("src/tools/x.ts", "export const b = (config: any) => config.operator.dailyBudgetUsd;\n"),
    ).toEqual([SYNTAX]);
    expect(
      await reported(
        "src/invariants/checks/x.ts",
        "export const b = (current: any) => current.policy.budgets?.operator_usd_per_day;\n",
      ),
    ).toEqual([SYNTAX]);
    expect(
      await reported(
        "src/report/x.ts",
        "export const b = (policy: any) => { const { budgets } = policy; return budgets; };\n",
      ),
    ).toEqual([SYNTAX]);
    expect(
      await reported("src/policy/budgets.ts", "export const b = (policy: any) => policy.budgets;\n"),
    ).toEqual([]);
    // A view's BudgetsInForce is what the rule asks for.
    expect(
      await reported("src/report/x.ts", "export const b = (budgets: any) => budgets.operator.usd_per_day;\n"),
    ).toEqual([]);
  });

  it("leaves raw terminal writes to the CLI and the logger; elsewhere they pass redactSecrets", async () => {
    const raw = "export const w = (m: string) => process.stderr.write(m);\n";
    expect(await reported("src/db/x.ts", raw)).toEqual([SYNTAX]);
    expect(
      await reported("src/server/x.ts", "export const w = (m: string) => process.stdout.write(m);\n"),
    ).toEqual([SYNTAX]);
    expect(
      await reported(
        "src/db/x.ts",
        'import { redactSecrets } from "../logger.js";\nexport const w = (m: string) => process.stderr.write(redactSecrets(m));\n',
      ),
    ).toEqual([]);
    expect(await reported("src/cli/commands/x.ts", raw)).toEqual([]);
    expect(await reported("src/logger.ts", raw)).toEqual([]);
  });

  it("leaves the clock of a measurement to the arrival worker and the core's one clock", async () => {
    const perf = "export const t = () => performance.now();\n";
    const hr = "export const t = () => process.hrtime.bigint();\n";
    expect(await reported("src/providers/stream/x.ts", perf)).toEqual([SYNTAX]);
    expect(await reported("src/providers/stream/x.ts", hr)).toEqual([SYNTAX]);
    expect(await reported("src/benchmark/schedule/x.ts", perf)).toEqual([SYNTAX]);
    expect(await reported("src/providers/stream/arrival-worker.ts", hr)).toEqual([]);
    expect(await reported("src/benchmark/measure.ts", perf)).toEqual([]);
    // Elsewhere a duration is not a measurement.
    expect(await reported("src/jobs/x.ts", perf)).toEqual([]);
  });

  it("leaves gpt-tokenizer to src/providers/tokenizer.ts", async () => {
    expect(
      await reported(
        "src/benchmark/x.ts",
        'import { encode } from "gpt-tokenizer";\nexport const e = encode;\n',
      ),
    ).toEqual([IMPORTS]);
    expect(
      await reported(
        "src/operator/x.ts",
        'import { createRequire } from "node:module";\nexport const t = () => createRequire(import.meta.url)("gpt-tokenizer/encoding/o200k_base");\n',
      ),
    ).toEqual([SYNTAX]);
    expect(await reported("src/report/x.ts", 'export const t = () => import("gpt-tokenizer");\n')).toEqual([
      SYNTAX,
    ]);
    expect(
      await reported(
        "src/providers/tokenizer.ts",
        'import { createRequire } from "node:module";\nexport const t = () => createRequire(import.meta.url)("gpt-tokenizer/encoding/o200k_base");\n',
      ),
    ).toEqual([]);
  });

  it("keeps tests on the real parts: no vi.mock of src, no spy on a store", async () => {
    const imports = 'import { vi } from "vitest";\n';
    expect(
      await reported("test/unit/x.test.ts", `${imports}vi.mock("../../src/storage/models-repository.js");\n`),
    ).toEqual([SYNTAX]);
    expect(
      await reported(
        "test/integration/x.test.ts",
        `${imports}vi.doMock(import("../../src/decisions/service.js"));\n`,
      ),
    ).toEqual([SYNTAX]);
    expect(
      await reported(
        "test/integration/x.test.ts",
        `${imports}export const s = (t: any) => vi.spyOn(t.repos.models, "updateOne");\n`,
      ),
    ).toEqual([SYNTAX]);
    expect(
      await reported(
        "bench/x.ts",
        `${imports}export const s = (ModelsRepository: any) => vi.spyOn(ModelsRepository.prototype, "find");\n`,
      ),
    ).toEqual([SYNTAX]);
    // Capturing what the process prints is no mock of ours.
    expect(await reported("test/unit/x.test.ts", `${imports}vi.spyOn(process.stderr, "write");\n`)).toEqual(
      [],
    );
  });
});

describe("the import cycle check", () => {
  const script = join(root, "tools/check-imports.mjs");
  const fixture = mkdtempSync(join(tmpdir(), "cycles-"));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  const run = (dir?: string) => {
    const r = spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { cwd: root, encoding: "utf8" });
    return { status: r.status, out: r.stdout + r.stderr };
  };

  it("finds a cycle made of a type import and prints it", () => {
    mkdirSync(join(fixture, "a"));
    writeFileSync(join(fixture, "a/job.ts"), 'import type { S } from "./services.js";\nexport type J = S;\n');
    writeFileSync(
      join(fixture, "a/services.ts"),
      'import type { J } from "./job.js";\nexport type S = J[];\n',
    );
    writeFileSync(join(fixture, "b.ts"), 'import type { J } from "./a/job.js";\nexport type B = J;\n');
    // A dynamic import back is not a cycle: it is how a module defers a dependency.
    writeFileSync(join(fixture, "c.ts"), 'export const f = () => import("./d.js");\n');
    writeFileSync(join(fixture, "d.ts"), 'import { f } from "./c.js";\nexport const g = f;\n');
    const { status, out } = run(fixture);
    expect(status).toBe(1);
    expect(out).toContain("cycle, 2 files: a/job.ts -> a/services.ts -> a/job.ts");
    expect(out).toContain("5 files, 1 cycle(s), 1 not known, 0 known gone");
  });

  it("finds no cycle in src", () => {
    const { status, out } = run();
    expect(out).toMatch(/\d+ files, 0 cycle\(s\), 0 not known, 0 known gone/);
    expect(status).toBe(0);
  });
});
