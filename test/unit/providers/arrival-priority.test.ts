import { readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { describe, expect, it } from "vitest";
import { arrivalWorkerPriority } from "../../../src/providers/stream/arrival.js";
import { ARRIVAL_NICE, ARRIVAL_REALTIME } from "../../../src/providers/stream/arrival-worker.js";

/** Fields of /proc/self/task/<tid>/stat as the kernel reports them, by their number in proc(5). */
function statField(tid: number, field: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[field - 3]);
}
const kernelNice = (tid: number): number => statField(tid, 19);
const SCHED_OTHER = 0;
const SCHED_FIFO = 1;
const kernelPolicy = (tid: number): number => statField(tid, 41);
const kernelRtPriority = (tid: number): number => statField(tid, 40);

describe("the arrival worker's priority", () => {
  it("is raised for its thread alone where the OS allows it, and says why not where it does not", async () => {
    const processNice = getPriority();
    const got = await arrivalWorkerPriority();
    expect(got.wanted).toBe(ARRIVAL_NICE);
    expect(ARRIVAL_NICE).toBeLessThan(0);
    expect(got.wantedRealtime).toBe(ARRIVAL_REALTIME);
    if (process.platform !== "linux") {
      expect(got.nice).toBeNull();
      expect(got.error).toBeTruthy();
      expect(got.realtime).toBeNull();
      expect(got.realtimeError).toBeTruthy();
      return;
    }
    expect(got.tid).toBeGreaterThan(0);
    expect(got.tid).not.toBe(process.pid);
    // The main thread keeps the process's priority and policy: only the timestamping thread runs first.
    expect(kernelNice(process.pid)).toBe(processNice);
    expect(kernelPolicy(process.pid)).toBe(SCHED_OTHER);
    if (got.nice === null) {
      expect(got.error).toMatch(/^(EACCES|EPERM)$/);
      expect(kernelNice(got.tid!)).toBe(processNice);
    } else {
      expect(got.nice).toBe(ARRIVAL_NICE);
      expect(kernelNice(got.tid!)).toBe(ARRIVAL_NICE);
    }
    if (got.realtime === null) {
      expect(got.realtimeError).toBeTruthy();
      expect(kernelPolicy(got.tid!)).toBe(SCHED_OTHER);
    } else {
      expect(got.realtime).toBe(ARRIVAL_REALTIME);
      expect(kernelPolicy(got.tid!)).toBe(SCHED_FIFO);
      expect(kernelRtPriority(got.tid!)).toBe(ARRIVAL_REALTIME);
    }
  });
});
