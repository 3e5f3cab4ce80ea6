/**
 * The cache's files, shared by the annotation cache (pipeline/annotate-stage.ts)
 * and the render cache (pipeline/render-cache.ts): one v8-serialized entry
 * per key at <dir>/<first two hex digits>/<key>.v8, written to a temporary
 * name and renamed, so a reader never sees half an entry. The cache is an
 * optimisation: an entry that cannot be read is a miss, and a read-only or
 * full disk does not fail the run.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** The entry stored under `key`, or undefined when there is none or it cannot be read. */
export function readCacheEntry(dir: string, key: string): unknown {
  try {
    return deserialize(readFileSync(join(dir, key.slice(0, 2), `${key}.v8`)));
  } catch {
    return undefined;
  }
}

/** Stores `value` under `key`; failures are ignored. */
export function writeCacheEntry(dir: string, key: string, value: unknown): void {
  try {
    const sub = join(dir, key.slice(0, 2));
    mkdirSync(sub, { recursive: true });
    const tmp = join(sub, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, serialize(value));
    renameSync(tmp, join(sub, `${key}.v8`));
  } catch {
    // An optimisation only.
  }
}
