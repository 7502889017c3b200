import { modelKey } from "../../storage/signals-repository.js";
import { disabledModels, lastSuccessesOf } from "../inputs.js";
import { listed, type InvariantCheck } from "../types.js";

/** A run already in flight when the model was disabled may still land; this much later, it is new work. */
const IN_FLIGHT_TOLERANCE_MS = 15 * 60_000;

/**
 * No benchmark work for disabled models: a published metric from a run that started after the
 * model's `disabled_at` means something still measures it. Read from the per-model signals
 * (last success), which every writer and the backfill keep current, of the disabled models only
 * (by `_id`).
 */
export const noWorkForDisabledModels: InvariantCheck = {
  name: "no_work_for_disabled_models",
  description: "No published metric for a disabled model after it was disabled.",
  async evaluate(ctx) {
    const disabled = await disabledModels(ctx);
    const dated = disabled.filter((m) => m.disabled_at).map((m) => modelKey(m.provider, m.model_id));
    const last = await lastSuccessesOf(ctx.deps.repos, dated);
    const offenders: { provider: string; model_id: string; disabled_at: Date; last_success_at: Date }[] = [];
    let undated = 0;
    for (const m of disabled) {
      if (!m.disabled_at) {
        undated++;
        continue;
      }
      const success = last.get(modelKey(m.provider, m.model_id));
      if (success && success.getTime() > m.disabled_at.getTime() + IN_FLIGHT_TOLERANCE_MS) {
        offenders.push({
          provider: m.provider,
          model_id: m.model_id,
          disabled_at: m.disabled_at,
          last_success_at: success,
        });
      }
    }
    const details = {
      disabled: disabled.length,
      without_disabled_at: undated,
      measured_after_disable: listed(offenders),
    };
    if (offenders.length > 0) {
      return {
        status: "violation",
        summary: `${offenders.length} disabled model(s) were measured after they were disabled`,
        details,
      };
    }
    return { status: "pass", summary: `no work for ${disabled.length - undated} disabled model(s)`, details };
  },
};
