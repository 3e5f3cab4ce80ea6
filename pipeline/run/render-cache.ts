/**
 * Rendered figures (SVG, PNG, PDF) cached by what they are drawn from, so a
 * re-run whose charts did not change (new metadata, a fixed typo in one
 * transcript's trailer, a second run of the same corpus) does not draw them
 * again. Rendering is a pure function of the figure's Vega-Lite spec and
 * title, the rendering code and the versions of the packages that draw it;
 * the key covers all of these, so a hit gives exactly the bytes a render
 * would. Entries live in `<cache>/figures/` beside the annotation cache and,
 * like it, are safe to delete; a cache that cannot be read or written only
 * costs time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure, Rendered } from '../figures/types.js';
import { readCacheEntry, writeCacheEntry } from './cache-files.js';

/** The code and package versions a render depends on (computed once per process). */
let salt: string | undefined;

function renderSalt(): string {
  if (salt !== undefined) return salt;
  const h = createHash('sha256').update(process.version);
  const here = dirname(fileURLToPath(import.meta.url));
  // The compiled rendering code (from the TypeScript sources in tests, the sources themselves).
  for (const name of ['render.js', 'compile.js', 'render.ts', 'compile.ts']) {
    const path = join(here, '..', 'figures', name);
    if (existsSync(path)) h.update(name).update(readFileSync(path));
  }
  // Every package version (vega, vega-lite, resvg, pdfkit, fonts …) is in the
  // lock file: the project root is two folders up from the sources, three from the build.
  const lock = [
    join(here, '..', '..', '..', 'package-lock.json'),
    join(here, '..', '..', 'package-lock.json'),
  ]
    .filter((p) => existsSync(join(dirname(p), 'package.json')))
    .find((p) => existsSync(p));
  h.update(lock ? readFileSync(lock) : 'no lock file');
  salt = h.digest('hex');
  return salt;
}

function isRendered(v: unknown): boolean {
  const r = v as Partial<Rendered> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.svg === 'string' &&
    r.png instanceof Uint8Array &&
    r.pdf instanceof Uint8Array
  );
}

export class RenderCache {
  private readonly dir: string | null;

  /** `cacheDir` is the annotation cache folder; null disables the cache. */
  constructor(cacheDir: string | null) {
    this.dir = cacheDir === null ? null : join(cacheDir, 'figures');
  }

  key(fig: Pick<Figure, 'spec' | 'title'>): string {
    return createHash('sha256')
      .update(renderSalt())
      .update(JSON.stringify([fig.title, fig.spec]))
      .digest('hex');
  }

  /** Damaged entries met (each a miss, drawn again): "<key>: <why>". */
  readonly damaged: string[] = [];

  get(key: string): Rendered | undefined {
    if (this.dir === null) return undefined;
    const r = readCacheEntry(this.dir, key, isRendered);
    if ('value' in r) return r.value as Rendered;
    if ('damaged' in r) this.damaged.push(`${key}: ${r.damaged}`);
    return undefined;
  }

  put(key: string, rendered: Rendered): void {
    if (this.dir !== null) writeCacheEntry(this.dir, key, rendered);
  }
}

/**
 * The figures rendered, taking what the cache holds and rendering the rest
 * with `render` (called once, with the misses in the figures' order; not
 * called when everything is cached). Returns results in the figures' order.
 */
export async function renderThroughCache(
  figures: readonly Figure[],
  cache: RenderCache,
  render: (misses: Figure[]) => Promise<Rendered[]>,
): Promise<{ rendered: Rendered[]; hits: number }> {
  const keys = figures.map((f) => cache.key(f));
  const out: Array<Rendered | undefined> = keys.map((k) => cache.get(k));
  const missing = figures.flatMap((_, i) => (out[i] === undefined ? [i] : []));
  if (missing.length > 0) {
    const drawn = await render(missing.map((i) => figures[i]!));
    missing.forEach((i, k) => {
      out[i] = drawn[k]!;
      cache.put(keys[i]!, drawn[k]!);
    });
  }
  return { rendered: out as Rendered[], hits: figures.length - missing.length };
}
