import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildFigures } from '../analyses/index.js';
import { renderSvg } from '../pipeline/figures/index.js';
import { esc, scriptJson } from '../pipeline/report/html.js';
import { buildReport, manifestSoftware, methodsParagraph } from '../pipeline/report/index.js';
import { buildFixture } from './fixtures/report/fixture.js';

async function build(hostile: boolean) {
  const fx = buildFixture({ hostile });
  const figures = [];
  // The report uses only the spec; a placeholder SVG keeps this test fast.
  for (const f of buildFigures(fx.tables)) figures.push({ ...f, svg: '<svg></svg>' });
  const methods = methodsParagraph({ tables: fx.tables, manifest: fx.manifest });
  const html = buildReport({
    tables: fx.tables,
    transcripts: fx.transcripts,
    figures,
    diagnostics: fx.diagnostics,
    manifest: fx.manifest,
    methods,
    dataFiles: ['data/kwic.csv', 'data/phrases.csv'],
  });
  return { fx, figures, html, methods };
}

const plain = await build(false);
const hostile = await build(true);

/** The HTML with the inlined script bodies removed, i.e. what the page's markup says. */
function markup(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
}

describe('self-contained and offline', () => {
  it('loads nothing from anywhere: no src, no stylesheet links, no remote URLs in markup', () => {
    const m = markup(plain.html);
    expect(m).not.toMatch(/\ssrc=/i);
    expect(m).not.toMatch(/<link\b/i);
    expect(m).not.toMatch(/@import|url\(/i);
    // Remote URLs only as user-followed source links, never as loads.
    for (const href of m.matchAll(/href="(https?:[^"]*)"/g)) {
      expect(href[0]).toMatch(/digitalarchive\.example\.org/);
    }
  });

  it('has a CSP that forbids remote loads and allows its own scripts by hash and its folder', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(
      plain.html,
    )![1]!;
    const policy = csp.replace(/&#39;/g, "'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    const scripts = [...plain.html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBe(4); // vega, vega-embed, the report's two scripts
    // 'self' admits the evidence files beside the page (report-data/), nothing remote.
    expect(
      /script-src ([^;]*)/
        .exec(policy)![1]!
        .split(' ')
        .filter((s) => !s.startsWith("'sha256-")),
    ).toEqual(["'self'"]);
    for (const code of scripts) {
      const h = createHash('sha256').update(code, 'utf8').digest('base64');
      expect(policy).toContain(`'sha256-${h}'`);
    }
  });

  it('inlines vega and vega-embed but not vega-lite (specs are precompiled)', () => {
    expect(plain.html).toContain('vegaEmbed');
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(
        plain.html,
      )![1]!,
    );
    for (const f of plain.figures) {
      expect(data.specs[f.id].$schema).toMatch(/vega\/v6/);
    }
    expect(plain.html).not.toContain('vega-lite.min.js');
  });

  it('stays a sensible size for the fixture', () => {
    const kb = Buffer.byteLength(plain.html) / 1024;
    expect(kb).toBeLessThan(1200);
  });
});

describe('escaping', () => {
  it('shows transcript, metadata and diagnostic markup as text', () => {
    const m = markup(hostile.html);
    expect(m).not.toContain('<script>window.__pwned');
    expect(m).not.toMatch(/<img\b/i);
    expect(m).not.toContain('<i>in brackets</i>');
    expect(m).not.toContain('<b>markup</b>');
    expect(m).toContain('The text &lt;script&gt;window.__pwned=1&lt;/script&gt; must stay text.');
    expect(m).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(m).toContain('describe/&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m).toContain('Tester &amp; Co &quot;quoted&quot;');
  });

  it('keeps ids and fragment links free of markup characters', () => {
    // In the markup (the page's script writes ids of its own, from the same anchors).
    const markup = hostile.html.replace(/<script>[\s\S]*?<\/script>/g, '');
    const ids = [...markup.matchAll(/\sid="([^"]*)"/g)];
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(id[1]).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('embeds data as JSON that cannot close its script element', () => {
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(
      hostile.html,
    )![1]!;
    expect(block).not.toContain('<');
    const data = JSON.parse(block);
    expect(Object.keys(data.docs).some((d) => data.docs[d].label.includes('<'))).toBe(true);
  });

  it('esc and scriptJson cover their contexts', () => {
    expect(esc(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(scriptJson({ s: '</script><!-- \u2028' })).toBe(
      '{"s":"\\u003c/script\\u003e\\u003c!-- \\u2028"}',
    );
  });
});

describe('sections', () => {
  it('has the corpus, figures, concordance, reading view, diagnostics and methods', () => {
    for (const id of ['corpus', 'figures', 'concordance', 'reading', 'diagnostics', 'methods']) {
      expect(plain.html).toMatch(new RegExp(`<section id="${id}" aria-labelledby="${id}-h">`));
      expect(plain.html).toMatch(new RegExp(`<h2 id="${id}-h">`));
    }
  });

  it('lists one corpus row per meeting with its archive reference and translator', () => {
    const corpus = /<section id="corpus"[\s\S]*?<\/section>/.exec(plain.html)![0];
    const rows = corpus.match(/<tr><td>/g) ?? [];
    expect(rows).toHaveLength(plain.fx.tables.documents.length);
    expect(corpus).toContain('AQPPSH, MPP Korese, D 3, V. 1966');
    expect(corpus).toContain('Elidor Mëhilli');
    expect(corpus).toContain('<th scope="col">Archive reference</th>');
  });

  it('gives every figure a labelled chart container, caption and file links', () => {
    for (const f of plain.figures) {
      expect(plain.html).toContain(
        `<div class="chart" id="chart-${f.id}" role="img" aria-label="${esc(f.alt)}"`,
      );
      expect(plain.html).toContain(esc(f.caption));
      for (const ext of ['svg', 'png', 'pdf', 'vl.json', 'csv']) {
        expect(plain.html).toContain(`href="figures/${f.id}.${ext}"`);
      }
    }
  });

  it('links every phrase count to its concordance lines, and the counts add up', () => {
    const totals = [
      ...plain.html.matchAll(/data-kwic data-kwic-phrase="([^"]+)" title="[^"]*">(\d+)</g),
    ];
    expect(totals.length).toBe(6);
    for (const [, phrase, n] of totals) {
      expect(Number(n)).toBe(plain.fx.tables.kwic.filter((k) => k.phrase === phrase).length);
    }
    const bySide = [
      ...plain.html.matchAll(
        /data-kwic data-kwic-phrase="([^"]+)" data-kwic-side="([^"]+)" title="[^"]*">(\d+)</g,
      ),
    ];
    expect(bySide.length).toBeGreaterThan(6);
    for (const [, phrase, side, n] of bySide) {
      expect(Number(n)).toBe(
        plain.fx.tables.kwic.filter((k) => k.phrase === phrase && k.side === side).length,
      );
    }
  });

  it('renders each transcript by segment kind, turns coloured by side, matches highlighted', () => {
    for (const t of plain.fx.transcripts) {
      const art = new RegExp(
        `<article class="transcript"[^>]*data-doc="${t.docId}"[^>]*>[\\s\\S]*?</article>`,
      ).exec(plain.html)![0];
      const m = /data-matches="(\d+)" data-highlighted="(\d+)"/.exec(art)!;
      expect(m[1]).toBe(m[2]);
      expect(Number(m[1])).toBe(plain.fx.tables.kwic.filter((k) => k.doc_id === t.docId).length);
      expect((art.match(/<mark /g) ?? []).length).toBe(Number(m[1]));
      for (const kind of ['editorial', 'stage', 'label', 'narrative']) {
        const n = t.segments.filter((s) => s.kind === kind).length;
        expect((art.match(new RegExp(`class="seg-${kind}"`, 'g')) ?? []).length).toBe(n);
      }
      // Every turn has an anchor the concordance links to.
      for (const turn of t.turns) expect(art).toMatch(new RegExp(`id="doc-[^"]+-t${turn.turn}"`));
      // Nothing of the text is lost: the spans hold every non-break character.
      const text = art
        .replace(
          /<h3[\s\S]*?<\/h3>|<p class="meta">[\s\S]*?<\/p>|<p class="note">[\s\S]*?<\/p>/g,
          '',
        )
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, '');
      expect(text).toBe(t.text.replace(/\s+/g, ''));
    }
  });

  it('lists diagnostics sorted by file and line', () => {
    const diag = /<section id="diagnostics"[\s\S]*?<\/section>/.exec(plain.html)![0];
    const files = [...diag.matchAll(/<tr><td>([^<]+)<\/td><td class="num">(\d*)</g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    expect(files).toEqual([
      'raw/1959-06-06_hoxha-choe-yong-geon.txt:3',
      'raw/1966-06-20_hoxha-an-yong.txt:11',
      'raw/1966-06-20_hoxha-an-yong.txt:29',
    ]);
  });
});

describe('methods paragraph', () => {
  it('states the corpus, segmentation, dictionary, sentiment coverage, statistics and versions', () => {
    const m = plain.methods;
    const words = plain.fx.tables.turnStats.reduce((a, r) => a + r.words, 0);
    expect(m).toContain('4 records of conversation dated 1959-06-06 to 1966-06-20');
    expect(m).toContain(`${words} words of speech`);
    expect(m).toContain('square brackets');
    expect(m).toContain(
      '6 entries (imperialism, khrushchev, marxist-leninist, revisionism, soviet-union and unity)',
    );
    const s = plain.fx.tables.sentences;
    const covered = s.filter((x) => x.covered).length;
    expect(m).toContain(
      `Of ${s.length} sentences, ${covered} (${((100 * covered) / s.length).toFixed(1)}%)`,
    );
    expect(m).toContain('Dunning 1993');
    expect(m).toContain('Hardie 2014');
    expect(m).toContain(
      'archival-transcripts 0.1.0 (node v20.0.0, vega 6.4.0, vega-lite 6.4.3, wink-nlp 2.4.0)',
    );
  });

  it('uses the scorer’s own description when given', () => {
    const m = methodsParagraph({
      tables: plain.fx.tables,
      manifest: {},
      sentimentMethods:
        'Sentences were scored with the project lexicon (κ = 0.41 against two raters).',
    });
    expect(m).toContain('κ = 0.41 against two raters');
    expect(m).toContain('the project pipeline;');
  });

  it('reads software versions from software, versions or packages', () => {
    expect(
      manifestSoftware({ versions: { b: '2' }, packages: { a: '1', b: '3' }, node: 'v20' }),
    ).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['node', 'v20'],
    ]);
  });

  it('is escaped in the page and the manifest is shown', () => {
    expect(plain.html).toContain(`<p id="methods-text">${esc(plain.methods)}</p>`);
    expect(plain.html).toContain('<pre class="manifest">');
    expect(plain.html).toContain('&quot;sha256&quot;');
  });
});

describe('determinism', () => {
  it('two builds give byte-identical HTML', async () => {
    const again = await build(false);
    expect(again.html).toBe(plain.html);
  });

  it('the figures embedded do not depend on whether SVGs were rendered', async () => {
    const f = plain.figures[0]!;
    await renderSvg(f);
    const again = await build(false);
    expect(again.html).toBe(plain.html);
  });
});

describe('large corpora', () => {
  it('links records beyond the reading view to their speech file, not to a missing anchor', () => {
    const fx = buildFixture({});
    const base = fx.transcripts[0]!;
    const docRow = fx.tables.documents.find((d) => d.doc_id === base.docId)!;
    // 60 copies of one meeting on successive days: only the first 50 are read inline.
    const transcripts = Array.from({ length: 60 }, (_, i) => {
      const date = `1962-01-${String((i % 28) + 1).padStart(2, '0')}`;
      const docId = `copy-${String(i).padStart(2, '0')}`;
      return { ...base, docId, metadata: { ...base.metadata, date } };
    });
    const documents = transcripts.map((t) => ({
      ...docRow,
      doc_id: t.docId,
      date: t.metadata.date,
    }));
    const html = buildReport({
      tables: { ...fx.tables, documents, kwic: [] },
      transcripts,
      figures: [],
      diagnostics: [],
      manifest: fx.manifest,
      methods: '',
      evidence: {
        speechFiles: ['report-data/speech-0001.js'],
        speechDocs: [transcripts.map((t) => t.docId)],
        targets: [],
      },
    });
    const sorted = [...transcripts].sort(
      (a, b) => a.metadata.date.localeCompare(b.metadata.date) || a.docId.localeCompare(b.docId),
    );
    const last = sorted[59]!.docId;
    const first = sorted[0]!.docId;
    // Every record links to its anchor; those not inlined carry their doc_id for the
    // page's script, which draws it from its entry in the speech file the data names.
    expect(html).toContain(`data-record="${last}"`);
    expect(html).not.toContain(`data-record="${first}"`);
    expect(html).toMatch(new RegExp(`id="doc-${first}"`));
    expect(html).not.toMatch(new RegExp(`id="doc-${last}"`));
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!,
    );
    expect(data.docs[last].speech).toBe(0);
    expect(data.docs[first].speech).toBeUndefined();
    // 60 rows fit one page of the corpus table: no pager.
    expect(data.corpusPages).toEqual([]);
    expect(html).not.toContain('id="corpus-pager"');
  });

  it('pages a corpus table longer than a page, every row once', () => {
    const fx = buildFixture({});
    const base = fx.tables.documents[0]!;
    const documents = Array.from({ length: 250 }, (_, i) => ({
      ...base,
      doc_id: `rec-${String(i).padStart(3, '0')}`,
      date: `1962-01-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const html = buildReport({
      tables: { ...fx.tables, documents, kwic: [] },
      transcripts: [],
      figures: [],
      diagnostics: [],
      manifest: fx.manifest,
      methods: '',
    });
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!,
    );
    expect(html).toContain('id="corpus-pager" data-pages="3"');
    const body = /<tbody id="corpus-body">([\s\S]*?)<\/tbody>/.exec(html)![1]!;
    const rowsIn = (h: string) => [...h.matchAll(/data-record="([^"]+)"/g)].map((m) => m[1]);
    expect(rowsIn(body).length).toBe(100);
    expect(data.corpusPages.length).toBe(2);
    const all = [body, ...data.corpusPages].flatMap(rowsIn);
    expect(new Set(all).size).toBe(250);
    expect(all.length).toBe(250);
  });
});
