/**
 * The browser bundles the report inlines: vega and vega-embed, read from
 * node_modules so the page works offline. vega-lite is not shipped: specs are
 * compiled to Vega in Node (saves ~250 KB). Deep paths are not exported by
 * these packages, so each bundle is found next to the resolved entry point.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Bundle {
  name: string;
  file: string;
  code: string;
}

let cache: Bundle[] | undefined;

function bundle(require: NodeJS.Require, name: string, file: string): Bundle {
  const entryDir = dirname(require.resolve(name));
  for (const dir of [entryDir, join(entryDir, 'build'), join(entryDir, '..', 'build')]) {
    const path = join(dir, file);
    if (existsSync(path)) {
      // A "//# sourceMappingURL" comment would make devtools fetch the map: drop it.
      const code = readFileSync(path, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
      return { name, file, code };
    }
  }
  throw new Error(`expected ${file} in the ${name} package near ${entryDir}, found none`);
}

export function browserBundles(): Bundle[] {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  cache = [
    bundle(require, 'vega', 'vega.min.js'),
    bundle(require, 'vega-embed', 'vega-embed.min.js'),
  ];
  return cache;
}
