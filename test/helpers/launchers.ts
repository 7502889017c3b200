import { readdir, readFile } from "node:fs/promises";

/** Pids of FerretDB launchers serving files under `dataDir`, from /proc. */
export async function launchersFor(dataDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    const argv = cmdline.split("\0");
    if (argv[0]?.endsWith("ferretdb-launcher") && argv.some((a) => a.startsWith(dataDir)))
      pids.push(Number(entry));
  }
  return pids;
}
