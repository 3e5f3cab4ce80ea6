/**
 * The reading view of a record drawn in the page from its speech entry
 * (./evidence-data.ts: the turns, the dictionary hits and the reading
 * layout): the same HTML renderTranscript (./reading.ts) writes for the
 * records the page inlines, character for character, so that a record
 * opened later looks and links like one in the page
 * (tests/reading-client.test.ts compares the two on every record of the
 * shipped corpus and of a synthetic one).
 *
 * Like renderTranscript it escapes every string from the data; the page
 * parses the result in a <template> and its CSP would block any script.
 *
 * Kept as a string because it runs in the browser (inside the evidence
 * script) and in the tests; String.raw keeps its backslashes, and it uses
 * no backticks or ${. It is one function expression:
 * (record, anchor, sideIndex) => HTML.
 */
export const READING_JS = String.raw`function (r, anchor, sideIndex) {
  var TEXT = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(v) {
    return String(v === undefined || v === null ? '' : v).replace(/[&<>"']/g, function (c) { return TEXT[c]; });
  }
  function formatInt(n) { return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function escapeRe(s) { return s.replace(/[.*+?^$\{}()|[\]\\]/g, '\\$&'); }
  function flagsFor(source, flags) { return /[\uD800-\uDFFF]/.test(source) ? flags + 'u' : flags; }
  var WORD_START = /^[\p{L}\p{N}]/u;
  var WORD_END = /[\p{L}\p{N}]$/u;
  function atBoundaries(text, start, end) {
    var m = text.slice(start, end);
    if (WORD_START.test(m) && start > 0 && WORD_END.test(text.slice(Math.max(0, start - 2), start))) return false;
    if (WORD_END.test(m) && end < text.length && WORD_START.test(text.slice(end, end + 2))) return false;
    return true;
  }
  // A turn's matcher over its match strings, longest first, as reading.ts builds it.
  function matcherOf(matches) {
    var keys = Object.keys(matches);
    if (!keys.length) return null;
    var sorted = keys.slice().sort(function (a, b) { return b.length - a.length || cmp(a, b); });
    var body = function (m) { return m.trim().split(/\s+/).map(escapeRe).join('\\s+'); };
    var each = sorted.map(function (m) { var s = body(m); return new RegExp(s, flagsFor(s, 'y')); });
    var fast = sorted.map(body).join('|');
    return { fast: new RegExp(fast, flagsFor(fast, 'g')), each: each };
  }
  function matchAt(text, at, each) {
    for (var i = 0; i < each.length; i++) {
      var re = each[i];
      re.lastIndex = at;
      var m = re.exec(text);
      if (m && atBoundaries(text, at, at + m[0].length)) return m;
    }
    return null;
  }
  var highlighted = 0;
  function highlight(text, matcher, phraseOf) {
    if (!matcher) return esc(text);
    var out = '';
    var last = 0;
    matcher.fast.lastIndex = 0;
    for (;;) {
      var found = matcher.fast.exec(text);
      if (!found) break;
      var at = found.index;
      var m = atBoundaries(text, at, at + found[0].length) ? found : matchAt(text, at, matcher.each);
      if (!m) { matcher.fast.lastIndex = at + 1; continue; }
      var phrase = phraseOf[m[0]];
      if (phrase === undefined) phrase = phraseOf[m[0].replace(/\s+/g, ' ')];
      out += esc(text.slice(last, m.index)) + '<mark title="' + esc(phrase === undefined ? '' : phrase) + '">' + esc(m[0]) + '</mark>';
      last = m.index + m[0].length;
      matcher.fast.lastIndex = last > m.index ? last : last + 1;
      highlighted++;
    }
    return out + esc(text.slice(last));
  }

  var speakers = r[1];
  var sides = r[2];
  var phrases = r[3];
  var meta = r[5][0];
  var turns = {};
  var expected = 0;
  r[4].forEach(function (t) {
    // The hits in the concordance table's order (key, then place), so that
    // a string two keys match is titled as in the inlined records.
    var hits = t[5].slice().sort(function (a, b) {
      return cmp(phrases[a[0]], phrases[b[0]]) || a[1] - b[1];
    });
    var matches = Object.create(null);
    hits.forEach(function (h) { matches[t[4].slice(h[1], h[1] + h[2]).replace(/\s+/g, ' ')] = phrases[h[0]]; });
    expected += hits.length;
    turns[t[0]] = { speaker: speakers[t[1]], side: sides[t[2]], text: t[4], matches: matches, matcher: matcherOf(matches) };
  });
  var KINDS = { h: 'header', n: 'narrative', l: 'label', s: 'speech', e: 'editorial', t: 'stage', r: 'trailer' };
  var anchored = {};
  var html = r[5][1].map(function (p) {
    var head = p[0];
    var turn = typeof head === 'number' ? (head || undefined) : head[0];
    var own = turn !== undefined ? turns[turn] : undefined;
    var open;
    var first = p[1];
    if (turn !== undefined) {
      var side = own ? own.side : 'Unknown';
      var speaker = typeof head === 'number' ? own.speaker : head[1];
      var id = '';
      if (!anchored[turn]) { anchored[turn] = true; id = ' id="' + anchor + '-t' + turn + '"'; }
      open = '<p class="turn side-' + (sideIndex[side] || 0) + '"' + id + ' data-turn="' + turn + '" data-speaker="' + esc(speaker) + '" data-side="' + esc(side) + '">';
    } else {
      open = '<p class="para-' + (typeof first === 'string' ? KINDS[first[0]] : 'speech') + '">';
    }
    var inner = p.slice(1).map(function (s) {
      if (typeof s === 'string') return '<span class="seg-' + KINDS[s[0]] + '">' + esc(s.slice(1)) + '</span>';
      var segTurn = s.length === 2 && typeof s[0] === 'string' ? s[1] : turn;
      var t = turns[segTurn];
      var text = typeof s[0] === 'string' ? s[0] : (s[2] || '') + (own ? own.text : '').slice(s[0], s[0] + s[1]) + (s[3] || '');
      return '<span class="seg-speech">' + highlight(text, t ? t.matcher : null, t ? t.matches : {}) + '</span>';
    }).join('');
    return open + inner + '</p>';
  });
  var url = meta[5];
  var metaLine = [
    meta[2] ? 'Archive: ' + esc(meta[2]) : '',
    meta[3] ? 'Translator: ' + esc(meta[3]) : '',
    'Source file: ' + esc(meta[4]),
    url ? '<a href="' + esc(url) + '" rel="noreferrer noopener">Source</a>' : meta[6] ? 'Source: ' + esc(meta[6]) : ''
  ].filter(Boolean).join(' · ');
  return '<article class="transcript" id="' + anchor + '" aria-labelledby="' + anchor + '-h" data-doc="' + esc(r[0]) +
    '" data-matches="' + expected + '" data-highlighted="' + highlighted + '">\n' +
    '<h3 id="' + anchor + '-h">' + esc(meta[0]) + ' · ' + esc(meta[1] || r[0]) + '</h3>\n' +
    '<p class="meta">' + metaLine + '</p>\n' +
    (expected !== highlighted
      ? '<p class="note">' + formatInt(expected) + ' dictionary matches in the concordance, ' + formatInt(highlighted) +
        ' highlighted here (a match split by an editorial insertion is not highlighted).</p>\n'
      : '') +
    '<div class="reading">\n' + html.join('\n') + '\n</div>\n</article>';
}`;
