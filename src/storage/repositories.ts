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
import { DecisionsRepository } from "./decisions-repository.js";
import { MutationBatchesRepository } from "./mutation-batches-repository.js";
import { PolicyRepository } from "./policy-repository.js";
import { OperatorStateRepository } from "./operator-state-repository.js";
import { DiscoveryRunsRepository } from "./discovery-runs-repository.js";
import { SpendRepository } from "./spend-repository.js";
import { OperatorVerdictsRepository } from "./operator-verdicts-repository.js";
import { ProbeRunsRepository } from "./probe-runs-repository.js";
import { BenchmarkClaimsRepository } from "./benchmark-claims-repository.js";
import { FingerprintVerdictsRepository } from "./fingerprint-verdicts-repository.js";
import { ClaimsRepository } from "./claims.js";

export interface Repositories {
  db: Db;
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
  /** Exactly-once keys (a decision leaving a status, a batch's one revert). */
  claims: ClaimsRepository;
  /** The database's name, for messages that tell the user which database they are looking at. */
  databaseName: string;
}

/** Builds every repository over one database, with the collection names from config. */
export function createRepositories(db: Db, collections: Config["collections"]): Repositories {
  return {
    db,
    models: new ModelsRepository(db.collection<ModelDoc>(collections.models)),
    metrics: new MetricsRepository(db.collection<MetricDoc>(collections.metrics)),
    errors: new ErrorsRepository(db.collection<ErrorDoc>(collections.errors)),
    modelStatus: new ModelStatusRepository(db.collection<ModelStatusDoc>(collections.modelStatus)),
    providerCatalog: new ProviderCatalogRepository(
      db.collection<ProviderCatalogDoc>(collections.providerCatalog),
    ),
    openrouterCatalog: new OpenRouterCatalogRepository(
      db.collection<OpenRouterCatalogDoc>(collections.openrouterCatalog),
    ),
    signals: new SignalsRepository(db),
    decisions: new DecisionsRepository(db),
    mutations: new MutationBatchesRepository(db),
    policies: new PolicyRepository(db),
    operatorState: new OperatorStateRepository(db),
    spend: SpendRepository.over(db),
    verdicts: new OperatorVerdictsRepository(db),
    discoveryRuns: new DiscoveryRunsRepository(db),
    probeRuns: ProbeRunsRepository.over(db),
    benchmarkClaims: new BenchmarkClaimsRepository(db),
    fingerprintVerdicts: new FingerprintVerdictsRepository(db),
    claims: new ClaimsRepository(db),
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
  ]) {
    await repo.ensureIndexes();
  }
}
