import { AppError } from "../errors.js";
import type { JobDefinition, JobName } from "./job.js";
import type { JobServices } from "./services.js";

type RunnerKey = "benchmarkSweep" | "discovery" | "admission";

/**
 * A job whose work is an injected service (benchmarks, discovery and admission are owned
 * elsewhere). The scheduler does not schedule it until the service is provided.
 */
export function thinJob(
  name: JobName,
  description: string,
  service: RunnerKey,
  timeoutMs: number,
): JobDefinition {
  return {
    name,
    description,
    timeoutMs,
    requires: service,
    async run(ctx) {
      const runner: JobServices[RunnerKey] = ctx.services[service];
      if (!runner)
        throw new AppError("unavailable", `job ${name} needs the ${service} service, which is not wired`);
      return runner(ctx);
    },
  };
}
