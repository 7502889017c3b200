import type { LabelledMessage } from "./score.js";

/**
 * Paraphrase-robustness probes (issue 17 item 11): the same real message as other clients and logs
 * carry it: cut to its first sentence, reduced to the inner "message" of its JSON envelope, with its
 * prefix before the first brace or colon dropped, re-wrapped at 40 columns, with its HTTP status or
 * exception type removed. Only ever applied to the train split, so they measure how far the rules
 * carry the meaning of what they were written from without spending the held-out split. A probe
 * returns null when it would not change the message.
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

/** Every probe's variants of `cases`, named by probe (messages a probe would not change are left out). */
export function probeVariants(cases: readonly LabelledMessage[]): Array<[string, LabelledMessage[]]> {
  return Object.entries(PROBES).map(([name, probe]) => [
    name,
    cases.map(probe).filter((m): m is LabelledMessage => m !== null),
  ]);
}
