import type { LabelledMessage } from "./score.js";

/**
 * Paraphrase-robustness probes (issue 17 item 11): the same real message as other clients and logs
 * carry it: cut to its first sentence, reduced to the inner "message" of its JSON envelope, with its
 * prefix before the first brace or colon dropped, re-wrapped at 40 columns, with its HTTP status or
 * exception type removed. Only ever applied to the train split, so they measure how far the rules
 * carry the meaning of what they were written from without spending the held-out split. A probe
 * returns null when it would not change the message. `COMBINED_PROBES` apply two of them one after the
 * other, as an unseen message is often both cut and stripped of its status or prefix.
 */
export type Probe = (m: LabelledMessage) => LabelledMessage | null;

const INNER_MESSAGE = /["']message["']\s*:\s*["']((?:[^"'\\]|\\.){8,2000})["']/;

function innerMessage(text: string): string | null {
  return INNER_MESSAGE.exec(text)?.[1] ?? null;
}

function changed(m: LabelledMessage, message: string | null, drop = false): LabelledMessage | null {
  if (message === null || message === m.message || message.trim() === "") return null;
  return drop ? { ...m, message, httpStatus: undefined, exceptionType: undefined } : { ...m, message };
}

export const PROBES: Readonly<Record<string, Probe>> = {
  "no status": (m) => (m.httpStatus === undefined ? null : { ...m, httpStatus: undefined }),
  "no exception type": (m) => (m.exceptionType === undefined ? null : { ...m, exceptionType: undefined }),
  "first sentence": (m) => changed(m, m.message.split(/(?<=[.!?])\s+|\n/)[0] ?? null),
  "inner message": (m) => changed(m, innerMessage(m.message)),
  "inner message, no status": (m) => changed(m, innerMessage(m.message), true),
  "prefix dropped": (m) => {
    const i = m.message.search(/[{:]/);
    return i > 0 && i < m.message.length - 10 ? changed(m, m.message.slice(i + 1).trim()) : null;
  },
  "re-wrapped": (m) => changed(m, m.message.replace(/(.{40}\S*)\s/g, "$1\n")),
};

/** `first`, then `second` on what it gave: null unless both change the message. */
function then(first: Probe, second: Probe): Probe {
  return (m) => {
    const once = first(m);
    return once === null ? null : second(once);
  };
}

// The single perturbations a pair is made of ("inner message, no status" is itself one such pair).
const STATUS_PROBES = ["no status", "no exception type"] as const;
const TEXT_PROBES = ["first sentence", "inner message", "prefix dropped", "re-wrapped"] as const;

function pairs(): Array<[string, Probe]> {
  const p = (name: string): Probe => PROBES[name]!;
  // The status probes commute with every other, so one order of each pair; two text probes in both orders
  // (a first sentence with its prefix dropped differs from the first sentence of what follows the prefix).
  const withStatus = STATUS_PROBES.flatMap((s, i) => [
    ...TEXT_PROBES.filter((t) => !(s === "no status" && t === "inner message")).map((t): [string, Probe] => [
      `${t} + ${s}`,
      then(p(t), p(s)),
    ]),
    ...STATUS_PROBES.slice(i + 1).map((o): [string, Probe] => [`${s} + ${o}`, then(p(s), p(o))]),
  ]);
  const textPairs = TEXT_PROBES.flatMap((a) =>
    TEXT_PROBES.filter((b) => b !== a).map((b): [string, Probe] => [`${a} + ${b}`, then(p(a), p(b))]),
  );
  return [...textPairs, ...withStatus];
}

/** Pairs of the probes above, named "first + second" in the order they are applied. */
export const COMBINED_PROBES: Readonly<Record<string, Probe>> = Object.fromEntries(pairs());

/**
 * Every probe's variants of `cases`, single and combined, named by probe (messages a probe would not
 * change are left out).
 */
export function probeVariants(cases: readonly LabelledMessage[]): Array<[string, LabelledMessage[]]> {
  return Object.entries({ ...PROBES, ...COMBINED_PROBES }).map(([name, probe]) => [
    name,
    cases.map(probe).filter((m): m is LabelledMessage => m !== null),
  ]);
}
