import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO } from './helpers.js';

it('every image the README shows is in the repository and has alt text', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)];
  expect(images.length).toBeGreaterThanOrEqual(4);
  for (const [, alt, path] of images) {
    expect(alt?.trim().length, path).toBeGreaterThan(10);
    expect(existsSync(join(REPO, path as string)), path).toBe(true);
  }
});
