import type { Command } from "commander";
import type { CatalogHit } from "../../catalog/search.js";
import { DEFAULT_LIMIT, MAX_LIMIT, searchCatalog, type CatalogQuery } from "../../catalog/search.js";
import { loadCatalogIndex } from "../../catalog/service.js";
import { catalogStats } from "../../catalog/stats.js";
import type { Fact } from "../../catalog/types.js";
import { AppError } from "../../errors.js";
import type { CliContext } from "../context.js";
import { amountArg, positiveIntArg, wholeNumberArg } from "../options.js";
import { printJson, table } from "../output.js";
import { catalogProvider, parseDate } from "./discovery.js";

interface SearchOptions {
  provider?: string;
  tools?: boolean;
  reasoning?: boolean;
  structuredOutputs?: boolean;
  vision?: boolean;
  maxOutputPrice?: number;
  maxInputPrice?: number;
  minContext?: number;
  newSince?: string;
  inFleet?: boolean;
  notInFleet?: boolean;
  benchmarkable?: boolean;
  limit: number;
  offset: number;
  json?: boolean;
}

export function registerCatalogCommands(program: Command, ctx: CliContext): void {
  const catalog = program
    .command("catalog")
    .description(
      "Search the model catalog (OpenRouter and provider lists) with derived capabilities and prices.",
    );

  catalog
    .command("search [query...]")
    .description("Find catalog models by text, capability, price, context, age and fleet membership.")
    .option("--provider <id>", "where it is served: openrouter or a provider id")
    .option("--tools", "supports tool calls")
    .option("--reasoning", "a reasoning (thinking) model")
    .option("--structured-outputs", "supports JSON-schema structured outputs")
    .option("--vision", "accepts image input")
    .option(
      "--max-input-price <usd>",
      "at most this many USD per million input tokens",
      amountArg("--max-input-price"),
    )
    .option(
      "--max-output-price <usd>",
      "at most this many USD per million output tokens",
      amountArg("--max-output-price"),
    )
    .option(
      "--min-context <tokens>",
      "context window of at least this many tokens",
      wholeNumberArg("--min-context", { min: 0, max: Number.MAX_SAFE_INTEGER }),
    )
    .option("--new-since <date>", "created (or first seen) on or after this date")
    .option("--in-fleet", "only models in our fleet")
    .option("--not-in-fleet", "only models not in our fleet")
    .option("--benchmarkable", "only text-generation endpoints the benchmark can measure")
    .option(
      "--limit <n>",
      `results per page (at most ${MAX_LIMIT})`,
      positiveIntArg("--limit", MAX_LIMIT),
      DEFAULT_LIMIT,
    )
    .option(
      "--offset <n>",
      "skip this many results",
      wholeNumberArg("--offset", { min: 0, max: Number.MAX_SAFE_INTEGER }),
      0,
    )
    .option("--json", "print JSON")
    .action(async (words: string[], opts: SearchOptions) => {
      const query = toQuery(words, opts);
      const result = await ctx.withDatabase(async ({ repos }) =>
        searchCatalog(await loadCatalogIndex(repos), query),
      );
      if (opts.json) return printJson(result);
      const footer = [
        `${result.total} match(es); showing ${result.offset + 1}-${result.offset + result.hits.length}` +
          (result.nextOffset === null ? "" : `; next page: --offset ${result.nextOffset}`),
        "Facts: y/n stated by the source, y~/n~ derived from the id, ? unknown. Prices: USD per million tokens.",
        `Last complete reads: ${
          Object.entries(result.index.lastCompleteReads)
            .map(([p, d]) => `${p} ${d.toISOString().slice(0, 16)}Z`)
            .join(", ") || "none"
        }`,
      ];
      const unread =
        query.provider !== undefined && !(query.provider in result.index.lastCompleteReads)
          ? [query.provider]
          : [];
      const body =
        result.hits.length === 0
          ? "(no matches)" +
            (unread.length > 0
              ? `: ${unread[0]} has no complete catalog read here, so its models are not in the catalog yet (\`discovery report\` says why; \`discovery fetch --provider ${unread[0]}\` reads it once its key is set)`
              : "")
          : table(result.hits.map(hitRow));
      process.stdout.write([body, "", ...footer].join("\n") + "\n");
    });

  catalog
    .command("stats")
    .description("Catalog counts per source: entries, benchmarkable, capabilities, priced, in fleet.")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const stats = await ctx.withDatabase(async ({ repos }) => catalogStats(await loadCatalogIndex(repos)));
      if (opts.json) return printJson(stats);
      const rows = stats.map(({ notBenchmarkable, ...r }) => ({
        ...r,
        not_benchmarkable: Object.entries(notBenchmarkable)
          .map(([k, n]) => `${k}=${n}`)
          .join(" "),
      }));
      process.stdout.write(table(rows) + "\n");
    });
}

function toQuery(words: string[], o: SearchOptions): CatalogQuery {
  if (o.inFleet && o.notInFleet)
    throw new AppError("invalid_input", "--in-fleet and --not-in-fleet exclude each other");
  return {
    text: words.join(" ") || undefined,
    provider: o.provider === undefined ? undefined : catalogProvider(o.provider),
    tools: o.tools,
    reasoning: o.reasoning,
    structuredOutputs: o.structuredOutputs,
    vision: o.vision,
    maxInputPrice: o.maxInputPrice,
    maxOutputPrice: o.maxOutputPrice,
    minContext: o.minContext,
    newSince: o.newSince === undefined ? undefined : parseDate(o.newSince, "--new-since"),
    inFleet: o.inFleet ? true : o.notInFleet ? false : undefined,
    benchmarkable: o.benchmarkable,
    limit: o.limit,
    offset: o.offset,
  };
}

function yn(f: Fact<boolean> | null): string {
  if (!f) return "?";
  return `${f.value ? "y" : "n"}${f.source === "derived-from-id" ? "~" : ""}`;
}

function hitRow(h: CatalogHit): Record<string, unknown> {
  const f = h.facts;
  const fleet = h.fleet.matches[0];
  return {
    model: `${h.provider}:${h.modelId}`,
    family: f.family?.value ?? "",
    tools: yn(f.tools),
    reason: yn(f.reasoning),
    json: yn(f.structuredOutputs),
    vision: yn(h.vision),
    // Strings: the table rounds numbers to two decimals, and $0.039 is not $0.04.
    in$: f.inputPricePerMillion ? String(f.inputPricePerMillion.value) : "?",
    out$: f.outputPricePerMillion ? String(f.outputPricePerMillion.value) : "?",
    context: f.contextLength?.value ?? "?",
    added: (f.createdAt?.value ?? h.firstSeenAt)?.toISOString().slice(0, 10) ?? "",
    bench: f.benchmarkable.value ? "" : (f.notBenchmarkableReason ?? "no"),
    fleet: fleet
      ? h.fleet.inFleet
        ? `${fleet.enabled ? "measured" : "disabled"} ${fleet.provider}:${fleet.modelId}${fleet.verified ? "" : ` (${fleet.confidence})`}`
        : `not in fleet (near: ${fleet.provider}:${fleet.modelId}, ${fleet.confidence})`
      : "-",
  };
}
