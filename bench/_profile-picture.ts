import { loadConfig } from "../src/config/config.js";
import { connectMongo } from "../src/storage/mongo.js";
import { createRepositories, ensureIndexes } from "../src/storage/repositories.js";
import { getFleetSignals } from "../src/signals/read.js";
import { readFleetState } from "../src/operator/fleet-state.js";
import { fleetOverview } from "../src/fleet/overview.js";
import { loadCatalogIndex } from "../src/catalog/service.js";
import { seedFleet } from "./mcp-seed.js";
import { openBenchDatabase } from "./support.js";
import { execSync } from "node:child_process";

const config = loadConfig(process.env);
const database = await openBenchDatabase("picture-prof-", config.mongodb.uri);
const client = await connectMongo(database.uri);
const db = client.db("prof");
const repos = createRepositories(db, config.collections);
await ensureIndexes(repos);
const now = new Date();
await seedFleet(db, repos, now, 5000);
const t = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const s = performance.now();
  const r = await f();
  console.log(label, Math.round(performance.now() - s), "ms", execSync("cat /proc/loadavg").toString().trim());
  return r;
};
for (let i = 0; i < 2; i++) {
  await t("models.allRows", () => repos.models.allRows());
  await t("signals.allStatuses", () => repos.signals.allStatuses());
  await t("models.find", () => repos.models.find({}));
  await t("signals.statuses", () => repos.signals.statuses());
  await t("getFleetSignals packed", () => getFleetSignals(repos, now, { packed: true, needBuckets: () => false }));
  await t("operatorState.providerStates", () => repos.operatorState.providerStates());
  await t("apiTokens.runnersByProvider", () => repos.apiTokens.runnersByProvider());
  await t("readFleetState packed", () => readFleetState(repos, config, now, { packed: true }));
  await t("fleetOverview(no models)", () => fleetOverview(repos, now, []));
  await t("openrouterCatalog.find", () => repos.openrouterCatalog.find());
  await t("providerCatalog.find", () => repos.providerCatalog.find());
  await t("discoveryRuns.latestPerProvider", () => repos.discoveryRuns.latestPerProvider());
  await t("loadCatalogIndex(fleet [])", () => loadCatalogIndex(repos, now, async () => []));
}
await client.close();
await database.stop();
