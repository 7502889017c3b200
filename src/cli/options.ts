import { AppError } from "../errors.js";

/**
 * A whole number flag (`--limit 20`) read before any database work, so a typo is an `invalid_input`
 * naming the flag rather than whatever the driver makes of NaN (the driver's error was once taken
 * for a lost connection). `min` is 1 unless the flag counts from 0 (`--offset`, `--port`).
 */
export function wholeNumber(text: string, flag: string, range: { min?: number; max?: number } = {}): number {
  const { min = 1, max = 10_000 } = range;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new AppError(
      "invalid_input",
      `${flag} must be a whole number from ${min} to ${max}; got "${text}".`,
    );
  return n;
}

/** `wholeNumber` from 1 (a count, a limit, a number of days). */
export function positiveInt(text: string, flag: string, max = 10_000): number {
  return wholeNumber(text, flag, { max });
}

/**
 * `positiveInt` as commander's argParser of `flag`, so a numeric default shows in help as the number
 * it is (`(default: 30)`, not `(default: "30")`), the action gets a number, and a bad value is an
 * `invalid_input` (exit code 2) naming the flag before anything runs.
 */
export function positiveIntArg(flag: string, max = 10_000): (text: string) => number {
  return (text) => positiveInt(text, flag, max);
}

/** `wholeNumber` as an argParser, for a flag whose range is not 1 to 10,000 (`--offset`, `--port`). */
export function wholeNumberArg(
  flag: string,
  range: { min?: number; max?: number },
): (text: string) => number {
  return (text) => wholeNumber(text, flag, range);
}

/** A `--port` to listen on: 0 (any free port) to 65535, as an argParser. */
export const portArg = wholeNumberArg("--port", { min: 0, max: 65_535 });

/**
 * A flag that is an amount, fractions allowed (`--max-input-price 0.5`, `--cadence-hours 1.5`), as
 * an argParser: a finite number from `min` (above it when `above`: no zero hours) up to `max`, else
 * `invalid_input` naming the flag.
 */
export function amountArg(
  flag: string,
  range: { min?: number; above?: boolean; max?: number } = {},
): (text: string) => number {
  const { min = 0, above = false, max = Number.MAX_SAFE_INTEGER } = range;
  return (text) => {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n) || n < min || (above && n === min) || n > max)
      throw new AppError(
        "invalid_input",
        `${flag} must be a number ${above ? "above" : "from"} ${min}` +
          `${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ""}; got "${text}".`,
      );
    return n;
  };
}
