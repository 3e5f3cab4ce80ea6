import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPORTS_README } from '../pipeline/reports-readme.js';
import { REPO } from './helpers.js';

it('the committed reports/README.md is the one every run writes', () => {
  expect(readFileSync(join(REPO, 'reports', 'README.md'), 'utf8')).toBe(REPORTS_README);
});
