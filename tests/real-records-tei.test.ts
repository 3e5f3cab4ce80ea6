/**
 * The FRUS records kept as TEI (tests/fixtures/real/<id>.source.xml, each a
 * whole `<div type="document">` of a HistoryAtState/frus volume) are read by
 * the test set as the page text tei-to-text.mjs makes of them (<id>.txt).
 * This checks that each committed .txt is exactly what its source gives now,
 * so that neither can change without the other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers.js';

const REAL = join(FIXTURES, 'real');
const { teiToText, sources } = (await import(join(REAL, 'tei-to-text.mjs'))) as {
  teiToText: (source: string, file?: string) => string;
  sources: () => string[];
};

describe('FRUS TEI records and their page text', () => {
  it('has at least one TEI record', () => {
    expect(sources().length).toBeGreaterThan(0);
  });

  it.each(sources())('%s gives its committed .txt byte for byte', (file) => {
    const text = teiToText(readFileSync(join(REAL, file), 'utf8'), file);
    expect(text).toBe(readFileSync(join(REAL, file.replace(/\.source\.xml$/, '.txt')), 'utf8'));
  });

  it('moves notes to the end, keeps their marks and drops page breaks', () => {
    const text = teiToText(
      '<div type="document" n="1"><head>1. Memo<note n="1">Source: here.</note></head>' +
        '<p>A: one <pb n="2"/>two.</p><p>B: it\'s<note n="2">Says so.</note> so.</p></div>',
    );
    expect(text).toBe(
      '1. Memo1\n\nA: one two.\n\nB: it’s2 so.\n\n1. Source: here.\n\n2. Says so.\n',
    );
  });

  it('gives a participant list as its head and one line per item', () => {
    const text = teiToText(
      '<div type="document"><list type="participants"><head>PARTICIPANTS:</head>' +
        '<item>Dr. <persName>Henry A. Kissinger</persName>,</item>\n  <item> Chi Chao-chu, Interpreter</item></list>' +
        '<p>[Omitted here is a discussion of Laos.]</p></div>',
    );
    expect(text).toBe(
      'PARTICIPANTS:\nDr. Henry A. Kissinger,\nChi Chao-chu, Interpreter\n\n[Omitted here is a discussion of Laos.]\n',
    );
  });

  it('names the file and line of malformed XML', () => {
    expect(() => teiToText('<div type="document">\n<p>open</div>', 'bad.source.xml')).toThrow(
      /bad\.source\.xml:2/,
    );
  });

  it('refuses an element that is not a FRUS document', () => {
    expect(() => teiToText('<p>x</p>', 'p.source.xml')).toThrow(/p\.source\.xml: the root/);
  });
});
