import type { ObjectId } from "mongodb";
import type { Logger } from "../logger.js";
import type { ModelDoc } from "./documents.js";
import type { ModelKey, ModelsRepository } from "./models-repository.js";

/**
 * Reads one model row by `provider` and `model_id` through its `_id`. On FerretDB a find by
 * `provider`/`model_id` decodes every row until it matches (up to ~250 ms on 5,000 models under
 * load), while a find by `_id` is an index read in SQLite (about a millisecond); on MongoDB both are index
 * reads. The map from key to `_id` is loaded once, in the background, on first use: a row's
 * `_id` never changes, so the map cannot go stale in a way that matters, and the row itself is
 * always read live, so a disable executed a moment ago (in any process) is what callers see.
 * A key the map does not know (a model inserted since, or a row deleted and re-inserted by a
 * revert) falls back to the filter read and is remembered.
 */
export class ModelLocator {
  private ids: Map<string, ObjectId> | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly models: ModelsRepository,
    private readonly logger?: Logger,
  ) {}

  async get(key: ModelKey): Promise<ModelDoc | null> {
    const k = `${key.provider}:${key.model_id}`;
    void this.warm();
    const id = this.ids?.get(k);
    if (id) {
      const row = await this.models.getById(id);
      if (row && row.provider === key.provider && row.model_id === key.model_id) return row;
      this.ids?.delete(k);
    }
    const row = await this.models.get(key);
    if (row?._id) this.ids?.set(k, row._id);
    return row;
  }

  /** Starts loading the map unless it is loaded or loading; `get` never waits for it. */
  warm(): Promise<void> {
    if (this.ids) return Promise.resolve();
    this.loading ??= this.models
      .idsByKey()
      .then((ids) => {
        // Rows found by the filter read while the map loaded are already in `ids` or newer.
        this.ids = ids;
      })
      .catch((e: unknown) => {
        // An empty map: every key falls back to the filter read once and is remembered.
        this.ids = new Map();
        this.logger?.warn("model locator: could not load the model ids; reading models by filter", {
          error: e instanceof Error ? e.message : String(e),
        });
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
