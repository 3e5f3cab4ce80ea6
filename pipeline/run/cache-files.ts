/**
 * The cache's files, shared by the document cache (./documents.ts)
 * and the render cache (./render-cache.ts): one entry per key at
 * <dir>/<first two hex digits>/<key>.v8, written to a temporary name and
 * renamed, so a reader never sees half an entry. The cache is an
 * optimisation: an entry that cannot be read is a miss, and a read-only or
 * full disk does not fail the run.
 *
 * An entry is MAGIC, the SHA-256 of the payload, then the payload (v8
 * serialization). A damaged entry (a flipped byte, a truncated file, another
 * program's file) fails the checksum and is a miss; one that decodes to the
 * wrong shape is refused by the caller's check. Either way the document or
 * figure is computed again, so results never depend on the cache's state.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { removeDeadLeftovers } from '../leftovers.js';

/** Format tag of an entry (bump when the layout of the file changes). */
const MAGIC = Buffer.from('ATCACHE2', 'latin1');
const HEADER = MAGIC.length + 32;

/** What a read found: the entry, nothing, or an entry that cannot be used (and why). */
export type CacheRead = { value: unknown } | { absent: true } | { damaged: string };

/** The entry stored under `key`, checked against its checksum and `isShape`. */
export function readCacheEntry(
  dir: string,
  key: string,
  isShape: (v: unknown) => boolean,
): CacheRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(entryPath(dir, key));
  } catch {
    return { absent: true };
  }
  if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    return { damaged: 'not an entry of this cache format' };
  const payload = bytes.subarray(HEADER);
  const sum = createHash('sha256').update(payload).digest();
  if (!sum.equals(bytes.subarray(MAGIC.length, HEADER)))
    return { damaged: 'checksum mismatch (the file was changed or damaged)' };
  let value: unknown;
  try {
    value = deserialize(payload);
  } catch (e) {
    return { damaged: `cannot be decoded (${(e as Error).message})` };
  }
  return isShape(value) ? { value } : { damaged: 'not the shape this version expects' };
}

/** Stores `value` under `key`; failures are ignored. */
export function writeCacheEntry(dir: string, key: string, value: unknown): void {
  try {
    const sub = join(dir, key.slice(0, 2));
    mkdirSync(sub, { recursive: true });
    const payload = serialize(value);
    const sum = createHash('sha256').update(payload).digest();
    const tmp = join(sub, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, Buffer.concat([MAGIC, sum, payload]));
    renameSync(tmp, entryPath(dir, key));
  } catch {
    // An optimisation only.
  }
}

function entryPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key}.v8`);
}

/**
 * Removes the temporary files of killed runs (<key>.<pid>.tmp, which a full
 * disk can leave behind) from the cache folder `dir` and its `figures/`.
 */
export function removeDeadCacheTemps(dir: string): number {
  let removed = 0;
  for (const root of [dir, join(dir, 'figures')]) {
    let subs: string[];
    try {
      subs = readdirSync(root).filter((s) => /^[0-9a-f]{2}$/.test(s));
    } catch {
      continue;
    }
    for (const s of subs)
      removed += removeDeadLeftovers(join(root, s), /^[0-9a-f]+\.(\d+)\.tmp$/).length;
  }
  return removed;
}
