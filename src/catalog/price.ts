/**
 * OpenRouter prices are USD per token as decimal strings ("0.0000025"). Per million tokens is
 * what people compare. "-1" (a router whose price depends on the routed model), a negative, a
 * missing or an unparsable value means unknown: returning 0 would make it look free.
 */
export function perTokenToPerMillion(value: unknown): number | null {
  const n = knownPrice(value);
  return n === null ? null : roundPrice(n * 1_000_000);
}

/** A price already per million tokens (DeepInfra, Together): the same unknown rules. */
export function perMillion(value: unknown): number | null {
  const n = knownPrice(value);
  return n === null ? null : roundPrice(n);
}

function knownPrice(value: unknown): number | null {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Removes binary floating-point noise (0.0000025 * 1e6 = 2.4999999999999996) without losing cents. */
function roundPrice(n: number): number {
  return Number(n.toPrecision(12));
}
