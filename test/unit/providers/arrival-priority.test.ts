import { readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { describe, expect, it } from "vitest";
import { arrivalWorkerPriority } from "../../../src/providers/stream/arrival.js";
import { ARRIVAL_NICE } from "../../../src/providers/stream/arrival-worker.js";

/** The thread's nice value as the kernel reports it (field 19 of /proc/<pid>/task/<tid>/stat). */
function kernelNice(tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
}

describe("the arrival worker's priority", () => {
  it("is raised for its thread alone where the OS allows it, and says why not where it does not", async () => {
    const processNice = getPriority();
    const got = await arrivalWorkerPriority();
    expect(got.wanted).toBe(ARRIVAL_NICE);
    expect(ARRIVAL_NICE).toBeLessThan(0);
    if (process.platform !== "linux") {
      expect(got.nice).toBeNull();
      expect(got.error).toBeTruthy();
      return;
    }
    expect(got.tid).toBeGreaterThan(0);
    expect(got.tid).not.toBe(process.pid);
    // The main thread keeps the process's priority: only the timestamping thread runs first.
    expect(kernelNice(process.pid)).toBe(processNice);
    if (got.nice === null) {
      expect(got.error).toMatch(/^(EACCES|EPERM)$/);
      expect(kernelNice(got.tid!)).toBe(processNice);
    } else {
      expect(got.nice).toBe(ARRIVAL_NICE);
      expect(kernelNice(got.tid!)).toBe(ARRIVAL_NICE);
    }
  });
});
