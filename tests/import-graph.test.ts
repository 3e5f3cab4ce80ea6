/**
 * The module layering of issue 13, checked on the source: every .ts file
 * under pipeline/ and analyses/ is parsed (oxc, through rolldown/utils, the
 * parser vitest itself runs on; no regular expressions), its imports,
 * re-exports and literal dynamic imports resolved to files, and the graph
 * checked:
 * - the figure kit (pipeline/figures/) and the run machinery (pipeline/run/)
 *   import nothing from analyses/, not even types;
 * - analyses/ reaches into pipeline/ only for the stage types, the figure
 *   kit and the few leaf utilities listed in ANALYSES_MAY_IMPORT;
 * - there is no import cycle.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'rolldown/utils';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...tsFiles(rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}

/** The module specifiers `source` imports or re-exports (file `name` only names errors). */
function specifiers(name: string, source: string): string[] {
  const r = parseSync(name, source, { lang: 'ts' });
  if (r.errors.length > 0) throw new Error(`${name}: cannot parse: ${r.errors[0]!.message}`);
  const out = r.module.staticImports.map((i) => i.moduleRequest.value);
  for (const e of r.module.staticExports)
    for (const x of e.entries) if (x.moduleRequest) out.push(x.moduleRequest.value);
  for (const d of r.module.dynamicImports) {
    const text = source.slice(d.moduleRequest.start, d.moduleRequest.end);
    // Only literal specifiers name a file; a computed one is left to the run.
    if (/^(['"]).*\1$/.test(text)) out.push(text.slice(1, -1));
  }
  return out;
}

/** Project files (relative to the root) each file imports; packages and node: modules left out. */
function importGraph(files: readonly string[], read: (f: string) => string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const targets = new Set<string>();
    for (const s of specifiers(f, read(f))) {
      if (!s.startsWith('.')) continue;
      const target = relative(root, resolve(root, dirname(f), s)).replace(/\.js$/, '.ts');
      targets.add(target);
    }
    graph.set(f, [...targets].sort());
  }
  return graph;
}

/** Every cycle's files (one per strongly connected component of more than one file, or a self-import). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's strongly connected components, visiting the files in sorted order.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/**
 * What analyses/ may import from pipeline/: the stage types, the figure kit,
 * and leaf utilities (errors, word and text helpers, the YAML reader, the
 * speaker registry) that import no analysis. Issue 13 asks for the stage
 * types and the kit only; the utilities are what is left to move.
 */
const ANALYSES_MAY_IMPORT = new Set([
  'pipeline/types.ts',
  'pipeline/figures/kit.ts',
  'pipeline/figures/data.ts',
  'pipeline/figures/theme.ts',
  'pipeline/figures/types.ts',
  'pipeline/errors.ts',
  'pipeline/words.ts',
  'pipeline/yaml.ts',
  'pipeline/describe.ts',
  'pipeline/normalize.ts',
  'pipeline/registry.ts',
  'pipeline/speech.ts',
]);

const files = [...tsFiles('pipeline'), ...tsFiles('analyses')];
const graph = importGraph(files, (f) => readFileSync(join(root, f), 'utf8'));

describe('the import graph of pipeline/ and analyses/', () => {
  it('reads every file and resolves every relative import to a file', () => {
    expect(files.length).toBeGreaterThan(50);
    const missing = [...graph].flatMap(([f, ts]) =>
      ts.filter((t) => !existsSync(join(root, t))).map((t) => `${f} -> ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('the figure kit and the run machinery import nothing from analyses/', () => {
    const wrong = [...graph].flatMap(([f, ts]) =>
      /^pipeline\/(figures|run)\//.test(f)
        ? ts.filter((t) => t.startsWith('analyses/')).map((t) => `${f} -> ${t}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });

  it('analyses/ imports from pipeline/ only the stage types, the figure kit and leaf utilities', () => {
    const wrong = [...graph].flatMap(([f, ts]) =>
      f.startsWith('analyses/')
        ? ts
            .filter((t) => t.startsWith('pipeline/') && !ANALYSES_MAY_IMPORT.has(t))
            .map((t) => `${f} -> ${t}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('the checks catch a violation', () => {
    // A figure-kit file importing an analysis, and a two-file cycle, in a made-up graph.
    const bad = importGraph(['pipeline/figures/x.ts', 'analyses/y.ts'], (f) =>
      f === 'pipeline/figures/x.ts'
        ? "import type { T } from '../../analyses/y.js';"
        : "import { x } from '../pipeline/figures/x.js';",
    );
    expect(bad.get('pipeline/figures/x.ts')).toEqual(['analyses/y.ts']);
    expect(cycles(bad)).toEqual([['analyses/y.ts', 'pipeline/figures/x.ts']]);
  });
});
