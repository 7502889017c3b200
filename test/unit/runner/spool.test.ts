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
});
