/**
 * What runs leave behind when they are killed: temporary output folders,
 * spool folders, half-written cache entries and lock files. Each carries
 * the process id of the run that made it, so a later run can tell a dead
 * run's leftovers (removed) from a live run's work (left alone).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a process with this id is running (EPERM: it is, but not ours). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the entries of `dir` whose name matches `pattern` (its first group
 * is the process id) and whose process is gone. Returns the names removed.
 * A folder that cannot be listed has nothing to clean.
 */
export function removeDeadLeftovers(dir: string, pattern: RegExp): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const m = pattern.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Someone else's file, or already gone: not ours to insist on.
    }
  }
  return removed;
}
