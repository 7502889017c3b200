#!/usr/bin/env node
// Prints every import cycle among the TypeScript files under a folder (default: src) and exits 1
// when there is one that KNOWN_CYCLES does not list. `import type` counts: a cycle of types still
// ties two modules together, and it turns into a load-order bug the day a value joins it.
// Dynamic `await import()` does not count: it is how a module defers a dependency on purpose.
// Imports are read with the TypeScript compiler API and resolved as tsc resolves them.
//
//   node tools/check-imports.mjs [dir]        (run by `npm run lint`)
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

// Cycles left on purpose, each as the set of files in it (relative to src). None: a new cycle fails
// the lint until it is broken. A listed cycle that is gone also fails, so the list never goes stale.
const KNOWN_CYCLES = [];

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** The module specifiers a file imports statically, type-only imports and re-exports included. */
function staticImports(file) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const out = [];
  for (const s of source.statements) {
    if ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier) {
      if (ts.isStringLiteral(s.moduleSpecifier)) out.push(s.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) {
      const e = s.moduleReference.expression;
      if (ts.isStringLiteral(e)) out.push(e.text);
    }
  }
  return out;
}

/** The import graph of `dir`: file -> files under `dir` it imports. */
export function importGraph(dir) {
  const root = resolve(dir);
  const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const files = tsFiles(root);
  const inside = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const deps = new Set();
    for (const spec of staticImports(file)) {
      const target = ts.resolveModuleName(spec, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (target && inside.has(resolve(target))) deps.add(resolve(target));
    }
    graph.set(file, [...deps].sort());
  }
  return graph;
}

/** Strongly connected components of more than one file (or a file importing itself): Tarjan. */
function components(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const c = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(c.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

/** One concrete loop through a component, for the message: shortest path from its first file back. */
function loopThrough(graph, component) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = previous.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** Every cycle under `dir`, each with its files and one loop through them, relative to `dir`. */
export function findCycles(dir) {
  const root = resolve(dir);
  const graph = importGraph(root);
  return components(graph).map((c) => ({
    files: c.map((f) => relative(root, f)),
    loop: loopThrough(graph, c).map((f) => relative(root, f)),
  }));
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().every((f, i) => f === [...b].sort()[i]);

/** Cycles that are not known, and known cycles that are gone. */
export function checkCycles(dir, known = []) {
  const cycles = findCycles(dir);
  return {
    cycles,
    unknown: cycles.filter((c) => !known.some((k) => sameSet(k, c.files))),
    gone: known.filter((k) => !cycles.some((c) => sameSet(k, c.files))),
  };
}

function main() {
  const dir = process.argv[2] ?? "src";
  // The allowlist describes src; another folder (a test fixture) is checked without it.
  const known = resolve(dir) === resolve(import.meta.dirname, "..", "src") ? KNOWN_CYCLES : [];
  const { cycles, unknown, gone } = checkCycles(dir, known);
  for (const c of cycles) {
    const tag = unknown.includes(c) ? "cycle" : "known cycle (KNOWN_CYCLES in tools/check-imports.mjs)";
    console.log(`${tag}, ${c.files.length} files: ${c.loop.join(" -> ")}`);
  }
  for (const k of gone)
    console.log(`known cycle gone, remove it from KNOWN_CYCLES in tools/check-imports.mjs: ${k.join(", ")}`);
  const files = importGraph(dir).size;
  console.log(
    `${files} files, ${cycles.length} cycle(s), ${unknown.length} not known, ${gone.length} known gone`,
  );
  if (unknown.length > 0 || gone.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
