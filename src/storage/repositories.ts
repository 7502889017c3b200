import type { Db } from "mongodb";
import type { Config } from "../config/config.js";
import type {
  ErrorDoc,
  MetricDoc,
  ModelDoc,
  ModelStatusDoc,
  OpenRouterCatalogDoc,
  ProviderCatalogDoc,
} from "./documents.js";
import { ErrorsRepository } from "./errors-repository.js";
import { MetricsRepository } from "./metrics-repository.js";
import { ModelStatusRepository } from "./model-status-repository.js";
import { ModelsRepository } from "./models-repository.js";
import { OpenRouterCatalogRepository } from "./openrouter-catalog-repository.js";
import { ProviderCatalogRepository } from "./provider-catalog-repository.js";
import { SignalsRepository } from "./signals-repository.js";
import { POINTERS_COLLECTION, type PointerDoc } from "./counted-pointer.js";
import { FleetHoursRepository } from "./fleet-hours-repository.js";
import { DecisionsRepository } from "./decisions-repository.js";
import { MutationBatchesRepository } from "./mutation-batches-repository.js";
import { PolicyRepository } from "./policy-repository.js";
import { OperatorStateRepository } from "./operator-state-repository.js";
import { DiscoveryRunsRepository } from "./discovery-runs-repository.js";
import { SpendRepository } from "./spend-repository.js";
import { SpendDaysRepository } from "./spend-days-repository.js";
import { OperatorVerdictsRepository } from "./operator-verdicts-repository.js";
import { ProbeRunsRepository } from "./probe-runs-repository.js";
import { BenchmarkClaimsRepository } from "./benchmark-claims-repository.js";
import { FingerprintVerdictsRepository } from "./fingerprint-verdicts-repository.js";
import { AdmissionPassesRepository } from "./admission-passes-repository.js";
import { ApiTokensRepository } from "./api-tokens-repository.js";
import { CheckRunsRepository } from "./check-runs-repository.js";
import { DatabaseRepository } from "./database-repository.js";
import { DemoManifestRepository } from "./demo-manifest-repository.js";
import { DesiredSetRepository } from "./desired-set-repository.js";
import { HealthReportsRepository } from "./health-reports-repository.js";
import { HeartbeatsRepository } from "./heartbeats-repository.js";
import { JobLeasesRepository } from "./job-leases-repository.js";
import { JobRunsRepository } from "./job-runs-repository.js";
import { JobStatusRepository } from "./job-status-repository.js";
import { RunnerReceiptsRepository } from "./runner-receipts-repository.js";
import { ToolCallsRepository } from "./tool-calls-repository.js";
import { ClaimsRepository } from "./claims.js";
import { ConsoleLinksRepository } from "./console-links-repository.js";
import { ConsoleSessionsRepository } from "./console-sessions-repository.js";

export interface Repositories {
  models: ModelsRepository;
  metrics: MetricsRepository;
  errors: ErrorsRepository;
  modelStatus: ModelStatusRepository;
  providerCatalog: ProviderCatalogRepository;
  openrouterCatalog: OpenRouterCatalogRepository;
  signals: SignalsRepository;
  decisions: DecisionsRepository;
  mutations: MutationBatchesRepository;
  policies: PolicyRepository;
  operatorState: OperatorStateRepository;
  spend: SpendRepository;
  verdicts: OperatorVerdictsRepository;
  discoveryRuns: DiscoveryRunsRepository;
  probeRuns: ProbeRunsRepository;
  benchmarkClaims: BenchmarkClaimsRepository;
  /** LLM classifications of `unknown` error fingerprints (the fingerprint-classification job). */
  fingerprintVerdicts: FingerprintVerdictsRepository;
  /** The database itself: its name, a ping, its collection list (healthz, the demo seeder). */
  database: DatabaseRepository;
  jobRuns: JobRunsRepository;
  jobStatus: JobStatusRepository;
  jobLeases: JobLeasesRepository;
  heartbeats: HeartbeatsRepository;
  apiTokens: ApiTokensRepository;
  toolCalls: ToolCallsRepository;
  healthReports: HealthReportsRepository;
  desiredSets: DesiredSetRepository;
  checkRuns: CheckRunsRepository;
  admissionPasses: AdmissionPassesRepository;
  runnerReceipts: RunnerReceiptsRepository;
  demoManifest: DemoManifestRepository;
  /** Exactly-once keys (a decision leaving a status, a batch's one revert). */
  claims: ClaimsRepository;
  /** Web console sessions (hashed cookies) and one-time links into the console. */
  consoleSessions: ConsoleSessionsRepository;
  consoleLinks: ConsoleLinksRepository;
  /** The database's name, for messages that tell the user which database they are looking at. */
  databaseName: string;
}

/** Builds every repository over one database, with the collection names from config. */
export function createRepositories(db: Db, collections: Config["collections"]): Repositories {
  return {
    models: new ModelsRepository(db.collection<ModelDoc>(collections.models)),
    metrics: new MetricsRepository(db.collection<MetricDoc>(collections.metrics)),
    errors: new ErrorsRepository(db.collection<ErrorDoc>(collections.errors)),
    modelStatus: new ModelStatusRepository(db.collection<ModelStatusDoc>(collections.modelStatus)),
    providerCatalog: new ProviderCatalogRepository(
      db.collection<ProviderCatalogDoc>(collections.providerCatalog),
      db.collection<PointerDoc>(POINTERS_COLLECTION),
    ),
    openrouterCatalog: new OpenRouterCatalogRepository(
      db.collection<OpenRouterCatalogDoc>(collections.openrouterCatalog),
    ),
    signals: new SignalsRepository(db, new FleetHoursRepository(db)),
    decisions: new DecisionsRepository(db),
    mutations: new MutationBatchesRepository(db),
    policies: new PolicyRepository(db),
    operatorState: new OperatorStateRepository(db),
    spend: SpendRepository.over(db, undefined, new SpendDaysRepository(db)),
    verdicts: new OperatorVerdictsRepository(db),
    discoveryRuns: new DiscoveryRunsRepository(db),
    probeRuns: ProbeRunsRepository.over(db),
    benchmarkClaims: new BenchmarkClaimsRepository(db),
    fingerprintVerdicts: new FingerprintVerdictsRepository(db),
    database: new DatabaseRepository(db),
    jobRuns: new JobRunsRepository(db),
    jobStatus: new JobStatusRepository(db),
    jobLeases: new JobLeasesRepository(db),
    heartbeats: new HeartbeatsRepository(db),
    apiTokens: new ApiTokensRepository(db),
    toolCalls: new ToolCallsRepository(db),
    healthReports: new HealthReportsRepository(db),
    desiredSets: new DesiredSetRepository(db),
    checkRuns: new CheckRunsRepository(db),
    admissionPasses: new AdmissionPassesRepository(db),
    runnerReceipts: new RunnerReceiptsRepository(db),
    demoManifest: new DemoManifestRepository(db),
    claims: new ClaimsRepository(db),
    consoleSessions: new ConsoleSessionsRepository(db),
    consoleLinks: new ConsoleLinksRepository(db),
    databaseName: db.databaseName,
  };
}

/** Creates every index the product relies on. Idempotent: safe at every start-up. */
export async function ensureIndexes(repos: Repositories): Promise<void> {
  for (const repo of [
    repos.models,
    repos.metrics,
    repos.errors,
    repos.modelStatus,
    repos.providerCatalog,
    repos.openrouterCatalog,
    repos.signals,
    repos.decisions,
    repos.mutations,
    repos.policies,
    repos.operatorState,
    repos.spend,
    repos.verdicts,
    repos.discoveryRuns,
    repos.probeRuns,
    repos.benchmarkClaims,
    repos.fingerprintVerdicts,
    repos.jobRuns,
    repos.jobLeases,
    repos.apiTokens,
    repos.toolCalls,
    repos.healthReports,
    repos.desiredSets,
    repos.checkRuns,
    repos.consoleSessions,
    repos.consoleLinks,
  ]) {
    await repo.ensureIndexes();
  }
}
