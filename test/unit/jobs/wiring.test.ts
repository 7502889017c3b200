import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/config.js";
import { allJobs } from "../../../src/jobs/index.js";
import { productionServices } from "../../../src/jobs/wiring.js";
import { silentLogger } from "../../../src/logger.js";
import type { Repositories } from "../../../src/storage/repositories.js";

describe("production wiring", () => {
  // The earlier system ran with its discovery and health jobs unscheduled for three months.
  // Building the services only closes over the repositories; no job runs here.
  const deps = (env: Record<string, string>) => ({
    config: loadConfig(env),
    logger: silentLogger,
    repos: {} as Repositories,
    clock: () => new Date(),
  });

  it("wires every job's service except the mailer, which needs SMTP_HOST", () => {
    const services = productionServices(deps({}));
    const missing = allJobs.filter((j) => j.requires !== undefined && services[j.requires] === undefined);
    expect(missing.map((j) => j.name)).toEqual(["health-email"]);
  });

  it("with SMTP_HOST set, every job is wired", () => {
    const services = productionServices(deps({ SMTP_HOST: "127.0.0.1", REPORT_TO: "ops@example.com" }));
    expect(allJobs.filter((j) => j.requires !== undefined && services[j.requires] === undefined)).toEqual([]);
  });
});
