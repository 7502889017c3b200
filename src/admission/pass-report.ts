import type { MassDisappearance } from "./retirement.js";

type Target = { provider: string; model_id: string };

export interface AdmissionPassReport {
  at: Date;
  dryRun: boolean;
  killSwitch: boolean;
  counts: Record<string, number>;
  summary: string;
  newCandidates: (Target & { source: string })[];
  promotions: (Target & { reason: string; decision_id: string | null; status: string })[];
  rejections: (Target & { kind: string; reason: string })[];
  rechecks: Target[];
  retirements: (Target & { decision_id: string | null; status: string })[];
  massDisappearances: MassDisappearance[];
  notEvaluable: { provider: string; reason: string }[];
  batches: string[];
  problems: string[];
  costUsd: number;
}

export function emptyReport(at: Date, dryRun: boolean, killSwitch: boolean): AdmissionPassReport {
  return {
    at,
    dryRun,
    killSwitch,
    counts: {},
    summary: "",
    newCandidates: [],
    promotions: [],
    rejections: [],
    rechecks: [],
    retirements: [],
    massDisappearances: [],
    notEvaluable: [],
    batches: [],
    problems: [],
    costUsd: 0,
  };
}

export function target(m: Target): Target {
  return { provider: m.provider, model_id: m.model_id };
}

export function summarize(r: AdmissionPassReport): string {
  const c = r.counts;
  const parts = [
    `${c["new_candidates"]} new candidate(s)`,
    `${c["promotions_proposed"]} promotion(s) (${c["promotions_pending"]} pending approval)`,
    `${c["rejected"]} rejected (${c["duplicates_rejected"]} duplicate spellings)`,
    `${c["rechecks"]} back to probing`,
    `${c["retire_proposed"]} deprecation(s) proposed${c["retire_held_by_person"] ? ` (${c["retire_held_by_person"]} held by a person's word)` : ""}`,
    `${c["matched_by_rules"]} + ${c["matched_by_llm"]} catalog matches (rules + LLM)`,
  ];
  const mass = r.massDisappearances.map((m) => m.reason);
  const prefix = r.killSwitch ? "kill switch on, nothing written: " : r.dryRun ? "dry run: " : "";
  return `${prefix}${parts.join("; ")}${mass.length > 0 ? `. ${mass.join(". ")}` : ""}`;
}
