import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Spool } from "../../../src/runner/spool.js";

const dirs: string[] = [];
async function spool(max = 10, maxAgeMs = Infinity): Promise<Spool> {
  const dir = await mkdtemp(join(tmpdir(), "spool-unit-"));
  dirs.push(dir);
  const s = new Spool(dir, max, maxAgeMs);
  await s.init();
  return s;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("Spool", () => {
  it("lists results oldest first, by write time and then by sequence", async () => {
    const s = await spool();
    await s.add("c", { n: 3 }, 2000);
    await s.add("a", { n: 1 }, 1000);
    await s.add("b", { n: 2 }, 1000);
    const files = await s.list();
    expect(await Promise.all(files.map((f) => s.read(f)))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("leaves no temporary files behind and ignores foreign ones", async () => {
    const s = await spool();
    await s.add("claim/with:odd chars", { ok: true });
    await writeFile(join(s.dir, "notes.txt"), "x");
    const names = (await readdir(s.dir)).filter((n) => n !== "rejected");
    expect(names.filter((n) => n.startsWith(".tmp-"))).toEqual([]);
    expect(await s.count()).toBe(1);
    expect((await s.list())[0]).toMatch(/^r-\d{13}-\d{6}-claim_with_odd_chars\.json$/);
  });

  it("moves an unreadable file to rejected/ instead of deleting it", async () => {
    const s = await spool();
    await writeFile(join(s.dir, "r-0000000000001-000001-x.json"), "{not json");
    expect(await s.read("r-0000000000001-000001-x.json")).toBeNull();
    expect(await s.count()).toBe(0);
    expect(await readdir(join(s.dir, "rejected"))).toEqual(["r-0000000000001-000001-x.json"]);
  });

  it("removing a file twice is harmless", async () => {
    const s = await spool();
    const f = await s.add("a", {});
    await s.remove(f);
    await s.remove(f);
    expect(await s.count()).toBe(0);
  });

  it("a result is expired once it was written longer than the bound ago, by the file's own time", async () => {
    const s = await spool(10, 1000);
    const f = await s.add("a", {}, 5000);
    expect(s.expired(f, 6000)).toBe(false);
    expect(s.expired(f, 6001)).toBe(true);
    expect((await spool()).expired(f, Number.MAX_SAFE_INTEGER)).toBe(false); // no bound given
  });

  it("orphaned claims are those of this process id's earlier life or of processes gone, not a live one's", async () => {
    const dir = await mkdtemp(join(tmpdir(), "spool-unit-"));
    dirs.push(dir);
    const at = (pid: number) => new Spool(dir, 10, Infinity, pid);
    await at(1).init();
    await at(1).hold("bedrock:a@1", { claim_id: "bedrock:a@1" });
    await at(2).hold("bedrock:b@1", { claim_id: "bedrock:b@1" });
    await at(3).hold("bedrock:c@1", { claim_id: "bedrock:c@1" });
    await writeFile(join(dir, "claims", "h-4-bedrock_d_1-0123456789ab.json"), "{cut short");
    const alive = (pid: number) => pid === 1 || pid === 2;
    const orphans = await at(1).orphanedClaims(alive);
    expect(orphans.map((o) => o.body)).toEqual([
      { claim_id: "bedrock:a@1" },
      { claim_id: "bedrock:c@1" },
      null,
    ]);
    // Letting go is by claim id for this process's own files, by file name for another's.
    await at(1).letGo("bedrock:a@1");
    await at(1).dropHeld(orphans[1]!.file);
    await at(1).letGo("bedrock:a@1");
    expect((await at(1).orphanedClaims(alive)).map((o) => o.body)).toEqual([null]);
    expect(await readdir(join(dir, "claims"))).toHaveLength(2);
  });

  it("names the claims of the results it holds", async () => {
    const s = await spool();
    await s.add("bedrock:a@1", { item: { claim_id: "bedrock:a@1" }, result: {} });
    await s.add("bedrock:b@2", { item: { claim_id: "bedrock:b@2" }, result: {} });
    expect(await s.resultClaimIds()).toEqual(new Set(["bedrock:a@1", "bedrock:b@2"]));
  });
});
