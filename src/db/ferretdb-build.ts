import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { chmod, cp, readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/**
 * Builds the FerretDB launcher from a patched copy of FerretDB's source.
 *
 * Why patch: FerretDB 1.24's SQLite backend never uses its own `_id` index (the index expression
 * and the query expression differ), so every `_id` lookup, update and delete scanned the whole
 * collection, and a filter with `_id` plus another condition was not narrowed by `_id` at all.
 * That made the test database slower than MongoDB in a way that grows with the data, and hid our
 * own costs behind its own. `tools/ferretdb/patches.json` holds each change with its reason; each
 * must match the expected number of times, so a FerretDB upgrade that moves the code fails the
 * build loudly instead of building an unpatched server.
 *
 * How: Go refuses overlays of files in the module cache, so the module is copied next to the
 * binary, patched there, and the launcher is built with a generated go.mod that `replace`s the
 * module with the copy. The copy is removed after the build.
 *
 * Everything slow here is asynchronous (go runs as a child process, the copy uses fs/promises):
 * `mcp` builds while it answers its client, which times out on a server that stops answering.
 */

export interface SourcePatch {
  file: string;
  find: string;
  replace: string;
  count: number;
  why: string;
}

const FERRETDB_MODULE = "github.com/FerretDB/FerretDB";

export function readPatches(launcherDir: string): SourcePatch[] {
  return JSON.parse(readFileSync(join(launcherDir, "patches.json"), "utf8")) as SourcePatch[];
}

/** Applies the patches to a source tree; throws when one does not match exactly as expected. */
export function applyPatches(sourceDir: string, patches: SourcePatch[]): void {
  for (const p of patches) {
    const path = join(sourceDir, p.file);
    const text = readFileSync(path, "utf8");
    const found = text.split(p.find).length - 1;
    if (found !== p.count) {
      throw new Error(
        `FerretDB patch for ${p.file} expected ${p.count} match(es) of ${JSON.stringify(p.find)}, found ${found}; ` +
          "update tools/ferretdb/patches.json for this FerretDB version",
      );
    }
    writeFileSync(path, text.split(p.find).join(p.replace));
  }
}

/** Builds the launcher in `launcherDir` to `output`, with FerretDB patched. `workDir` is scratch space. */
export async function buildPatchedLauncher(
  launcherDir: string,
  output: string,
  workDir: string,
): Promise<void> {
  const download = await go(["mod", "download", "-json", FERRETDB_MODULE], launcherDir);
  const moduleDir = (JSON.parse(download) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download did not report where ${FERRETDB_MODULE} is`);
  await rm(workDir, { recursive: true, force: true });
  try {
    const source = join(workDir, "ferretdb");
    await cp(moduleDir, source, { recursive: true });
    await makeWritable(source); // the module cache is read-only
    applyPatches(source, readPatches(launcherDir));
    const goMod = readFileSync(join(launcherDir, "go.mod"), "utf8");
    writeFileSync(join(workDir, "go.mod"), `${goMod}\nreplace ${FERRETDB_MODULE} => ${source}\n`);
    writeFileSync(join(workDir, "go.sum"), readFileSync(join(launcherDir, "go.sum")));
    await go(["build", `-modfile=${join(workDir, "go.mod")}`, "-o", output, "."], launcherDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Runs go with its output piped (never inherited: stdout may be an MCP client's protocol stream). */
function go(args: string[], cwd: string): Promise<string> {
  return new Promise((resolveGo, reject) => {
    const child = spawn("go", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => reject(new Error(`go ${args[0]} failed:\n${e.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolveGo(Buffer.concat(out).toString("utf8"));
      else reject(new Error(`go ${args[0]} failed:\n${Buffer.concat(err).toString("utf8")}`));
    });
  });
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(path);
    else await chmod(path, 0o644);
  }
}
