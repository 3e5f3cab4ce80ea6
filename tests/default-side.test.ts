/**
 * corpus.yaml `defaultSide`: the side written into speakers.suggested.yaml
 * for new speakers, checked before any document is read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefaultSide } from '../pipeline/corpus-config.js';
import { ConfigError } from '../pipeline/errors.js';
import { loadRegistry } from '../pipeline/registry.js';
import { suggestedSpeakers } from '../pipeline/speaker-names.js';
import { corpusWithShippedConfig, runBuiltPipeline, transcriptOf } from './helpers.js';

const thrown = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
};

describe('corpus.yaml defaultSide', () => {
  it('is read from the top level, beside documents', () => {
    expect(loadDefaultSide('defaultSide: Albania\ndocuments: {}\n')).toBe('Albania');
    expect(loadDefaultSide('documents: {}\n')).toBeUndefined();
    expect(loadDefaultSide('')).toBeUndefined();
  });

  it('stops with the file and line when it is not one line of text', () => {
    for (const [yaml, found] of [
      ['documents: {}\ndefaultSide: [Albania, China]\n', 'a list'],
      ['documents: {}\ndefaultSide:\n', 'nothing'],
      ['documents: {}\ndefaultSide: ""\n', '""'],
      ['documents: {}\ndefaultSide: 3\n', 'number 3'],
    ] as const) {
      const e = thrown(() => loadDefaultSide(yaml));
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.message).toMatch(/^corpus\.yaml:2: expected "defaultSide" to be the name of a side/);
      expect(e.message).toContain(found);
    }
  });

  it('fills the side of each suggested entry', () => {
    const t = transcriptOf('s.txt', 'Comrade Abdyl Kellezi: Welcome.\n\nMao Zedong: Thank you.');
    const registry = loadRegistry(suggestedSpeakers([t], 'Albania'));
    expect(registry.speakers.map((s) => [s.name, s.side])).toEqual([
      ['Abdyl Kellezi', 'Albania'],
      ['Mao Zedong', 'Albania'],
    ]);
    expect(suggestedSpeakers([t], 'Albania')).toContain('corpus.yaml\'s defaultSide ("Albania")');
    expect(loadRegistry(suggestedSpeakers([t])).speakers.map((s) => s.side)).toEqual([
      'Unknown',
      'Unknown',
    ]);
  });

  describe('through the pipeline', () => {
    const work = mkdtempSync(join(tmpdir(), 'atr-side-'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    const run = async (corpusYaml: string) => {
      const dir = join(work, String(Math.random()).slice(2));
      corpusWithShippedConfig(dir, {
        'a.txt':
          'June 1, 1962\n\nComrade Enver Hoxha: Welcome.\n\nComrade Abdyl Kellezi: Thank you.',
      });
      writeFileSync(join(dir, 'corpus.yaml'), corpusYaml);
      mkdirSync(join(dir, 'scratch'));
      const files = new Map<string, string>();
      const result = await runBuiltPipeline({
        corpus: dir,
        scratchDir: join(dir, 'scratch'),
        emit: (name, content) => {
          if (typeof content === 'string') files.set(name, content);
        },
      });
      return { files, result };
    };

    it('writes the side into reports/speakers.suggested.yaml; the analyses still say Unknown', async () => {
      const { files, result } = await run('defaultSide: Albania\n');
      const entries = loadRegistry(files.get('speakers.suggested.yaml')!).speakers;
      expect(entries.map((s) => [s.name, s.side])).toEqual([['Abdyl Kellezi', 'Albania']]);
      expect(result.transcripts[0]!.turns.map((u) => [u.speaker, u.side])).toEqual([
        ['Enver Hoxha', 'Albania'],
        ['Abdyl Kellezi', 'Unknown'],
      ]);
    }, 60_000);

    it('stops a run with a bad value before reading any document', async () => {
      await expect(run('documents: {}\ndefaultSide: {a: 1}\n')).rejects.toThrow(
        /corpus\.yaml:2: expected "defaultSide"/,
      );
    }, 60_000);
  });
});
