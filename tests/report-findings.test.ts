import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFigures } from '../analyses/index.js';
import { chiSquare1P, g2, logRatio } from '../analyses/keyness.js';
import { parseStance } from '../analyses/sentiment/stance.js';
import type { KeynessRow, PhraseRow, TurnStatRow } from '../analyses/types.js';
import {
  buildFindings,
  type Finding,
  findingsSection,
  findingText,
  keyFindingTerms,
  phraseChanges,
} from '../pipeline/report/findings.js';
import { buildReport, methodsParagraph } from '../pipeline/report/index.js';
import { buildFixture } from './fixtures/report/fixture.js';
import { shippedComparisons } from './helpers.js';

const comparisons = shippedComparisons();
const early = comparisons.periods!.target;
const late = comparisons.periods!.reference;

/** Four meetings, two per period, each 5,000 words of Albanian speech. */
const MEETINGS = [
  ['e1', '1959-06-01'],
  ['e2', '1960-06-01'],
  ['l1', '1965-06-01'],
  ['l2', '1966-06-01'],
] as const;
function turnStats(words = 5000): TurnStatRow[] {
  return MEETINGS.map(([doc_id, date]) => ({
    doc_id,
    date,
    speaker: 'A',
    side: 'Albania',
    turns: 1,
    words,
    share_turns: 1,
    share_words: 1,
    mean_turn_words: words,
    longest_turn_words: words,
    opens: true,
    closes: true,
  }));
}
/** A phrase's uses per meeting, in MEETINGS order. */
function phrase(name: string, counts: readonly number[], words = 5000): PhraseRow[] {
  return MEETINGS.map(([doc_id, date], i) => ({
    doc_id,
    date,
    speaker: 'A',
    side: 'Albania',
    phrase: name,
    count: counts[i]!,
    words,
    per_10k: (counts[i]! / words) * 1e4,
  }));
}

function keyRow(term: string, a: number, b: number, ranges: [number, number]): KeynessRow {
  const g = g2(a, b, 10_000, 10_000);
  return {
    comparison: 'period:1959-1961 vs 1964-1966',
    target: '1959-1961',
    reference: '1964-1966',
    term,
    count_target: a,
    count_reference: b,
    g2: g,
    p: chiSquare1P(g),
    log_ratio: logRatio(a, b, 10_000, 10_000),
    range_target: ranges[0],
    range_reference: ranges[1],
  };
}

const text = (fs: Finding[]) => fs.map(findingText).join('\n');

describe('phrase changes between the first and the last period', () => {
  it('says "rose" when the intervals do not overlap and the uses come from two meetings', () => {
    // 2 uses in 10,000 words (0.2–7.2 per 10k) against 30 (20.2–42.8 per 10k).
    const [c] = phraseChanges(
      { turnStats: turnStats(), phrases: phrase('revisionism', [1, 1, 15, 15]) },
      early,
      late,
    );
    expect(c!.change).toBe('rose');
    const f = text(
      buildFindings({
        tables: {
          turnStats: turnStats(),
          phrases: phrase('revisionism', [1, 1, 15, 15]),
          keyness: [],
        },
        comparisons,
      }),
    );
    expect(f).toContain(
      'revisionism (2.0 → 30.0 per 10,000 words; 95% intervals 0.2–7.2 and 20.2–42.8) rose',
    );
  });

  it('says nothing changed when the intervals overlap, however different the rates look', () => {
    // 2 against 6 uses: 3× the rate, but 0.2–7.2 and 2.2–13.1 overlap.
    const tables = { turnStats: turnStats(), phrases: phrase('unity', [1, 1, 3, 3]), keyness: [] };
    expect(phraseChanges(tables, early, late)[0]).toMatchObject({ change: 'none', why: 'overlap' });
    const f = text(buildFindings({ tables, comparisons }));
    expect(f).not.toMatch(/unity \(.*\) rose/);
    expect(f).toContain('no phrase rose or fell');
    expect(f).toContain('For unity no change is stated: the intervals overlap.');
  });

  it('does not call a rise from one meeting a rise of the period', () => {
    const tables = {
      turnStats: turnStats(),
      phrases: phrase('tito', [0, 0, 30, 0]),
      keyness: [],
    };
    expect(phraseChanges(tables, early, late)[0]).toMatchObject({
      change: 'none',
      why: 'one-meeting',
    });
    const f = text(buildFindings({ tables, comparisons }));
    expect(f).not.toMatch(/tito \(.*\) rose/);
    expect(f).toContain('no phrase rose or fell');
    expect(f).toContain('come from a single meeting (1 of them)');
  });

  it('does not state a change from fewer than the minimum uses, even with separate intervals', () => {
    // 0 uses in 200,000 words (≤ 0.18 per 10k) against 2 in 2,000 words (≥ 1.2 per 10k).
    const ts = turnStats().map((r) => ({
      ...r,
      words: r.doc_id.startsWith('e') ? 100_000 : 1_000,
    }));
    const ph = phrase('lenin', [0, 0, 1, 1]).map((r) => ({
      ...r,
      words: r.doc_id.startsWith('e') ? 100_000 : 1_000,
    }));
    const [c] = phraseChanges({ turnStats: ts, phrases: ph }, early, late);
    expect(c!.last.low).toBeGreaterThan(c!.first.high);
    expect(c).toMatchObject({ change: 'none', why: 'few' });
  });
});

describe('the list of phrases with no change shown', () => {
  const section = (names: readonly string[]) => {
    const tables = {
      turnStats: turnStats(),
      // Every phrase 2 against 6 uses: the intervals overlap, so none changed.
      phrases: names.flatMap((n) => phrase(n, [1, 1, 3, 3])),
      keyness: [],
    };
    const fs = buildFindings({ tables, comparisons });
    const html = findingsSection(fs);
    const li = html.slice(html.indexOf('<li id="finding-phrases">'));
    return { fs, li: li.slice(0, li.indexOf('</li>')) };
  };

  it('stays in the sentence when it holds five phrases or fewer', () => {
    const { fs, li } = section(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(li).not.toContain('<details');
    expect(li).toContain('). For <a href="#concordance" data-kwic data-kwic-phrase="a1">a1</a>, ');
    expect(text(fs)).toContain('For a1, a2, a3, a4 and a5 no change is stated');
  });

  it('is folded under a summary that counts it when it holds more than five', () => {
    const names = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const { fs, li } = section(names);
    const m = li.match(/<details class="finding-fold"><summary>([^<]*)<\/summary>(.*)<\/details>/s);
    expect(m?.[1]).toBe('No change shown for 12 phrases');
    // Every phrase is inside the fold, still a link to its concordance lines.
    for (const n of names) expect(m![2]).toContain(`data-kwic-phrase="${n}">${n}</a>`);
    expect(li.slice(0, li.indexOf('<details'))).not.toContain('data-kwic-phrase');
    // The plain text reads as the opened fold.
    expect(text(fs)).toContain('For p00, p01, p02');
    expect(text(fs)).toContain('p10 and p11 no change is stated: the intervals overlap.');
  });
});

describe('key terms of the periods', () => {
  // 393 terms tested in the shipped corpus; here 100, so the threshold is 0.0005.
  const filler = Array.from({ length: 96 }, (_, i) => keyRow(`filler${i}`, 5, 5, [2, 2]));
  const rows = [
    ...filler,
    keyRow('yugoslav', 30, 2, [2, 1]), // p ≈ 1e-8, two early meetings: named
    keyRow('heroic', 12, 3, [2, 2]), // p ≈ 0.014: significant alone, not after correction
    keyRow('visit', 40, 0, [1, 0]), // p tiny, but one meeting: not named
    keyRow('japanese', 0, 25, [0, 2]), // key to the later period: named
  ];

  it('names only terms significant after Bonferroni correction and used in two meetings', () => {
    const k = keyFindingTerms(rows);
    expect(k.tested).toBe(100);
    expect(k.threshold).toBeCloseTo(0.0005, 10);
    expect(rows.find((r) => r.term === 'heroic')!.p).toBeLessThan(0.05);
    expect(k.target.map((r) => r.term)).toEqual(['yugoslav']);
    expect(k.reference.map((r) => r.term)).toEqual(['japanese']);
    const f = text(
      buildFindings({
        tables: { keyness: rows, phrases: [], turnStats: turnStats() },
        comparisons,
      }),
    );
    expect(f).toContain(
      'the speech of 1959-1961 (2 meetings, 10,000 words) uses yugoslav (30 against 2) relatively more often than the speech of 1964-1966',
    );
    expect(f).toContain('uses japanese (25 against 0)');
    expect(f).toContain('Bonferroni correction for the 100 terms compared');
    expect(f).not.toContain('heroic');
    expect(f).not.toContain('visit');
  });

  it('says no term passes when none does, rather than naming the strongest', () => {
    const weak = [...filler, keyRow('heroic', 12, 3, [2, 2])];
    const f = text(
      buildFindings({
        tables: { keyness: weak, phrases: [], turnStats: turnStats() },
        comparisons,
      }),
    );
    expect(f).toContain('no term is used more often in the speech of 1959-1961');
    expect(f).not.toContain('heroic');
  });
});

describe('tone in the summary', () => {
  const stance = parseStance(
    readFileSync(new URL('../analyses/sentiment/stance.json', import.meta.url), 'utf8'),
  );
  it('is never summarised, and never as an attitude', () => {
    const fs = buildFindings({
      tables: { keyness: [], phrases: phrase('unity', [1, 1, 15, 15]), turnStats: turnStats() },
      comparisons,
      stance,
    });
    const tone = fs.filter((f) => /tone|sentiment/i.test(findingText(f)));
    expect(tone.map((f) => f.id)).toEqual(['finding-tone']);
    expect(findingText(tone[0]!)).toContain('Tone is not summarised here');
    for (const f of fs)
      expect(findingText(f)).not.toMatch(
        /\b(hostil\w*|friendly|warm\w*|cold\w*|favou?r\w*|toward)\b/i,
      );
  });
});

describe('the summary in the report', () => {
  it('opens the page, before the corpus, with links to its figures and concordance lines', async () => {
    const fx = buildFixture();
    const figures = buildFigures(fx.tables, { comparisons }).map((f) => ({ ...f, svg: '' }));
    const findings = buildFindings({ tables: fx.tables, comparisons });
    const html = buildReport({
      tables: fx.tables,
      transcripts: fx.transcripts,
      figures,
      diagnostics: fx.diagnostics,
      manifest: fx.manifest,
      methods: methodsParagraph({ tables: fx.tables, manifest: fx.manifest }),
      findings,
    });
    const at = html.indexOf('<section id="findings"');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(html.indexOf('<section id="corpus"'));
    expect(html).toContain('<li><a href="#findings">Findings</a></li>');
    // Every figure a finding links to is on the page.
    for (const m of html.slice(at, html.indexOf('</section>', at)).matchAll(/href="#(fig-[^"]+)"/g))
      expect(html).toContain(`id="${m[1]}"`);
    expect(html).toContain('href="#fig-keyness-periods"');
    // Dictionary keys filter the concordance; plain words are marked for a word search only.
    const section = html.slice(at, html.indexOf('</section>', at));
    expect(section).toMatch(/<a href="#concordance" data-kwic data-kwic-phrase="[^"]+">/);
    expect(section).not.toMatch(/data-kwic data-kwic-q=/);
  });

  it('escapes what it prints and marks concordance links for the page script', () => {
    const html = findingsSection([
      {
        id: 'x',
        parts: [
          '<b>',
          {
            text: 'a&b',
            href: '#concordance',
            attrs: { 'data-kwic': '', 'data-kwic-query': '"q"' },
          },
        ],
      },
    ]);
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain(
      '<a href="#concordance" data-kwic data-kwic-query="&quot;q&quot;">a&amp;b</a>',
    );
  });
});
