#!/usr/bin/env node
// What a process loads before its first `await import()`: the static closure of some entry files
// under a folder (default: src), the packages it reaches, and, for each package, one chain of files
// that leads to it. `import type` and `export type` declarations are left out (tsc erases them; with
// verbatimModuleSyntax every other import, `import { type X }` included, stays a load). Dynamic
// `await import()` is where a deferred dependency starts, so it does not count.
//
//   node tools/load-closure.mjs cli/main.ts cli/commands/mcp.ts server/stdio.ts
//
// test/unit/start-path.test.ts uses it to keep the MCP server's and `--help`'s start light.
import { readFileSync } from "node:fs";
import { resolve, relative } from "node:path";
import ts from "typescript";

const OPTIONS = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };

/** The module specifiers a file loads when it is evaluated (type-only declarations excluded). */
function loadedSpecifiers(file) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const out = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && s.importClause?.isTypeOnly) continue;
    if (ts.isExportDeclaration(s) && s.isTypeOnly) continue;
    if ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier) {
      if (ts.isStringLiteral(s.moduleSpecifier)) out.push(s.moduleSpecifier.text);
    }
  }
  return out;
}

/** `@scope/name` or `name` of a bare specifier; `node:` built-ins come back as null. */
function packageName(spec) {
  if (spec.startsWith("node:")) return null;
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * The static load closure of `entries` (paths relative to `dir`): `files` (relative to `dir`) and
 * `packages`, a map from package name to one import chain reaching it (entry first, then the
 * importing files, then the package).
 */
export function loadClosure(dir, entries) {
  const root = resolve(dir);
  const parent = new Map();
  const packages = new Map();
  const queue = entries.map((e) => resolve(root, e));
  for (const e of queue) parent.set(e, null);
  const chain = (file) => {
    const out = [];
    for (let f = file; f !== null; f = parent.get(f)) out.unshift(relative(root, f));
    return out;
  };
  while (queue.length > 0) {
    const file = queue.shift();
    for (const spec of loadedSpecifiers(file)) {
      if (!spec.startsWith(".")) {
        const name = packageName(spec);
        if (name && !packages.has(name)) packages.set(name, [...chain(file), spec]);
        continue;
      }
      const target = ts.resolveModuleName(spec, file, OPTIONS, ts.sys).resolvedModule?.resolvedFileName;
      if (!target) throw new Error(`${relative(root, file)}: cannot resolve ${spec}`);
      const abs = resolve(target);
      if (parent.has(abs)) continue;
      parent.set(abs, file);
      queue.push(abs);
    }
  }
  return { files: [...parent.keys()].map((f) => relative(root, f)).sort(), packages };
}

function main() {
  const entries = process.argv.slice(2);
  const { files, packages } = loadClosure("src", entries);
  console.log(`${files.length} files under src, ${packages.size} packages`);
  for (const [name, path] of [...packages].sort()) console.log(`${name}: ${path.join(" -> ")}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
