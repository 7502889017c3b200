import { AppError } from "../errors.js";

/**
 * A whole number flag (`--limit 20`) read before any database work, so a typo is an `invalid_input`
 * naming the flag rather than whatever the driver makes of NaN (the driver's error was once taken
 * for a lost connection).
 */
export function positiveInt(text: string, flag: string, max = 10_000): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < 1 || n > max)
    throw new AppError("invalid_input", `${flag} must be a whole number from 1 to ${max}; got "${text}".`);
  return n;
}
