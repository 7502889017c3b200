import type { Command } from "commander";
import type { Deps } from "../../deps.js";
import { AppError } from "../../errors.js";
import type { startScheduler } from "../../jobs/scheduler.js";
import type { RunningHttpServer } from "../../server/http.js";
import type { ToolServices } from "../../tools/services.js";
import type { CliContext } from "../context.js";
import { portArg } from "../options.js";

interface ServeOptions {
  http?: boolean;
  jobsOnly?: boolean;
  /** False with --no-jobs. */
  jobs?: boolean;
  port: number;
  host: string;
  readOnly?: boolean;
  allowedHost: string[];
}

type Scheduler = ReturnType<typeof startScheduler>;

/** How long after the HTTP server listens the scheduled jobs start (see runServe). */
const JOBS_AFTER_MS = 1_000;

export function registerServeCommands(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "Run the scheduled jobs and serve the MCP tools over Streamable HTTP at /mcp (loopback by default, a bearer token from `bench-operator tokens create` on every request, Host and Origin checked), with /healthz for container checks.",
    )
    .option("--http", "serve Streamable HTTP (the default; stdio is `bench-operator mcp`)")
    .option("--jobs-only", "run only the scheduled jobs, no HTTP server")
    .option(
      "--no-jobs",
      "serve MCP and /healthz without the scheduler: nothing is measured or changed on a schedule (to try it out)",
    )
    .option("--port <n>", "port to listen on (0: any free port)", portArg, 8765)
    .option(
      "--host <address>",
      "address to bind; anything but loopback exposes the server to the network",
      "127.0.0.1",
    )
    .option("--read-only", "offer read tools only, and refuse write tools if called")
    .option(
      "--allowed-host <host:port>",
      "also accept this Host header (e.g. behind a reverse proxy); repeatable",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action((opts: ServeOptions) => runServe(ctx, opts));
}

async function runServe(ctx: CliContext, opts: ServeOptions): Promise<void> {
  const jobs = opts.jobs !== false;
  if (opts.jobsOnly && !jobs)
    throw new AppError("invalid_input", "--jobs-only and --no-jobs together would run nothing; pick one.");
  // Loaded while the database connects (withDatabase loads the driver meanwhile).
  const modules = Promise.all([
    import("../../server/http.js"),
    import("../../liveness/healthz.js"),
    import("../../jobs/shutdown.js"),
  ]);
  modules.catch(() => {});
  // The signal handler exits the process when its callback settles, so the callback waits for
  // this: withDatabase's own clean-up (closing the client, stopping an embedded FerretDB) runs
  // after the callback below returns, and exiting before it would orphan the database process.
  let released: () => void = () => {};
  const databaseReleased = new Promise<void>((resolve) => (released = resolve));
  try {
    await ctx.withDatabase(
      async ({ config, logger, repos, client }) => {
        const [{ startHttpServer }, { healthz }, { shutdown, onShutdownSignal }] = await modules;
        const deps: Deps = { config, logger, repos, clock: () => new Date() };
        // The HTTP server answers first; the scheduler and every job's dependencies (the LLM
        // clients, the AWS SDK, nodemailer) load after it, so an MCP client is not kept
        // waiting for code it does not use. /healthz waits for the scheduler to exist.
        let schedulerStarted: (instanceId: string) => void = () => {};
        const schedulerId = new Promise<string>((resolve) => (schedulerStarted = resolve));
        let server: RunningHttpServer | null = null;
        let stopRequested = false;
        let starting: Promise<Scheduler | null> = Promise.resolve(null);
        // SIGTERM or SIGINT: stop claiming work, finish or release what is in flight within 10 s,
        // close the HTTP server, then the database (withDatabase closes it again harmlessly). In place
        // before the server listens (a signal sent as soon as it says so must not find the default
        // action, which would leave an embedded FerretDB running); a scheduler still starting is
        // stopped once it has started.
        const stopped = new Promise<void>((resolve) => {
          onShutdownSignal(async () => {
            stopRequested = true;
            const closing = server;
            await shutdown({
              scheduler: await starting.catch(() => null),
              closers: closing ? [() => closing.close({ graceMs: 10_000 })] : [],
              client,
              logger,
              graceMs: 10_000,
            });
            resolve();
            await databaseReleased;
          });
        });
        // One set of the tools' services for the process, loaded on first need: /healthz reads the
        // same fleet picture as get_fleet_health, so the two never disagree about a provider.
        let services: Promise<ToolServices> | undefined;
        const toolServices = (): Promise<ToolServices> =>
          (services ??= import("../../tools/services.js").then(({ createToolServices }) =>
            createToolServices(deps, { warmAfterMs: 200 }),
          ));
        const picture = async () => (await toolServices()).fleet.get();
        server = opts.jobsOnly
          ? null
          : await startHttpServer(deps, {
              host: opts.host,
              port: opts.port,
              readOnly: opts.readOnly === true,
              allowedHosts: opts.allowedHost,
              // Without jobs there is no scheduler heartbeat to require.
              healthz: jobs
                ? async () => healthz(deps, { instanceId: await schedulerId, picture })
                : async () => healthz(deps, { requireScheduler: false, picture }),
              // Each loads when first needed (startHttpServer), not on the way to the first answer.
              runnerWork: () =>
                import("../../runner/schedule-source.js").then(({ scheduleWorkSource }) =>
                  scheduleWorkSource(repos, config),
                ),
              // The fleet picture loads right after the services rather than in the first call.
              services: toolServices,
            });
        if (server && stopRequested) await server.close();
        else if (server) announceServer(server.url, opts, jobs, config.runner.remoteOnlyProviders);
        await recoverAtStart(deps);
        if (jobs) {
          // The scheduler and the jobs' dependencies load JOBS_AFTER_MS after the server listens:
          // loading them at once held up the first answers to a client connecting as it started.
          if (server) await new Promise((resolve) => setTimeout(resolve, JOBS_AFTER_MS));
          if (!stopRequested) {
            const scheduling = startJobs(deps, server);
            starting = scheduling;
            const scheduler = await scheduling;
            schedulerStarted(scheduler.instanceId);
            announceJobs(scheduler);
          }
        }
        await stopped;
      },
      // Started beside its database (a container, a unit), which may still be starting.
      { waitForStart: true },
    );
  } finally {
    released();
  }
}

function announceServer(url: string, opts: ServeOptions, jobs: boolean, remoteOnly: string[]): void {
  // The console and /healthz share the listener; a newcomer learns of them here, not from the code.
  const origin = new URL(url).origin;
  process.stderr.write(
    `bench-operator serving MCP at ${url}${opts.readOnly ? " (read-only)" : ""}` +
      (jobs ? "" : " with no scheduled jobs (--no-jobs): nothing is measured or changed on a schedule") +
      "\n" +
      `the console at ${origin}/console (sign in: bench-operator console --link --url ${origin}); health at ${origin}/healthz\n` +
      // A split deployment: the providers this server leaves alone, and where their runners post.
      (remoteOnly.length > 0
        ? `measured only by remote runners (REMOTE_ONLY_PROVIDERS): ${remoteOnly.join(", ")}; ` +
          `runners post to ${origin}/runner/v1 (bench-operator runner --server ${origin} --provider ${remoteOnly[0]})\n`
        : ""),
  );
}

/** Loads and starts the scheduler; on a wiring error closes the HTTP server so the process can exit. */
async function startJobs(deps: Deps, server: RunningHttpServer | null): Promise<Scheduler> {
  try {
    const [{ startScheduler }, { productionServices }] = await Promise.all([
      import("../../jobs/scheduler.js"),
      import("../../jobs/wiring.js"),
    ]);
    return startScheduler(deps, { services: productionServices(deps) });
  } catch (e) {
    // A configuration error found while wiring the jobs: the process must exit, which an
    // open HTTP server would prevent.
    await server?.close();
    throw e;
  }
}

function announceJobs(scheduler: Scheduler): void {
  process.stderr.write(
    `jobs scheduled: ${scheduler.scheduled.join(", ") || "none"}` +
      (scheduler.unwired.length > 0
        ? `; not wired: ${scheduler.unwired.map((u) => `${u.name} (needs ${u.missing})`).join(", ")}`
        : "") +
      "\n",
  );
}

/**
 * Finishes what a crash left half applied (batches applying, claimed decisions not moved on)
 * before the scheduler may execute anything new. After the HTTP server answers: a client is not
 * kept waiting; the tools that change the fleet recover on their own (approve does).
 */
async function recoverAtStart(deps: Deps): Promise<void> {
  const { recoverInterrupted, recoveredAnything } = await import("../../decisions/recover.js");
  const r = await recoverInterrupted(deps.repos, "serve", deps.clock());
  if (recoveredAnything(r))
    deps.logger.warn(
      `recovered interrupted work: ${r.batchesFinished.length} batch(es) finished, ${r.decisionsSettled.length} decision(s) settled, ${r.claimsReleased.length} claim(s) released`,
      { ...r },
    );
}
