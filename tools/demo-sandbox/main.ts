/**
 * A local sandbox for the demo fleet: every keyed provider, and the operator's LLM, answered on
 * 127.0.0.1 as the demo's ground truth says, so that what needs a provider to answer (benchmark
 * runs, admission probes and the id-guess loop, recovery probes, LLM decisions, the email's
 * assessment) can be run on the demo's data with no key and no network.
 *
 *   npm run demo && npm run demo:sandbox          (then, in another terminal, the commands it prints)
 *   npm run demo:sandbox -- --port 8790 --env-out .demo-sandbox.env
 *
 * It reads the demo's manifest and catalog once (from MONGODB_DB, as every command does), writes
 * the environment that points the CLI at it to the env file, and serves until Ctrl-C.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createCliContext } from "../../src/cli/context.js";
import type { DemoManifest } from "../../src/demo/manifest.js";
import { SandboxFleet } from "./behaviour.js";
import { startSandbox } from "./server.js";

/** A call that never answers ends at this deadline (the sandbox's timeouts), not after two minutes. */
const RUN_DEADLINE_MS = "10000";
/**
 * One admission pass takes this many new candidates (default 25), so that the id-guess loop shows
 * within four or five passes; the policy's per-provider cap still admits ten guesses a pass.
 */
const ADMISSION_PER_PASS = "200";

const { values } = parseArgs({
  options: { port: { type: "string" }, "env-out": { type: "string" } },
});
const envFile = values["env-out"] ?? ".demo-sandbox.env";
const ctx = createCliContext(process.env);
const dbName = ctx.config().mongodb.db;

const { manifest, catalog } = await ctx.withDatabase(async ({ repos }) => ({
  manifest: await repos.demoManifest.read<DemoManifest>(),
  catalog: await repos.providerCatalog.find(),
}));
if (!manifest || manifest.status !== "complete") {
  process.stderr.write(
    `No complete demo fleet in database ${dbName}: run \`npm run demo\` first (with --db ${dbName} and MONGODB_DB=${dbName} for another name).\n`,
  );
  process.exit(2);
}

const sandbox = await startSandbox(new SandboxFleet(manifest, catalog), {
  ...(values.port ? { port: Number(values.port) } : {}),
});
const env: Record<string, string> = {
  ...(process.env["MONGODB_DB"] ? { MONGODB_DB: process.env["MONGODB_DB"] } : {}),
  ...(process.env["MONGODB_URI"] ? { MONGODB_URI: process.env["MONGODB_URI"] } : {}),
  ...sandbox.env,
  BENCH_RUN_DEADLINE_MS: RUN_DEADLINE_MS,
  ADMISSION_MAX_PER_PASS: ADMISSION_PER_PASS,
};
writeFileSync(
  envFile,
  Object.entries(env)
    .map(([k, v]) => `${k}=${v}\n`)
    .join(""),
);

process.stdout.write(
  [
    `Sandbox for the demo fleet in ${dbName}: ${Object.keys(sandbox.env).length / 2} providers and the operator's LLM at ${sandbox.url}`,
    "(Bedrock and Vertex stay not configured). Every answer follows the demo's ground truth; the LLM is a",
    "set of fixed rules, not a model, and says so in its reasoning. Its environment is in " + envFile + ".",
    "",
    "In another terminal:",
    `  set -a; . ${envFile.startsWith("/") ? envFile : `./${envFile}`}; set +a`,
    "  npx bench-operator jobs run benchmark-sweep               # measure the fleet against the sandbox",
    "  npx bench-operator jobs run admission-retirement          # new catalog models; the LLM guesses ids",
    "  npx bench-operator jobs run benchmark-sweep               # probes the candidates and the guesses",
    "  npx bench-operator admission guesses                      # each guess and the error that refuted it",
    "     (the two jobs again, four or five times: a refuted guess goes back to the LLM with the error)",
    "  npx bench-operator models recheck anthropic claude-2.1 claude-haiku-4-5-20240106 --reason 'back?'",
    "  npx bench-operator operator run --dry-run --ask-llm       # what the LLM would decide (one call, charged)",
    "  npx bench-operator report health --dry-run                # the email with the LLM's assessment",
    "  npx bench-operator costs                                  # what all that cost, against the budgets",
    "",
    "Ctrl-C stops the sandbox.",
    "",
  ].join("\n"),
);

const stop = (): void => {
  void sandbox.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
