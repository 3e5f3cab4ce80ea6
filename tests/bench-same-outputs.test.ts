import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { differingFiles, formatComparison } from '../pipeline/bench/same-outputs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'same-outputs-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('same-outputs comparison', () => {
  it('finds no difference between identical trees', () => {
    const files = { 'a.csv': 'x\n1\n', 'data/b.json': '[]' };
    expect(differingFiles(tree(files), tree(files))).toEqual({ files: 2, differ: [] });
  });

  it('names a changed byte and files present on one side only', () => {
    const a = tree({ 'a.csv': 'x\n1\n', 'data/b.json': '[]', 'only-a.txt': '' });
    const b = tree({ 'a.csv': 'x\n2\n', 'data/b.json': '[]', 'data/only-b.txt': '' });
    const r = differingFiles(a, b);
    expect(r.differ).toEqual([
      'a.csv',
      'data/only-b.txt (only in the second)',
      'only-a.txt (only in the first)',
    ]);
    expect(formatComparison('main', [{ corpus: 'shipped', ...r }])).toContain(
      '3 of 3 files differ from main',
    );
  });
});
