import { parse } from "node-cron";
import { describe, expect, it } from "vitest";
import { previousTick } from "../../../src/cron-ticks.js";

const at = (iso: string): Date => new Date(iso);

describe("previousTick", () => {
  it("finds the latest daily tick at or before a time, in UTC", () => {
    const f = parse("0 7 * * *");
    expect(previousTick(f, "UTC", at("2026-11-20T12:00:00Z"))).toEqual(at("2026-11-20T07:00:00Z"));
    expect(previousTick(f, "UTC", at("2026-11-20T06:59:59Z"))).toEqual(at("2026-11-19T07:00:00Z"));
    expect(previousTick(f, "UTC", at("2026-11-20T07:00:00Z"))).toEqual(at("2026-11-20T07:00:00Z"));
  });

  it("reads the expression in the job's time zone, across a DST change", () => {
    const f = parse("0 7 * * *");
    // 07:00 in Berlin is 06:00 UTC in winter (CET) and 05:00 UTC in summer (CEST).
    expect(previousTick(f, "Europe/Berlin", at("2026-11-20T12:00:00Z"))).toEqual(at("2026-11-20T06:00:00Z"));
    expect(previousTick(f, "Europe/Berlin", at("2026-07-01T12:00:00Z"))).toEqual(at("2026-07-01T05:00:00Z"));
    // Kolkata is UTC+05:30: a half-hour offset.
    expect(previousTick(f, "Asia/Kolkata", at("2026-11-20T12:00:00Z"))).toEqual(at("2026-11-20T01:30:00Z"));
  });

  it("handles steps, seconds and weekdays (day of month AND day of week, as node-cron matches)", () => {
    expect(previousTick(parse("*/15 * * * *"), "UTC", at("2026-11-20T12:44:10Z"))).toEqual(
      at("2026-11-20T12:30:00Z"),
    );
    expect(previousTick(parse("*/2 * * * * *"), "UTC", at("2026-11-20T12:44:11.500Z"))).toEqual(
      at("2026-11-20T12:44:10Z"),
    );
    // 2026-11-20 is a Friday; "Mondays at 09:30" last fired on 2026-11-16.
    expect(previousTick(parse("30 9 * * 1"), "UTC", at("2026-11-20T12:00:00Z"))).toEqual(
      at("2026-11-16T09:30:00Z"),
    );
    expect(previousTick(parse("0 0 * * 7"), "UTC", at("2026-11-20T12:00:00Z"))).toEqual(
      at("2026-11-15T00:00:00Z"),
    );
  });

  it("returns null beyond the look-back and for day tokens it does not model", () => {
    expect(previousTick(parse("0 0 1 1 *"), "UTC", at("2026-11-20T12:00:00Z"), 30 * 86_400_000)).toBeNull();
    expect(previousTick(parse("0 0 L * *"), "UTC", at("2026-11-20T12:00:00Z"))).toBeNull();
  });
});
