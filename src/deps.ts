import type { Config } from "./config/config.js";
import type { Logger } from "./logger.js";
import type { Repositories } from "./storage/repositories.js";

/**
 * What every surface (CLI, MCP tools, jobs) hands to the services. Built once in a composition
 * root; the clock is injectable so tests and the demo can run at a fixed time.
 */
export interface Deps {
  config: Config;
  logger: Logger;
  repos: Repositories;
  clock: () => Date;
}
