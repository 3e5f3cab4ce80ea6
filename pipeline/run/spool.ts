/**
 * A spool: append-only scratch files for the row-level tables of a large
 * corpus. Each document's CSV rows are appended as they arrive from the
 * workers (in whatever order they finish) and only their place (offset,
 * length) is remembered; the output file is then assembled in the table's
 * order by copying those byte ranges back, so no table of the whole corpus
 * is ever held in memory. The folder is private scratch space (under the
 * system's temporary folder) and is removed by close(), also on failure.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDeadLeftovers } from '../leftovers.js';

/** A spool folder's name: transcripts-spool-<pid>-<random>. */
const SPOOL_NAME = /^transcripts-spool-(\d+)-[A-Za-z0-9]+$/;

/** Where a chunk went: offset and length in its table's spool file. */
export type SpoolRange = readonly [offset: number, length: number];

export class Spool {
  private readonly dir: string;
  private readonly files = new Map<string, { fd: number; size: number }>();

  /** A fresh folder under `parent` (default: the system's temporary folder). */
  constructor(parent: string = tmpdir()) {
    // Named with this process's id, so a later run can remove a killed run's spool.
    removeDeadLeftovers(parent, SPOOL_NAME);
    this.dir = mkdtempSync(join(parent, `transcripts-spool-${process.pid}-`));
  }

  /** Appends bytes to `table`'s spool file and returns where they are. */
  append(table: string, bytes: Uint8Array): SpoolRange {
    let f = this.files.get(table);
    if (!f) {
      f = { fd: openSync(join(this.dir, `${table}.spool`), 'w+'), size: 0 };
      this.files.set(table, f);
    }
    const offset = f.size;
    let done = 0;
    while (done < bytes.length)
      done += writeSync(f.fd, bytes, done, bytes.length - done, offset + done);
    f.size += bytes.length;
    return [offset, bytes.length];
  }

  /** Reads back a range appended to `table`. */
  read(table: string, [offset, length]: SpoolRange): Uint8Array {
    const f = this.files.get(table);
    const out = Buffer.allocUnsafe(length);
    if (length === 0) return out;
    if (!f) throw new Error(`spool: nothing was appended to ${table}`);
    let done = 0;
    while (done < length) {
      const n = readSync(f.fd, out, done, length - done, offset + done);
      if (n === 0) throw new Error(`spool: ${table} ends before ${offset + length}`);
      done += n;
    }
    return out;
  }

  /**
   * The ranges read back in the given order, coalesced into chunks of about
   * `chunkBytes` so the writer makes few large writes.
   */
  *chunks(
    table: string,
    ranges: Iterable<SpoolRange>,
    chunkBytes = 1 << 20,
  ): Generator<Uint8Array> {
    let parts: Uint8Array[] = [];
    let size = 0;
    for (const r of ranges) {
      if (r[1] === 0) continue;
      parts.push(this.read(table, r));
      size += r[1];
      if (size >= chunkBytes) {
        yield Buffer.concat(parts, size);
        parts = [];
        size = 0;
      }
    }
    if (size > 0) yield Buffer.concat(parts, size);
  }

  /** Closes and removes the spool files. */
  close(): void {
    for (const f of this.files.values()) {
      try {
        closeSync(f.fd);
      } catch {
        // already closed
      }
    }
    this.files.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
