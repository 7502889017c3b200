// The layering of src/, enforced by lint (issue 14). eslint.config.js spreads `layerBlocks`;
// test/unit/layering.test.ts lints snippets with exactly these blocks to prove each rule bites.
//
// Layer    Under src/                                       May import
// surface  cli server tools jobs console                    anything below; cli/main.ts is the composition root
// service  admission auth benchmark catalog decisions demo  other services, base, leaves; never a surface or
//          fleet invariants liveness mutations              the scheduler (jobs)
//          operator policy report runner signals
// base     storage db providers                             leaves, and services' types (a stored document
//                                                           names a domain type); providers never storage
// leaf     config taxonomy errors.ts logger.ts deps.ts      leaves, and base's types (deps.ts names Repositories)
//          scheduled-work.ts cron-ticks.ts
//
// Besides the layers:
// - tools, server and signals/read.ts never statically import what is heavy to load (the stream adapters, the LLM
//   clients, the measurement core, the mailer, the AWS SDK, openai, nodemailer, gpt-tokenizer):
//   every tool module loads when the MCP server starts. `import type` and `await import()` are fine.
// - only storage and db import the `mongodb` driver, types included (storage exports the id types).
// - only src/cli/main.ts reads `process.env`.
// - only src/jobs/scheduler.ts imports `node-cron` (the cron wiring): a job gives its schedule as data.
// - only mutations (and the demo seeder, and storage itself) call the `models` store's writes.
// - only decisions imports values from mutations (`applyBatch`, reverts, recovery): every fleet change is a
//   decision first; types are fine anywhere.
// - every LLM question goes through `callWithinBudget` (src/operator/budgeted-call.ts): nothing else calls
//   `meteredCall` or a backend's `complete` (the providers themselves excepted).
// - a budget is read only through src/policy/budgets.ts: nothing else reads a policy's `budgets` or a
//   setting's `dailyBudgetUsd` (config, which defines them, excepted).
// - a direct write to process.stdout / process.stderr outside the CLI and the logger passes
//   `redactSecrets(...)`: secrets never reach a terminal or a log file.
// - the adapters and the rest of the measurement core (benchmark, providers) take no clock of their own
//   (`performance.now`, `process.hrtime`): a run's times are the arrival worker's, bridged onto the one
//   clock of benchmark/measure.ts (arrival.ts, clock-bridge.ts).
// - only src/providers/tokenizer.ts loads gpt-tokenizer (the one o200k counter; tools, server and
//   signals/read.ts have `heavy` instead).
// - no import cycles in src: `node tools/check-imports.mjs` (in `npm run lint`).
// - tests and benches never mock our own modules (`vi.mock` of src/) nor spy on a store: they use the
//   real parts (`testBlocks`, spread into eslint.config.js for test/ and bench/).
//
// ESLint keeps one option set per rule and file (a later block replaces an earlier one), so the
// blocks below are generated: every file gets the union of the restrictions that apply to it.
import { readdirSync } from "node:fs";

const LAYERS = {
  surface: ["cli", "server", "tools", "jobs", "console"],
  service: [
    "admission",
    "auth",
    "benchmark",
    "catalog",
    "decisions",
    "demo",
    "fleet",
    "liveness",
    "invariants",
    "mutations",
    "operator",
    "policy",
    "report",
    "runner",
    "signals",
  ],
  base: ["storage", "db", "providers"],
  leaf: ["config", "taxonomy", "errors.ts", "logger.ts", "deps.ts", "scheduled-work.ts", "cron-ticks.ts"],
};

// Files allowed to break a rule for a while (a move in progress). Empty: every store lives in
// src/storage since issue 14. Adding a file here needs a reason in review.
const PENDING = {
  // Still import `mongodb` outside storage and db.
  mongodb: [],
  // Services that still read the job-status and heartbeat stores from src/jobs (A moves them):
  // they may import those two modules of jobs/ and nothing else.
  jobStores: [],
  // Builds stores that still live in service folders (B moves them) from their values.
  storeValues: [],
};

// Deeper than any folder today (2), so a new subfolder is covered too.
// Files outside tools and server that an MCP server loads at start-up, held to the same rule.
const STARTUP_PATH = ["src/signals/read.ts"];

const FOLDER_DEPTHS = [1, 2, 3, 4];
const alt = (names) => `(${names.join("|")})`;
const folders = (names) => names.filter((n) => !n.endsWith(".ts"));

// An import of a top-level folder of src, written from a file `depth` folders below src. Matching
// on the exact number of `../` keeps `src/catalog` apart from a same-named folder below another one.
function intoSrc(depth, names, rest = "/") {
  const up = depth === 0 ? "\\./" : `(\\.\\./){${depth}}`;
  return `^${up}${alt(names)}${rest}`;
}

const HEAVY_PACKAGES = "^(@aws-sdk/|@smithy/|openai(/|$)|nodemailer(/|$)|gpt-tokenizer(/|$))";
const MODELS_WRITE =
  "/^(insert|update|replace|delete|remove|upsert|bulkWrite|findOneAnd|collectionFor|set|create|apply|revert|cas|write|save|put|enable|disable|mark|patch)/";

/** Every restriction, by id: `imports` are no-restricted-imports patterns, `syntax` selectors. */
function restriction(id, depth) {
  switch (id) {
    case "surfaces":
      return {
        imports: [
          {
            regex: intoSrc(depth, folders(LAYERS.surface)),
            message:
              "Services, stores and leaves never import a surface (cli, server, tools) or the scheduler (jobs): move what they share down a layer (eslint.layers.js).",
          },
        ],
      };
    case "surfaces-but-job-stores":
      return {
        imports: [
          {
            regex: `${intoSrc(depth, folders(LAYERS.surface), "/")}(?!(heartbeats|job-status)-repository\\.js$)`,
            message:
              "Services never import a surface or the scheduler (jobs); this file is listed only for the job stores that move to src/storage (eslint.layers.js PENDING.jobStores).",
          },
        ],
      };
    case "services-values":
      return {
        imports: [
          {
            regex: intoSrc(depth, LAYERS.service),
            allowTypeImports: true,
            message:
              "Stores, providers and leaves import no service code (types are fine): move what they need down a layer (eslint.layers.js).",
          },
        ],
      };
    case "base-values":
      return {
        imports: [
          {
            regex: intoSrc(depth, LAYERS.base),
            allowTypeImports: true,
            message: "Shared leaves import no storage, db or provider code (types are fine).",
          },
        ],
      };
    case "providers-storage":
      return {
        imports: [
          {
            regex: intoSrc(depth, ["storage"]),
            message:
              "Providers never import storage: a provider talks to an outside service; whoever calls it stores the result.",
          },
        ],
      };
    case "heavy":
      return {
        imports: [
          {
            regex: HEAVY_PACKAGES,
            allowTypeImports: true,
            message:
              "Tools and server load at MCP start-up: load the AWS SDK, openai, nodemailer and gpt-tokenizer with `await import()` where they are used (`import type` is fine).",
          },
          {
            regex: `${intoSrc(depth, ["providers"])}(stream|llm)/`,
            allowTypeImports: true,
            message:
              "Tools and server load at MCP start-up: load stream adapters and LLM clients with `await import()` where they are used (`import type` is fine).",
          },
          {
            regex: `${intoSrc(depth, ["benchmark"])}(index|measure|metrics|tokens|claimed-run|sweep)\\.js$`,
            allowTypeImports: true,
            message:
              "Tools and server load at MCP start-up: the measurement core pulls the tokenizer; load it with `await import()` where it runs (`import type` is fine).",
          },
          {
            regex: `${intoSrc(depth, ["report"])}(index|mailer)\\.js$`,
            allowTypeImports: true,
            message:
              "Tools and server load at MCP start-up: the mailer pulls nodemailer; load it with `await import()`.",
          },
        ],
      };
    case "mongodb":
      return {
        imports: [
          {
            regex: "^(mongodb|bson)(/|$)",
            message:
              "Only src/storage and src/db import the MongoDB driver, types included: use a store's methods and the id types src/storage exports.",
          },
        ],
        syntax: [
          {
            selector: "ImportExpression[source.value=/^(mongodb|bson)/]",
            message: "Only src/storage and src/db load the MongoDB driver.",
          },
        ],
      };
    case "process-env":
      return {
        paths: [
          {
            name: "node:process",
            importNames: ["env"],
            message: "Only src/cli/main.ts reads the environment.",
          },
          { name: "process", importNames: ["env"], message: "Only src/cli/main.ts reads the environment." },
        ],
        properties: [
          {
            object: "process",
            property: "env",
            message:
              "Only src/cli/main.ts reads process.env: take the value from Config (add a setting in src/config/settings.ts).",
          },
        ],
        syntax: [
          {
            selector: "MemberExpression[property.name='env'][object.property.name='process']",
            message: "Only src/cli/main.ts reads process.env.",
          },
        ],
      };
    case "node-cron":
      return {
        paths: [
          {
            name: "node-cron",
            message:
              "Only src/jobs/scheduler.ts imports node-cron: a job names its schedule (a setting and a default cron) and the scheduler wires it.",
          },
        ],
        syntax: [
          {
            selector: "ImportExpression[source.value='node-cron']",
            message: "Only src/jobs/scheduler.ts loads node-cron.",
          },
        ],
      };
    case "models-writes":
      return {
        syntax: [
          {
            selector:
              "CallExpression[callee.object.property.name='models']" +
              ":matches([callee.object.object.name='repos'], [callee.object.object.property.name='repos'])" +
              `[callee.property.name=${MODELS_WRITE}]`,
            message:
              "Only src/mutations writes `models` (every fleet change is a decision and a batch); the demo seeder and storage are the other exceptions.",
          },
        ],
      };
    case "mutations-values":
      return {
        imports: [
          {
            regex: intoSrc(depth, ["mutations"]),
            allowTypeImports: true,
            message:
              "Only src/decisions applies or reverts a mutation batch (every fleet change is a decision first): propose a decision, or call the decisions service (types are fine).",
          },
        ],
        syntax: [
          {
            selector: "ImportExpression[source.value=/(^|\\/)mutations\\//]",
            message: "Only src/decisions loads the mutation path.",
          },
        ],
      };
    case "llm-budget":
      return {
        syntax: [
          {
            selector: "ImportSpecifier[imported.name='meteredCall']",
            message:
              "Every LLM question goes through callWithinBudget (src/operator/budgeted-call.ts): the chain in order, priced, within today's budget, in the spend ledger.",
          },
          {
            selector: "CallExpression[callee.property.name='complete']",
            message:
              "Ask an LLM through callWithinBudget (src/operator/budgeted-call.ts), never a backend's `complete` directly: the call would be unbudgeted and unrecorded.",
          },
        ],
      };
    case "budgets":
      return {
        syntax: [
          {
            selector: "MemberExpression[property.name='dailyBudgetUsd']",
            message:
              "Read a budget through budgetFor / budgetsInForce (src/policy/budgets.ts): the policy's budget overrides the setting, and every view must agree with the enforcement.",
          },
          {
            selector:
              "MemberExpression[property.name='budgets']:matches([object.name=/policy$/i], [object.property.name=/policy$/i])",
            message:
              "Read a budget through budgetFor / budgetsInForce (src/policy/budgets.ts), not from the policy document: it falls back to the environment's setting.",
          },
          {
            selector:
              "VariableDeclarator[init.name=/policy$/i] > ObjectPattern > Property[key.name='budgets']",
            message: "Read a budget through budgetFor / budgetsInForce (src/policy/budgets.ts).",
          },
        ],
      };
    case "redacted-output":
      return {
        syntax: [
          {
            selector:
              "CallExpression[callee.property.name='write'][callee.object.property.name=/^std(out|err)$/][callee.object.object.name='process']:not([arguments.0.callee.name='redactSecrets'])",
            message:
              "Log through a Logger (it redacts), or write `redactSecrets(text)`: secrets never reach a terminal or a log (only the CLI and logger.ts write raw).",
          },
        ],
      };
    case "measurement-clock":
      return {
        syntax: [
          {
            selector:
              "MemberExpression[property.name='now']:matches([object.name='performance'], [object.property.name='performance'])",
            message:
              "The measurement core and the adapters take no clock of their own: times come from the arrival worker (src/providers/stream/arrival.ts, clock-bridge.ts).",
          },
          {
            selector: "MemberExpression[property.name='hrtime']",
            message:
              "Only the arrival worker and clock-bridge.ts read process.hrtime: a measurement's times come from the worker (arrival.ts says why).",
          },
        ],
      };
    case "tokenizer":
      return {
        imports: [
          {
            regex: "^gpt-tokenizer(/|$)",
            allowTypeImports: true,
            message: "Count tokens with countTokens (src/providers/tokenizer.ts), the one o200k counter.",
          },
        ],
        syntax: [
          {
            selector:
              ":matches(ImportExpression[source.value=/^gpt-tokenizer/], CallExpression[arguments.0.value=/^gpt-tokenizer/])",
            message: "Only src/providers/tokenizer.ts loads gpt-tokenizer: count tokens with countTokens.",
          },
        ],
      };
    default:
      throw new Error(`unknown layering restriction ${id}`);
  }
}

/** The restrictions of a top-level entry of src, before any file's exception. */
function restrictionsOf(entry) {
  const ids = [];
  if (LAYERS.service.includes(entry) || LAYERS.base.includes(entry) || LAYERS.leaf.includes(entry))
    ids.push("surfaces");
  if (LAYERS.base.includes(entry) || LAYERS.leaf.includes(entry)) ids.push("services-values");
  if (LAYERS.leaf.includes(entry)) ids.push("base-values");
  if (entry === "providers") ids.push("providers-storage");
  if (entry === "tools" || entry === "server") ids.push("heavy");
  if (entry !== "storage" && entry !== "db") ids.push("mongodb");
  ids.push("process-env");
  ids.push("node-cron");
  if (entry !== "mutations" && entry !== "demo" && entry !== "storage") ids.push("models-writes");
  if (entry !== "mutations" && entry !== "decisions") ids.push("mutations-values");
  if (entry !== "providers") ids.push("llm-budget");
  if (entry !== "config") ids.push("budgets");
  if (entry !== "cli" && entry !== "logger.ts") ids.push("redacted-output");
  if (entry === "benchmark" || entry === "providers") ids.push("measurement-clock");
  // tools and server: `heavy` already keeps gpt-tokenizer off their static imports.
  if (entry !== "tools" && entry !== "server") ids.push("tokenizer");
  return ids;
}

function block(files, ids, depth) {
  const parts = ids.map((id) => restriction(id, depth));
  const patterns = parts.flatMap((p) => p.imports ?? []);
  const paths = parts.flatMap((p) => p.paths ?? []);
  const syntax = parts.flatMap((p) => p.syntax ?? []);
  const properties = parts.flatMap((p) => p.properties ?? []);
  return {
    files,
    rules: {
      "@typescript-eslint/no-restricted-imports":
        patterns.length + paths.length > 0 ? ["error", { patterns, paths }] : "off",
      "no-restricted-syntax": syntax.length > 0 ? ["error", ...syntax] : "off",
      "no-restricted-properties": properties.length > 0 ? ["error", ...properties] : "off",
    },
  };
}

// Files that may do what their folder may not, and why: the one place each rule's work is done.
const OWNERS = {
  "src/cli/main.ts": ["process-env"], // the composition root
  "src/jobs/scheduler.ts": ["node-cron"], // the cron wiring
  "src/operator/budgeted-call.ts": ["llm-budget"], // the one budgeted, metered LLM call
  "src/policy/budgets.ts": ["budgets"], // the budgets in force
  "src/benchmark/measure.ts": ["measurement-clock"], // the core's one clock, the worker's times bridged onto it
  "src/providers/stream/arrival.ts": ["measurement-clock"], // the worker's times on the caller's clock
  "src/providers/stream/arrival-worker.ts": ["measurement-clock"], // stamps each chunk as it arrives
  "src/providers/stream/clock-bridge.ts": ["measurement-clock"], // converts the worker's hrtime
  "src/providers/tokenizer.ts": ["tokenizer"], // the one o200k counter
  "src/providers/llm/metered-call.ts": ["measurement-clock"], // an operator LLM call's latency, not a measurement
};

// The exceptions of one file: what it may do that its folder may not.
function exceptionsOf(file) {
  const drop = new Set(OWNERS[file] ?? []);
  const add = [];
  if (PENDING.mongodb.includes(file)) drop.add("mongodb");
  if (PENDING.jobStores.includes(file)) {
    drop.add("surfaces");
    add.push("surfaces-but-job-stores");
  }
  if (PENDING.storeValues.includes(file)) drop.add("services-values");
  if (STARTUP_PATH.includes(file)) {
    drop.add("tokenizer"); // `heavy` says it for the start-up path
    add.push("heavy");
  }
  return { drop, add };
}

function generate() {
  const all = Object.values(LAYERS).flat();
  const blocks = [];
  for (const entry of all) {
    const ids = restrictionsOf(entry);
    if (entry.endsWith(".ts")) blocks.push(block([`src/${entry}`], ids, 0));
    else
      for (const depth of FOLDER_DEPTHS)
        blocks.push(block([`src/${entry}/${"*/".repeat(depth - 1)}*.ts`], ids, depth));
  }
  const excepted = new Set([...Object.keys(OWNERS), ...STARTUP_PATH, ...Object.values(PENDING).flat()]);
  for (const file of excepted) {
    const entry = file.split("/")[1];
    const depth = file.split("/").length - 2;
    const { drop, add } = exceptionsOf(file);
    blocks.push(block([file], [...restrictionsOf(entry).filter((id) => !drop.has(id)), ...add], depth));
  }
  return blocks;
}

/** Fails the lint run when src gains a top-level entry that no layer names. */
export function unplacedEntries(srcDir) {
  const all = new Set(Object.values(LAYERS).flat());
  return readdirSync(srcDir).filter((e) => !all.has(e));
}

const unplaced = unplacedEntries(new URL("./src", import.meta.url));
if (unplaced.length > 0)
  throw new Error(`src/${unplaced.join(", src/")}: not in a layer; add it to LAYERS in eslint.layers.js`);

const OUR_MODULE = "/(^|\\/)src\\//";

// Real parts, honest tests: a test that replaces our own code tests the replacement. Fakes of what is
// outside (LLMs, providers, catalogs) are real servers in test/helpers, and the database is FerretDB.
export const testBlocks = [
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.object.name='vi'][callee.property.name=/^(mock|doMock|importMock)$/]" +
            `:matches([arguments.0.value=${OUR_MODULE}], [arguments.0.source.value=${OUR_MODULE}])`,
          message:
            "Tests use our real modules, never a vi.mock of src/: open a real database (test/helpers/database.ts) and fake only what is outside (test/helpers' servers).",
        },
        {
          selector:
            "CallExpression[callee.object.name='vi'][callee.property.name='spyOn']" +
            ":matches([arguments.0.name=/^repos$|Repository$|Store$/], [arguments.0.object.name=/^repos$|Repository$|Store$/], [arguments.0.object.property.name='repos'])",
          message:
            "Tests never stub our storage: write the state into the real database and assert on what was stored.",
        },
      ],
    },
  },
];

export const layerBlocks = generate();
export { LAYERS, PENDING };
