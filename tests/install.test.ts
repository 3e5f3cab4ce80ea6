// A fresh clone installs with only Node 20 and npm: no dependency in the lock
// file may need a newer Node, and every install script has a recorded decision
// (package.json "allowScripts"), so `npm ci` finishes without warnings to act on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO } from './helpers.js';

const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
};

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
  optional?: boolean;
}

const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockPackage>;
};
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 13);

it('every locked package runs on the oldest Node the project supports', () => {
  const oldest = pkg.engines.node.replace(/^>=\s*/, '');
  expect(oldest).toMatch(/^\d+\.\d+$/);
  const tooNew = installed
    .filter(([, p]) => !Array.isArray(p.engines) && typeof p.engines?.node === 'string')
    .filter(([, p]) => !semver.satisfies(`${oldest}.0`, (p.engines as { node: string }).node))
    .map(
      ([path, p]) =>
        `${nameOf(path)}@${p.version} needs node ${(p.engines as { node: string }).node}`,
    );
  expect(tooNew).toEqual([]);
});

it('every install script in the lock file has a decision in package.json allowScripts', () => {
  const decided = new Set(Object.keys(pkg.allowScripts ?? {}));
  const scripted = installed.filter(([, p]) => p.hasInstallScript).map(([path]) => nameOf(path));
  expect(scripted.length).toBeGreaterThan(0);
  expect(scripted.filter((name) => !decided.has(name))).toEqual([]);
});
