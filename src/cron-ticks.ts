/**
 * When a cron expression fired last, for the dead-man check. Pure: it takes the expression's
 * expanded fields (from node-cron's `parse`, which only scheduler.ts imports) and matches them the
 * way node-cron does: every field must match (day of month AND day of week), in the job's time
 * zone.
 */
import type { CronFields } from "./storage/heartbeats-repository.js";

// The heartbeat stores the expanded fields, so their shape is defined with it.
export type { CronFields };

const MINUTE_MS = 60_000;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

interface LocalParts {
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

function localParts(date: Date, timeZone: string): LocalParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  const out: LocalParts = { month: 0, day: 0, hour: 0, minute: 0, weekday: 0 };
  for (const p of f.formatToParts(date)) {
    if (p.type === "weekday") out.weekday = WEEKDAYS[p.value] ?? 0;
    else if (p.type === "month" || p.type === "day" || p.type === "hour" || p.type === "minute")
      out[p.type] = Number(p.value);
  }
  return out;
}

/**
 * The newest time at or before `atOrBefore` that the expression matches, looking back at most
 * `lookbackMs`. Null when there is none in that window, or when the expression uses day tokens
 * (`L`, `W`, `#`) that this matcher does not model: the caller reports "cannot evaluate".
 */
export function previousTick(
  fields: CronFields,
  timeZone: string,
  atOrBefore: Date,
  lookbackMs = 35 * 86_400_000,
): Date | null {
  const isNumbers = (v: (number | string)[]): v is number[] => v.every((x) => typeof x === "number");
  if (!isNumbers(fields.dayOfMonth) || !isNumbers(fields.dayOfWeek)) return null;
  const sets = {
    minute: new Set(fields.minute),
    hour: new Set(fields.hour),
    day: new Set(fields.dayOfMonth),
    month: new Set(fields.month),
    weekday: new Set(fields.dayOfWeek.map((d) => d % 7)),
  };
  const secondsDesc = [...fields.second].sort((a, b) => b - a);
  const limit = atOrBefore.getTime() - lookbackMs;
  let minute = Math.floor(atOrBefore.getTime() / MINUTE_MS) * MINUTE_MS;
  let maxSecond = atOrBefore.getUTCSeconds();
  while (minute >= limit) {
    const p = localParts(new Date(minute), timeZone);
    // Skip whole local days or hours that cannot match: back to the last minute of the previous one.
    if (!sets.month.has(p.month) || !sets.day.has(p.day) || !sets.weekday.has(p.weekday)) {
      minute -= (p.hour * 60 + p.minute + 1) * MINUTE_MS;
    } else if (!sets.hour.has(p.hour)) {
      minute -= (p.minute + 1) * MINUTE_MS;
    } else {
      if (sets.minute.has(p.minute)) {
        const second = secondsDesc.find((s) => s <= maxSecond);
        if (second !== undefined) return new Date(minute + second * 1000);
      }
      minute -= MINUTE_MS;
    }
    maxSecond = 59;
  }
  return null;
}
