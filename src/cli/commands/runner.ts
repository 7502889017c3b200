import { stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { runnerProvider, runnerSetup } from "../../config/providers.js";
import { AppError } from "../../errors.js";
import type { CliContext } from "../context.js";
import { positiveIntArg } from "../options.js";
import { printJson } from "../output.js";

interface RunnerCliOptions {
  server?: string;
  token?: string;
  provider: string;
  once?: boolean;
  concurrency?: number;
  spoolDir?: string;
  maxSpool?: number;
  json?: boolean;
}

export function registerRunnerCommands(program: Command, ctx: CliContext): void {
  program
    .command("runner")
    .description(
      "Run as a remote runner: pull due work for one provider from a server's ingest API, measure it here with this host's provider credentials, and post the results (spooled to disk while the server is unreachable). Needs no database.",
    )
    .requiredOption("--provider <id>", "the provider this runner measures (its token must allow it)")
    .option(
      "--server <url>",
      "the server, e.g. https://bench.example.com, or https://host/bench/ behind a proxy (or BENCH_RUNNER_SERVER_URL)",
    )
    .option("--token <token>", "runner token; prefer BENCH_RUNNER_TOKEN, since `ps` shows arguments")
    .option(
      "--once",
      "one round: deliver the spool, claim once (up to --concurrency models), measure, deliver, exit",
    )
    .option(
      "--concurrency <n>",
      "runs at once (or BENCH_RUNNER_CONCURRENCY)",
      positiveIntArg("--concurrency"),
    )
    .option("--spool-dir <dir>", "where undelivered results wait (or BENCH_RUNNER_SPOOL_DIR)")
    .option(
      "--max-spool <n>",
      "claim no new work while this many results wait (or BENCH_RUNNER_MAX_SPOOL)",
      positiveIntArg("--max-spool"),
    )
    .option("--json", "print the summary as JSON when the runner stops")
    .action((opts: RunnerCliOptions) => runRunnerCommand(ctx, opts));
}

async function runRunnerCommand(ctx: CliContext, opts: RunnerCliOptions): Promise<void> {
  runnerProvider(opts.provider);
  const { IngestClient } = await import("../../runner/client.js");
  const { Spool } = await import("../../runner/spool.js");
  const { runRunner } = await import("../../runner/run.js");
  const { createStreamAdapter } = await import("../../providers/stream/factory.js");
  const config = ctx.config();
  const logger = ctx.logger();
  const setup = runnerSetup(config, opts.provider);
  if (!setup.configured) {
    // Claimed work would fail on every model, and the failures would be stored as the models'.
    throw new AppError(
      "invalid_input",
      `This host cannot measure ${opts.provider}: ${setup.reason}. A runner measures with its own host's credentials.`,
    );
  }
  const server = opts.server ?? config.runner.serverUrl;
  const token = opts.token ?? config.runner.token;
  if (!server)
    throw new AppError("invalid_input", "Give the server: --server URL or BENCH_RUNNER_SERVER_URL.");
  if (!token) throw new AppError("invalid_input", "Give the runner token: BENCH_RUNNER_TOKEN (or --token).");
  if (opts.token) logger.warn("--token is visible to other users in `ps`; prefer BENCH_RUNNER_TOKEN");

  // Absolute, so the start-up line says where results wait whatever directory cron or a unit starts in.
  const spool = new Spool(
    resolve(opts.spoolDir ?? config.runner.spoolDir),
    opts.maxSpool ?? config.runner.maxSpool,
    config.runner.receiptRetentionDays * 86_400_000,
  );
  await spool.init().catch((e: unknown) => {
    throw new AppError(
      "invalid_input",
      `The spool directory ${spool.dir} cannot be used (${e instanceof Error ? e.message : String(e)}): ` +
        "give a writable directory with --spool-dir or BENCH_RUNNER_SPOOL_DIR.",
    );
  });
  const client = new IngestClient({ server, token });
  const catalog = await catalogPosting(ctx, opts.provider, spool.dir);
  const signals = stopOnSignals(logger);
  logger.info(
    `runner for ${opts.provider}: server ${client.server}, spool ${spool.dir}, credentials ${setup.via}`,
  );
  try {
    const summary = await runRunner({
      client,
      spool,
      provider: opts.provider,
      adapter: createStreamAdapter(opts.provider, config),
      concurrency: opts.concurrency ?? config.runner.concurrency,
      once: opts.once === true,
      pollMs: config.runner.pollSeconds * 1000,
      deadlineMs: config.benchmark.runDeadlineMs,
      logger,
      stop: signals.stop,
      abandon: signals.abandon,
      catalog,
    });
    if (opts.json) printJson(summary);
    else
      process.stderr.write(
        `runner stopped: ${summary.claimed} claimed, ${summary.measured} measured, ${summary.delivered} delivered, ` +
          `${summary.refused} refused, ${summary.rejected} rejected, ${summary.released} given back, ` +
          `${summary.dropped} dropped as too old, ${summary.spooled} still spooled\n`,
      );
    if (signals.abandon.aborted) {
      // The abandoned runs still hold sockets open; their results are not wanted.
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 200).unref();
      return;
    }
    // --once under cron: tell the caller that the server was out of reach or that results
    // wait for the next run (EX_TEMPFAIL), so an outage is not a string of silent successes.
    if (opts.once && (summary.spooled > 0 || summary.server_unreachable)) process.exitCode = 75;
  } finally {
    signals.dispose();
  }
}

/** The runner's own catalog read, posted every `catalogHours` (a marker file in the spool keeps the time). */
async function catalogPosting(ctx: CliContext, provider: string, spoolDir: string) {
  const [{ planCatalogReads }, { isCatalogProvider }] = await Promise.all([
    import("../../catalog/readers/registry.js"),
    import("../../catalog/provider-ids.js"),
  ]);
  const config = ctx.config();
  const marker = join(spoolDir, "catalog-posted-at");
  const everyMs = config.runner.catalogHours * 3_600_000;
  const planned =
    everyMs > 0 && isCatalogProvider(provider) ? planCatalogReads(config, { only: provider })[0] : undefined;
  if (!planned || !("reader" in planned)) return null;
  return {
    reader: planned.reader,
    due: async () => {
      const at = await stat(marker).then(
        (s) => s.mtimeMs,
        () => 0,
      );
      return Date.now() - at >= everyMs;
    },
    posted: () => writeFile(marker, new Date().toISOString()),
  };
}

/**
 * SIGTERM or Ctrl-C: claim and start nothing more (claims not started are given back), let
 * in-flight runs finish and their results be delivered or spooled, then exit. A second signal
 * gives back the claims of the runs in flight and exits (within a few seconds even if the server
 * does not answer); a third exits at once. The spool is whole either way: every result is written
 * there before it is posted.
 */
function stopOnSignals(logger: ReturnType<CliContext["logger"]>): {
  stop: AbortSignal;
  abandon: AbortSignal;
  dispose(): void;
} {
  const stop = new AbortController();
  const abandon = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (abandon.signal.aborted) process.exit(1);
    if (stop.signal.aborted) {
      logger.info(`${signal} again: giving back the claims in flight, then exiting`);
      setTimeout(() => process.exit(1), 10_000).unref();
      return abandon.abort();
    }
    logger.info(`${signal}: finishing in-flight runs, then exiting`);
    stop.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return {
    stop: stop.signal,
    abandon: abandon.signal,
    dispose: () => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
    },
  };
}
