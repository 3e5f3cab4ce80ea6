#!/usr/bin/env node
// Runs before `npm run analyze` / `npm test` (npm pre-scripts). Installs the
// locked dependencies when node_modules is missing or was installed from a
// different package-lock.json, so a fresh clone needs only Node 20 and npm.
// Plain JavaScript on purpose: it must run before anything is installed.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.lock-sha256');
const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';

if (have !== want) {
  const why = existsSync(join(root, 'node_modules'))
    ? 'stale against package-lock.json'
    : 'missing';
  process.stderr.write(`node_modules is ${why}: running npm ci (once)\n`);
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(stamp, `${want}\n`);
}
