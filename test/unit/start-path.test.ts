import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const { loadClosure } = (await import(pathToFileURL(join(root, "tools/load-closure.mjs")).href)) as {
  loadClosure: (dir: string, entries: string[]) => { files: string[]; packages: Map<string, string[]> };
};
const src = join(root, "src");

/**
 * What a client waits for must not load what only a call needs: the AWS SDK, openai,
 * nodemailer and the tokenizer (each 100 ms or more to load), and the database driver, which
 * `withDatabase` loads while the session already answers (CONTRIBUTING.md, "Start-up time").
 */
const HEAVY = /^(@aws-sdk\/|@smithy\/|openai$|nodemailer$|gpt-tokenizer$|mongodb$)/;
/**
 * Our files that only a call needs: stream adapters, LLM clients, the measurement core, and the
 * services behind the write tools (decisions, the mutation path, the operator run, the claims),
 * which are half of the tools' import graph.
 */
const CALL_ONLY =
  /^(providers\/stream\/|providers\/llm\/(index|openai.*|bedrock.*)\.ts|benchmark\/(index|schedule\/claim)\.ts|decisions\/|mutations\/|operator\/run\.ts)/;

/** One line per offending package, with the chain of files that loads it. */
function heavy(entries: string[]): string[] {
  const { files, packages } = loadClosure(src, entries);
  return [
    ...[...packages].filter(([name]) => HEAVY.test(name)).map(([, chain]) => chain.join(" -> ")),
    ...files.filter((f) => CALL_ONLY.test(f)),
  ];
}

describe("the start path", () => {
  it("of `bench-operator mcp`, up to the first tools/list, loads nothing heavy", () => {
    // main.ts imports the mcp group with `await import()`, and the group imports the server
    // the same way: these three files and what they import statically are the start.
    expect(heavy(["cli/main.ts", "cli/commands/mcp.ts", "server/stdio.ts"])).toEqual([]);
  });

  it("of `bench-operator mcp` lists the tools without loading them or the services they use", () => {
    // tools/list answers from src/tools/listings.ts; each tool's module (its zod schemas, its
    // handler, the services, the catalog and signals code it imports) loads on the first call
    // or right after the first tools/list, and the console endpoint with the database.
    const { files } = loadClosure(src, ["cli/main.ts", "cli/commands/mcp.ts", "server/stdio.ts"]);
    expect(files.filter((f) => f.startsWith("tools/"))).toEqual(["tools/access.ts", "tools/listings.ts"]);
    expect(files.filter((f) => /^(catalog|signals|operator|fleet|storage|console)\//.test(f))).toEqual([]);
  });

  it("of `serve` loads nothing heavy before it listens", () => {
    expect(heavy(["cli/main.ts", "cli/commands/serve.ts"])).toEqual([]);
  });

  it("of `serve` listens without the tools' services, the console or the runner ingest API", () => {
    // serve.ts loads these three (and the driver, in withDatabase) before it listens; the HTTP
    // server loads the services on the first need, the console and the ingest API on their first
    // request (src/server/http.ts), so the first initialize and tools/list wait for none of them.
    const { files } = loadClosure(src, [
      "cli/main.ts",
      "cli/commands/serve.ts",
      "server/http.ts",
      "liveness/healthz.ts",
      "jobs/shutdown.ts",
    ]);
    expect(files.filter((f) => f.startsWith("tools/"))).toEqual(["tools/access.ts", "tools/listings.ts"]);
    expect(files.filter((f) => /^(catalog|signals|operator|fleet|decisions|taxonomy)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith("console/"))).toEqual(["console/path.ts"]);
    expect(files).not.toContain("server/ingest.ts");
    expect(files).not.toContain("runner/schedule-source.ts");
  });

  it("of `--help` loads commander and our own small files only", () => {
    const { files, packages } = loadClosure(src, ["cli/main.ts"]);
    expect([...packages.keys()]).toEqual(["commander"]);
    expect(files.length).toBeLessThan(10);
  });

  it("of `report health --dry-run` does not load nodemailer (it loads on the first send)", () => {
    expect(heavy(["cli/main.ts", "cli/commands/report.ts"])).toEqual([]);
  });

  it("of `serve`'s jobs loads no provider client: the AWS SDK and openai wait for a sweep or an LLM call", () => {
    // serve starts the jobs 1 s after it listens, on the same thread as the first calls; the stream
    // adapters load when a sweep or a recovery probe starts, the operator's backends on their first call.
    const { packages } = loadClosure(src, ["jobs/scheduler.ts", "jobs/wiring.ts"]);
    const providerClients = [...packages]
      .filter(([name]) => /^(@aws-sdk\/|@smithy\/|openai$|nodemailer$|gpt-tokenizer$)/.test(name))
      .map(([, chain]) => chain.join(" -> "));
    expect(providerClients).toEqual([]);
  });
});

describe("the load-closure check", () => {
  const dir = mkdtempSync(join(tmpdir(), "load-closure-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string): void => {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  write("entry.ts", 'import { a } from "./a.js";\nexport const e = a;\n');
  write("a.ts", 'import { b } from "./b.js";\nexport const a = b;\n');
  write("b.ts", 'import OpenAI from "openai";\nexport const b = OpenAI;\n');
  write("typed.ts", 'import type OpenAI from "openai";\nexport type T = OpenAI;\n');
  write("lazy.ts", 'export const l = async () => (await import("openai")).default;\n');
  write("inline.ts", 'import { type ClientOptions } from "openai";\nexport type O = ClientOptions;\n');

  it("finds a package loaded two files away, with the chain that loads it", () => {
    const { files, packages } = loadClosure(dir, ["entry.ts"]);
    expect(files).toEqual(["a.ts", "b.ts", "entry.ts"]);
    expect(packages.get("openai")).toEqual(["entry.ts", "a.ts", "b.ts", "openai"]);
  });

  it("leaves out `import type` and `await import()`, but not an inline `type` import", () => {
    expect(loadClosure(dir, ["typed.ts"]).packages.size).toBe(0);
    expect(loadClosure(dir, ["lazy.ts"]).packages.size).toBe(0);
    // verbatimModuleSyntax keeps `import { type X } from "m"` as `import {} from "m"`: a load.
    expect([...loadClosure(dir, ["inline.ts"]).packages.keys()]).toEqual(["openai"]);
  });
});
