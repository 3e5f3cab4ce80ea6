/**
 * The report's evidence script, inlined after ./client.ts: the concordance
 * over all speech, the passages behind a clicked mark, and records opened
 * drawn from them.
 *
 * Data: the speech files (./evidence-data.ts) are loaded with classic
 * script elements the first time a reader searches or clicks a mark (a page
 * opened from the file system cannot fetch them); a record the page does
 * not inline is drawn from its speech file's entry when it is opened
 * (./reading-client.ts), loading that one file if the concordance has not
 * loaded them all. The page's CSP admits scripts from its own folder
 * ('self') and the inlined ones by hash.
 *
 * Safety: DOM is built with createElement/textContent, except the reading
 * view of a record drawn from its speech entry, which ./reading-client.ts
 * writes as HTML with every string escaped (the same HTML the page inlines
 * for its earliest records); the CSP would block any script in it.
 *
 * Kept as a string because it runs in the browser and is inlined verbatim;
 * String.raw keeps its backslashes, and it uses no backticks or ${.
 */
import { WORD } from '../words.js';
import { READING_JS } from './reading-client.js';

const BODY = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var ev = data.evidence;
  var form = document.getElementById('conc-form');
  if (!ev || !form) return;
  var docOrder = {};
  ev.order.forEach(function (d, i) { docOrder[d] = i; });
  var LETTER = /[\p{L}\p{N}]/u;

  // ── Loading ───────────────────────────────────────────────────────────────
  var turns = null;
  var loading = null;
  var loadStatus = document.getElementById('conc-load');
  function addScript(src, async) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.async = async;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('could not load ' + src + ' (is it beside index.html?)')); };
      document.body.appendChild(s);
    });
  }
  // The records the speech files have brought, by doc_id: each file pushes
  // its records to window.REPORT_SPEECH as it runs, and whichever file
  // finishes takes all that are there.
  var speechOf = {};
  var speechFiles = {};
  function takeSpeech() {
    var got = window.REPORT_SPEECH || [];
    window.REPORT_SPEECH = undefined;
    got.forEach(function (r) { speechOf[r[0]] = r; });
  }
  function loadSpeechFile(f, async) {
    return speechFiles[f] || (speechFiles[f] = addScript(f, async).then(takeSpeech, function (err) {
      delete speechFiles[f];
      throw err;
    }));
  }
  function loadSpeech() {
    if (loading) return loading;
    var t0 = performance.now();
    if (loadStatus) loadStatus.textContent = 'Loading the speech of ' + ev.order.length + ' records…';
    loading = Promise.all(ev.speechFiles.map(function (f) { return loadSpeechFile(f, false); })).then(function () {
      turns = [];
      var records = Object.keys(speechOf).map(function (k) { return speechOf[k]; }).sort(function (a, b) {
        return docOrder[a[0]] - docOrder[b[0]];
      });
      records.forEach(function (r) {
        var doc = data.docs[r[0]] || { date: '', label: r[0] };
        r[4].forEach(function (t) {
          turns.push({
            doc: r[0], date: doc.date || '', year: (doc.date || '').slice(0, 4),
            turn: t[0], speaker: r[1][t[1]], side: r[2][t[2]], reported: t[3] === 1,
            text: t[4], phrases: r[3], hits: t[5], sents: t[6]
          });
        });
      });
      document.body.setAttribute('data-speech-ms', String(Math.round(performance.now() - t0)));
      if (loadStatus) loadStatus.textContent = '';
      return turns;
    }, function (err) {
      loading = null;
      if (loadStatus) loadStatus.textContent = String(err.message);
      throw err;
    });
    return loading;
  }

  // ── Queries ───────────────────────────────────────────────────────────────
  function escapeRe(s) { return s.replace(/[.+^$(){}|[\]\\]/g, '\\$&'); }
  /**
   * A query as a regular expression: /…/ is taken as written (add i for
   * case); otherwise words match whole words, case ignored, * any letters,
   * ? one letter, several words in sequence across any run of spaces.
   */
  function compile(q) {
    var m = /^\/(.+)\/([a-z]*)$/.exec(q);
    if (m) {
      var flags = 'gu' + (m[2].indexOf('i') >= 0 ? 'i' : '');
      return new RegExp(m[1], flags);
    }
    var words = q.trim().split(/\s+/).filter(Boolean).map(function (w) {
      return escapeRe(w).replace(/\*/g, "[\\p{L}\\p{N}'’‐-]*").replace(/\?/g, '[\\p{L}\\p{N}]');
    });
    if (!words.length) return null;
    return new RegExp('(?<![\\p{L}\\p{N}])(?:' + words.join('\\s+') + ')(?![\\p{L}\\p{N}])', 'giu');
  }

  var WORD_RE = new RegExp(WORD_SOURCE, 'gu');
  /** The n words before [0, at) of text: where they start, and the words nearest first. */
  function leftOf(text, at, n) {
    var from = Math.max(0, at - 40 * n);
    var piece = text.slice(from, at);
    var found = [];
    WORD_RE.lastIndex = 0;
    var w;
    while ((w = WORD_RE.exec(piece))) found.push(w);
    var kept = found.slice(-n);
    var start = kept.length === n || from === 0 ? (kept.length ? from + kept[0].index : at) : from;
    if (kept.length < n && from === 0) start = 0;
    return { start: start, words: kept.map(function (x) { return x[0].toLowerCase(); }).reverse() };
  }
  function rightOf(text, at, n) {
    var piece = text.slice(at, at + 40 * n);
    var found = [];
    WORD_RE.lastIndex = 0;
    var w;
    while (found.length < n && (w = WORD_RE.exec(piece))) found.push(w);
    var end = found.length === n ? at + found[n - 1].index + found[n - 1][0].length : Math.min(text.length, at + piece.length);
    if (found.length < n) end = Math.min(text.length, at + 40 * n);
    return { end: end, words: found.map(function (x) { return x[0].toLowerCase(); }) };
  }
  function squash(s) { return s.replace(/\s+/g, ' '); }

  /** Lines of a free query or a dictionary key over the turns passing the filter. */
  function search(spec, keep) {
    var out = [];
    var re = spec.phrase ? null : compile(spec.q);
    if (!spec.phrase && !re) return out;
    for (var i = 0; i < turns.length; i++) {
      var t = turns[i];
      if (!keep(t)) continue;
      if (spec.phrase) {
        var p = t.phrases.indexOf(spec.phrase);
        if (p < 0) continue;
        for (var h = 0; h < t.hits.length; h++) {
          var hit = t.hits[h];
          if (hit[0] === p) out.push({ t: t, s: hit[1], e: hit[1] + hit[2], k: out.length });
        }
        continue;
      }
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(t.text))) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        out.push({ t: t, s: m.index, e: m.index + m[0].length, k: out.length });
      }
    }
    return out;
  }
  function withContext(line, n) {
    if (line.n === n) return line;
    var l = leftOf(line.t.text, line.s, Math.max(n, 3));
    var r = rightOf(line.t.text, line.e, Math.max(n, 3));
    var ln = n >= 3 ? l : leftOf(line.t.text, line.s, n);
    var rn = n >= 3 ? r : rightOf(line.t.text, line.e, n);
    line.left = squash(line.t.text.slice(ln.start, line.s)).trimStart();
    line.key = squash(line.t.text.slice(line.s, line.e));
    line.right = squash(line.t.text.slice(line.e, rn.end)).trimEnd();
    line.lw = l.words;
    line.rw = r.words;
    line.n = n;
    return line;
  }

  // ── The concordance form ──────────────────────────────────────────────────
  var c = {
    q: document.getElementById('conc-q'),
    phrase: document.getElementById('conc-phrase'),
    width: document.getElementById('conc-width'),
    sort: document.getElementById('conc-sort'),
    speaker: document.getElementById('conc-speaker'),
    side: document.getElementById('conc-side'),
    doc: document.getElementById('conc-doc'),
    period: document.getElementById('conc-period'),
    from: document.getElementById('conc-from'),
    to: document.getElementById('conc-to'),
    size: document.getElementById('conc-size')
  };
  var body = document.getElementById('conc-body');
  var status = document.getElementById('conc-status');
  var pager = document.getElementById('conc-pager');
  var exportButton = document.getElementById('conc-export');
  function fill(select, values, label) {
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = v;
      o.textContent = label ? label(v) : v;
      select.appendChild(o);
    });
  }
  fill(c.phrase, ev.phrases);
  fill(c.speaker, ev.speakers);
  fill(c.side, ev.sides);
  fill(c.doc, ev.order, function (d) { return data.docs[d] ? data.docs[d].label : d; });
  var periodOf = {};
  ev.periods.forEach(function (p) { periodOf[p[0]] = { from: p[1], to: p[2] }; });
  fill(c.period, ev.periods.map(function (p) { return p[0]; }), function (name) {
    var p = periodOf[name];
    return name === p.from + '–' + p.to || name === p.from + '-' + p.to ? name : name + ' (' + p.from + '–' + p.to + ')';
  });

  function filterOf(f) {
    var period = f.period ? periodOf[f.period] : null;
    return function (t) {
      if (f.speaker && t.speaker !== f.speaker) return false;
      if (f.side && t.side !== f.side) return false;
      if (f.doc && t.doc !== f.doc) return false;
      if (f.year && t.year !== f.year) return false;
      if (period && (t.date < period.from || t.date > period.to)) return false;
      if (f.from && t.year < f.from) return false;
      if (f.to && t.year > f.to) return false;
      return true;
    };
  }
  function current() {
    return {
      q: c.q.value, phrase: c.phrase.value, speaker: c.speaker.value, side: c.side.value,
      doc: c.doc.value, period: c.period.value, from: c.from.value.trim(), to: c.to.value.trim()
    };
  }
  var state = { lines: [], page: 0, sortedBy: null };
  var SORTS = {
    L1: function (l) { return l.lw[0] || ''; }, L2: function (l) { return l.lw[1] || ''; },
    L3: function (l) { return l.lw[2] || ''; }, R1: function (l) { return l.rw[0] || ''; },
    R2: function (l) { return l.rw[1] || ''; }, R3: function (l) { return l.rw[2] || ''; },
    key: function (l) { return l.key.toLowerCase(); }
  };
  function width() {
    var n = Number(c.width.value);
    return n >= 1 && n <= 50 ? Math.round(n) : 6;
  }
  function sortLines(lines, by, n) {
    if (by && SORTS[by]) {
      lines.forEach(function (l) { withContext(l, n); });
      var key = SORTS[by];
      lines.sort(function (a, b) {
        var x = key(a);
        var y = key(b);
        return x < y ? -1 : x > y ? 1 : a.k - b.k;
      });
    } else {
      lines.sort(function (a, b) { return a.k - b.k; });
    }
  }
  // Set by a "#concordance?phrase=…&q=…" link: keep only the key's lines with
  // that word within 5 words (a collocate), until the form is changed.
  var nearOnce = null;
  function run() {
    var f = current();
    if (!f.q.trim() && !f.phrase) {
      state.lines = [];
      draw();
      status.textContent = 'Type a word, a phrase (several words), a pattern with * or ?, or /a regular expression/, or pick a dictionary key.';
      return Promise.resolve();
    }
    return loadSpeech().then(function () {
      var t0 = performance.now();
      var lines;
      try {
        lines = search({ q: f.q, phrase: f.phrase }, filterOf(f));
        if (nearOnce) lines = lines.filter(function (l) { return isNear(l, nearOnce); });
      } catch (err) {
        state.lines = [];
        draw();
        status.textContent = 'Not a pattern this page can search for: ' + String(err.message);
        return;
      }
      sortLines(lines, c.sort.value, width());
      state.lines = lines;
      state.page = 0;
      draw();
      body.setAttribute('data-ms', String(Math.round(performance.now() - t0)));
    });
  }
  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function whereLink(td, doc, turn) {
    var d = data.docs[doc];
    var a = document.createElement('a');
    a.href = '#' + (d ? d.anchor : '') + '-t' + turn;
    a.textContent = 'turn ' + turn;
    a.setAttribute('data-record', doc);
    a.setAttribute('data-turn', String(turn));
    td.appendChild(a);
  }
  function lineRow(l, n) {
    withContext(l, n);
    var tr = document.createElement('tr');
    var d = data.docs[l.t.doc];
    cell(tr, l.t.date, 'conc-date').title = d ? d.label : l.t.doc;
    cell(tr, l.t.speaker);
    cell(tr, l.t.side, 'side side-' + (data.sideIndex[l.t.side] || 0));
    cell(tr, l.left, 'kwic-left');
    cell(tr, l.key, 'kwic-match');
    cell(tr, l.right, 'kwic-right');
    whereLink(cell(tr, ''), l.t.doc, l.t.turn);
    return tr;
  }
  function pageSize() { return Number(c.size.value) || 50; }
  function draw() {
    var n = width();
    var size = pageSize();
    var pages = Math.max(1, Math.ceil(state.lines.length / size));
    if (state.page >= pages) state.page = pages - 1;
    var from = state.page * size;
    var shown = state.lines.slice(from, from + size);
    var frag = document.createDocumentFragment();
    shown.forEach(function (l) { frag.appendChild(lineRow(l, n)); });
    body.textContent = '';
    body.appendChild(frag);
    body.setAttribute('data-count', String(shown.length));
    body.setAttribute('data-total', String(state.lines.length));
    status.textContent = state.lines.length
      ? 'Lines ' + (from + 1) + '–' + (from + shown.length) + ' of ' + state.lines.length + '.'
      : (c.q.value.trim() || c.phrase.value ? 'No line matches.' : '');
    pager.textContent = '';
    if (pages > 1) {
      var prev = document.createElement('button');
      prev.type = 'button';
      prev.textContent = '‹ Previous';
      prev.disabled = state.page === 0;
      prev.addEventListener('click', function () { state.page--; draw(); });
      var next = document.createElement('button');
      next.type = 'button';
      next.textContent = 'Next ›';
      next.disabled = state.page >= pages - 1;
      next.addEventListener('click', function () { state.page++; draw(); });
      var at = document.createElement('span');
      at.textContent = ' page ' + (state.page + 1) + ' of ' + pages + ' ';
      pager.appendChild(prev);
      pager.appendChild(at);
      pager.appendChild(next);
    }
    exportButton.disabled = state.lines.length === 0;
    exportButton.textContent = state.lines.length
      ? 'Export these ' + state.lines.length + ' lines (CSV)'
      : 'Export the lines (CSV)';
  }
  function csvField(v) {
    var s = String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  exportButton.addEventListener('click', function () {
    var n = width();
    var rows = [['doc_id', 'date', 'speaker', 'side', 'turn', 'left', 'match', 'right'].join(',')];
    state.lines.forEach(function (l) {
      withContext(l, n);
      rows.push([l.t.doc, l.t.date, l.t.speaker, l.t.side, l.t.turn, l.left, l.key, l.right].map(csvField).join(','));
    });
    var blob = new Blob([rows.join('\n') + '\n'], { type: 'text/csv;charset=utf-8' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'concordance.csv';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
  var timer = null;
  form.addEventListener('input', function (e) {
    nearOnce = null;
    if (e.target === c.q) { clearTimeout(timer); timer = setTimeout(run, 200); return; }
  });
  form.addEventListener('change', function (e) {
    if (e.target === c.q) return;
    if (e.target !== c.sort && e.target !== c.width && e.target !== c.size) nearOnce = null;
    if (e.target === c.sort) { sortLines(state.lines, c.sort.value, width()); state.page = 0; draw(); return; }
    if (e.target === c.width) { draw(); return; }
    if (e.target === c.size) { state.page = 0; draw(); return; }
    if (e.target === c.phrase && c.phrase.value) c.q.value = '';
    run();
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  form.addEventListener('reset', function () { setTimeout(run, 0); });

  /** Sets the form to f and runs it (the concordance API the evidence panels use). */
  function show(f) {
    nearOnce = null;
    form.reset();
    Object.keys(f).forEach(function (k) { if (c[k] && f[k] !== undefined) c[k].value = f[k]; });
    clearTimeout(timer);
    return run().then(function () {
      var s = document.getElementById('concordance');
      if (s) s.scrollIntoView();
    });
  }
  // Count links in the page (data-kwic with -phrase, -side, -doc) and the
  // findings' words (data-kwic-q) open their lines here.
  function isKwicLink(t) {
    return t.hasAttribute && (t.hasAttribute('data-kwic') || t.hasAttribute('data-kwic-q'));
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    while (t && t !== document && !isKwicLink(t)) t = t.parentNode;
    if (!t || t === document) return;
    e.preventDefault();
    show({
      phrase: t.getAttribute('data-kwic-phrase') || '',
      side: t.getAttribute('data-kwic-side') || '',
      doc: t.getAttribute('data-kwic-doc') || '',
      q: t.getAttribute('data-kwic-q') || ''
    });
  });

  // ── Records drawn from the speech files ──────────────────────────────────
  var renderRecord = READING_JS;
  var loadedRecords = {};
  function openRecord(doc, turn) {
    var d = data.docs[doc];
    if (!d) return Promise.resolve();
    var target = function () {
      var el = document.getElementById(turn ? d.anchor + '-t' + turn : d.anchor) || document.getElementById(d.anchor);
      if (el) { el.scrollIntoView(); el.classList.add('target'); setTimeout(function () { el.classList.remove('target'); }, 2000); }
      return el;
    };
    if (document.getElementById(d.anchor)) { target(); return Promise.resolve(); }
    if (d.speech === undefined) return Promise.resolve();
    var file = ev.speechFiles[d.speech];
    var p = loadedRecords[doc] || (loadedRecords[doc] = loadSpeechFile(file, true).then(function () {
      var r = speechOf[doc];
      if (!r || !r[5]) throw new Error('the speech file ' + file + ' holds no reading view of ' + doc);
      var tpl = document.createElement('template');
      tpl.innerHTML = renderRecord(r, d.anchor, data.sideIndex);
      var art = tpl.content.firstElementChild;
      var close = document.createElement('button');
      close.type = 'button';
      close.className = 'close-record no-print';
      close.textContent = 'Close this record';
      close.addEventListener('click', function () { art.remove(); delete loadedRecords[doc]; });
      art.insertBefore(close, art.firstChild);
      document.getElementById('reading-loaded').appendChild(art);
    }));
    return p.then(target, function (err) {
      delete loadedRecords[doc];
      var note = document.getElementById('reading-status');
      if (note) note.textContent = String(err.message);
    });
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    while (t && t !== document && !(t.hasAttribute && t.hasAttribute('data-record'))) t = t.parentNode;
    if (!t || t === document) return;
    var doc = t.getAttribute('data-record');
    var d = data.docs[doc];
    if (!d || document.getElementById(d.anchor)) return;
    e.preventDefault();
    openRecord(doc, Number(t.getAttribute('data-turn')) || 0).then(function () {
      history.replaceState(null, '', t.getAttribute('href'));
    });
  });
  // A link from elsewhere (or a reload) to a record not in the page opens it.
  var anchorDoc = {};
  Object.keys(data.docs).forEach(function (k) { anchorDoc[data.docs[k].anchor] = k; });
  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (!h || document.getElementById(h)) return;
    var m = /^(.*?)(?:-t(\d+))?$/.exec(h);
    if (m && anchorDoc[m[1]]) openRecord(anchorDoc[m[1]], Number(m[2]) || 0);
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  // "#concordance?phrase=…&side=…&q=…&from=…&to=…" (the href column of a
  // collocate figure's data) opens those lines in the concordance.
  function concordanceFromHash() {
    var h = location.hash;
    if (h.indexOf('#concordance?') !== 0) return;
    var p = new URLSearchParams(h.slice('#concordance?'.length));
    var f = {};
    ['q', 'phrase', 'speaker', 'side', 'doc', 'period', 'from', 'to'].forEach(function (k) {
      var v = p.get(k);
      if (v !== null) f[k] = /^(from|to)$/.test(k) ? v.slice(0, 4) : v;
    });
    show(f);
    // After show(), which clears it: both of its searches (the reset's and its own) keep it.
    nearOnce = f.phrase && f.q ? { word: f.q, window: 5 } : null;
  }
  window.addEventListener('hashchange', concordanceFromHash);
  concordanceFromHash();

  // ── Passages behind a mark ────────────────────────────────────────────────
  var EVIDENCE_LINES = 12;
  function sentencesOf(f) {
    var keep = filterOf(f);
    var word = f.word ? compile(f.word) : null;
    var bit = f.target !== undefined ? 1 << f.target : 0;
    var out = [];
    turns.forEach(function (t) {
      if (!keep(t)) return;
      if (f.turn && t.turn !== f.turn) return;
      t.sents.forEach(function (s) {
        if (bit && !(s[4] & bit)) return;
        var text = s[0] < 0 ? s[1] : t.text.slice(s[0], s[0] + s[1]);
        if (word) { word.lastIndex = 0; if (!word.test(text)) return; }
        out.push({ t: t, text: text, score: s[2], covered: s[3] === 1 });
      });
    });
    return out;
  }
  function fmt(x) { return (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(3); }
  function sentenceTable(list) {
    var table = document.createElement('table');
    table.className = 'evidence-sentences';
    var head = document.createElement('tr');
    ['Date', 'Speaker', 'Side', 'Score', 'Sentence', 'Where'].forEach(function (h) {
      var th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    });
    var thead = document.createElement('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var tb = document.createElement('tbody');
    list.forEach(function (s) {
      var tr = document.createElement('tr');
      cell(tr, s.t.date);
      cell(tr, s.t.speaker);
      cell(tr, s.t.side, 'side side-' + (data.sideIndex[s.t.side] || 0));
      cell(tr, s.covered ? fmt(s.score) : '0 (no scored word)', 'num');
      cell(tr, s.text);
      whereLink(cell(tr, ''), s.t.doc, s.t.turn);
      tb.appendChild(tr);
    });
    table.appendChild(tb);
    return table;
  }
  function lineTable(lines) {
    var table = document.createElement('table');
    table.className = 'evidence-lines';
    var tb = document.createElement('tbody');
    lines.forEach(function (l) { tb.appendChild(lineRow(l, 6)); });
    table.appendChild(tb);
    return table;
  }
  function str(v) { return v === undefined || v === null ? '' : String(v); }
  function yearOf(d) {
    if (d.year !== undefined && d.year !== null) return String(d.year);
    var date = str(d.date);
    return /^\d{4}/.test(date) && d.doc_id === undefined ? date.slice(0, 4) : '';
  }
  /**
   * The figures count terms by their normal form or lemma, which this page
   * cannot compute: a term is searched with the regular English endings
   * (party: party, parties; war: war, wars, warred, warring), so the lines
   * found may differ a little from the figure's count, which is shown.
   */
  function inflected(term) {
    if (!/^[\p{L}]+$/u.test(term)) return term;
    var t = escapeRe(term);
    var body;
    if (/[^aeiou]y$/.test(term)) body = t.slice(0, -1) + '(?:y|ies|ied|ying)';
    else if (/e$/.test(term)) body = t + '(?:s|d)?|' + t.slice(0, -1) + 'ing';
    else if (/(?:s|x|z|ch|sh)$/.test(term)) body = t + '(?:es|ed|ing)?';
    else body = t + '(?:s|ed|ing)?';
    return '/(?<![\\p{L}\\p{N}])(?:' + body + ')(?![\\p{L}\\p{N}])/i';
  }
  /** What a clicked datum stands for: lines of a key or word, or scored sentences. */
  function evidenceFor(fig, d) {
    var f = { doc: str(d.doc_id), side: str(d.side), speaker: str(d.speaker), year: yearOf(d) };
    if (d.doc_id !== undefined) f.year = '';
    if (d.key_for !== undefined) f.side = str(d.key_for);
    // A period comparison's key is one of the periods compared: the lines of that period.
    var period = str(d.period !== undefined ? d.period : f.side);
    if (periodOf[period]) { f.period = period; f.side = ''; }
    if (d.phrase !== undefined && ev.phrases.indexOf(str(d.phrase)) >= 0) {
      return { kind: 'lines', f: f, phrase: str(d.phrase), turn: d.turn, expected: d.count, what: 'the dictionary key “' + d.phrase + '”' };
    }
    // A collocate bar: the node's lines in that side or period with the
    // collocate among the 5 words either side (the analysis' window).
    if (d.collocate !== undefined && d.node !== undefined && d.collocate !== null) {
      var node = str(d.node);
      var period2 = /^(\\d{4})-(\\d{4})$/.exec(str(d.group));
      if (period2 && !d.side) { f.side = ''; f.from = period2[1]; f.to = period2[2]; }
      var near = { word: str(d.collocate), window: 5 };
      var what = '“' + node + '” with “' + d.collocate + '” within 5 words';
      return ev.phrases.indexOf(node) >= 0
        ? { kind: 'lines', f: f, phrase: node, near: near, expected: d.observed, what: what }
        : { kind: 'lines', f: f, q: inflected(node), near: near, expected: d.observed, what: what };
    }
    var target = d.target !== undefined ? ev.targets.indexOf(str(d.target)) : -1;
    if (target >= 0) {
      f.target = target;
      return { kind: 'sentences', f: f, expected: d.sentences, what: 'sentences mentioning “' + d.target + '”' };
    }
    if (d.term !== undefined && d.polarity !== undefined) {
      var term = str(d.term);
      f.word = term === ev.negation ? '/(?<![\\p{L}\\p{N}])(?:' + ev.negators.join('|') + '|[\\p{L}]+n[’' + "'" + ']t)(?![\\p{L}\\p{N}])/i' : inflected(term);
      return { kind: 'sentences', f: f, expected: d.sentences, what: 'sentences with “' + term + '” (or an inflected form)' };
    }
    if (d.term !== undefined) {
      var side = f.side ? d['count_' + f.side.toLowerCase()] : undefined;
      return { kind: 'lines', f: f, q: inflected(str(d.term)), expected: d.count !== undefined ? d.count : side, what: '“' + d.term + '” and its inflected forms' };
    }
    if (d.doc_id !== undefined) {
      if (d.turn !== undefined) f.turn = Number(d.turn);
      return { kind: 'sentences', f: f, expected: d.sentences, what: 'the sentences' };
    }
    return null;
  }
  /** Whether a line has the word (any of its regular endings) within the window's words of its key. */
  function isNear(line, near) {
    var re = compile(inflected(near.word));
    withContext(line, near.window);
    return line.lw.slice(0, near.window).concat(line.rw.slice(0, near.window)).some(function (w) {
      re.lastIndex = 0;
      return re.test(w);
    });
  }
  function expectedNote(e, n) {
    return typeof e.expected === 'number' && e.expected !== n ? ' The figure counts ' + e.expected + '.' : '';
  }
  function describe(f) {
    var parts = [];
    if (f.doc && data.docs[f.doc]) parts.push(data.docs[f.doc].label);
    if (f.year) parts.push(f.year);
    if (f.period) parts.push(f.period);
    if (f.speaker) parts.push(f.speaker);
    if (f.side) parts.push(f.side);
    if (f.turn) parts.push('turn ' + f.turn);
    return parts.join(' · ');
  }
  function showEvidence(fig, datum) {
    var panel = document.getElementById('evidence-' + fig);
    if (!panel) return;
    var e = evidenceFor(fig, datum);
    if (!e) return;
    panel.hidden = false;
    panel.textContent = 'Loading the passages…';
    // Which mark the passages are for (tests and scripts read it).
    panel.setAttribute('data-mark', JSON.stringify(datum));
    panel.setAttribute('data-state', 'loading');
    loadSpeech().then(function () {
      panel.textContent = '';
      var h = document.createElement('h4');
      var where = describe(e.f);
      var count = document.createElement('p');
      var list;
      if (e.kind === 'lines') {
        list = search({ q: e.q || '', phrase: e.phrase || '' }, filterOf(e.f));
        if (e.near) list = list.filter(function (l) { return isNear(l, e.near); });
        if (e.turn !== undefined) {
          var inTurn = list.filter(function (l) { return l.t.turn === Number(e.turn); });
          if (inTurn.length) list = inTurn.concat(list.filter(function (l) { return l.t.turn !== Number(e.turn); }));
        }
        h.textContent = 'Lines of ' + e.what + (where ? ' · ' + where : '');
        count.textContent = list.length + (list.length === 1 ? ' line' : ' lines') +
          (list.length > EVIDENCE_LINES ? '; the first ' + EVIDENCE_LINES + ' are shown.' : '.') + expectedNote(e, list.length);
        panel.appendChild(h);
        panel.appendChild(count);
        panel.appendChild(lineTable(list.slice(0, EVIDENCE_LINES)));
        var more = document.createElement('button');
        more.type = 'button';
        more.textContent = 'Open all in the concordance';
        more.addEventListener('click', function () {
          show({ q: e.q || '', phrase: e.phrase || '', side: e.f.side, speaker: e.f.speaker, doc: e.f.doc, period: e.f.period || '', from: e.f.year, to: e.f.year });
        });
        panel.appendChild(more);
      } else {
        list = sentencesOf(e.f);
        var scored = list.filter(function (s) { return s.covered; });
        var mean = list.length ? list.reduce(function (a, s) { return a + s.score; }, 0) / list.length : 0;
        h.textContent = 'Sentences: ' + e.what + (where ? ' · ' + where : '');
        count.textContent = list.length + (list.length === 1 ? ' sentence' : ' sentences') + ' (' + scored.length +
          ' with a scored word), mean score ' + fmt(mean) +
          (list.length > EVIDENCE_LINES ? '; the ' + EVIDENCE_LINES + ' furthest from zero are shown.' : '.') + expectedNote(e, list.length);
        var shown = list.slice().sort(function (a, b) { return Math.abs(b.score) - Math.abs(a.score); }).slice(0, EVIDENCE_LINES);
        panel.appendChild(h);
        panel.appendChild(count);
        panel.appendChild(sentenceTable(shown));
      }
      panel.setAttribute('data-state', 'shown');
      panel.setAttribute('data-count', String(list.length));
      var close = document.createElement('button');
      close.type = 'button';
      close.textContent = 'Close';
      close.addEventListener('click', function () { panel.hidden = true; });
      panel.appendChild(close);
    }, function (err) {
      panel.textContent = String(err.message);
      panel.setAttribute('data-state', 'error');
    });
  }
  /** The datum a click on an item stands for: a text mark or a rule over aggregated data carries it one level down. */
  function markDatum(item) {
    var d = item && item.datum;
    while (d && d.datum && d.doc_id === undefined && d.term === undefined && d.phrase === undefined) d = d.datum;
    return d;
  }
  // ── Marks by keyboard ─────────────────────────────────────────────────────
  // Under each chart, a folded list with a button per mark that has passages,
  // in drawing order: a button, so Enter and Space press it, and pressing it
  // opens what a click on the mark opens. The buttons come KEY_MARKS at a
  // time; a last button adds the next ones, so every mark can be reached.
  var KEY_MARKS = 40;
  function markLabel(item, d) {
    var t = item.tooltip;
    var pairs = t && typeof t === 'object' ? Object.keys(t).map(function (k) { return k + ': ' + str(t[k]); }) : [];
    if (typeof t === 'string' || typeof t === 'number') return String(t);
    if (!pairs.length) {
      // No tooltip: the datum's own fields, without the chart's layout helpers,
      // dates as dates (vega holds them as epoch milliseconds) and numbers rounded.
      pairs = Object.keys(d).filter(function (k) {
        var v = d[k];
        return !/^_|sort_index$|^ci_|^doc_id$/.test(k) && v !== null && v !== undefined && v !== '' && typeof v !== 'object';
      }).map(function (k) {
        var v = d[k];
        if (k === 'date' && typeof v === 'number') v = new Date(v).toISOString().slice(0, 10);
        else if (typeof v === 'number' && Math.round(v) !== v) v = Math.round(v * 1000) / 1000;
        return k + ': ' + str(v);
      });
    }
    return pairs.join('; ');
  }
  function keyboardMarks(id, view) {
    var chart = document.getElementById('chart-' + id);
    if (!chart || document.getElementById('marks-' + id) || !view.scenegraph) return;
    var found = [];
    var seen = {};
    (function walk(node) {
      if (!node) return;
      if (node.mark && node.datum && node.mark.role === 'mark' && node.mark.marktype !== 'group' && node.mark.interactive !== false) {
        var d = markDatum(node);
        var k = d ? JSON.stringify(d) : '';
        if (d && !seen[k] && evidenceFor(id, d)) {
          seen[k] = true;
          found.push({ d: d, label: markLabel(node, d) });
        }
      }
      if (node.items) node.items.forEach(walk);
    })(view.scenegraph().root);
    if (!found.length) return;
    var box = document.createElement('details');
    box.className = 'mark-keys';
    box.id = 'marks-' + id;
    var summary = document.createElement('summary');
    summary.textContent = 'Passages behind the marks, by keyboard: ' +
      found.length + (found.length === 1 ? ' mark' : ' marks');
    box.appendChild(summary);
    var ul = document.createElement('ul');
    var more = document.createElement('button');
    more.type = 'button';
    more.className = 'more-marks';
    var shown = 0;
    function showNext() {
      var first = null;
      found.slice(shown, shown + KEY_MARKS).forEach(function (m) {
        var li = document.createElement('li');
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = m.label;
        b.setAttribute('data-mark', JSON.stringify(m.d));
        b.addEventListener('click', function () { showEvidence(id, m.d); });
        li.appendChild(b);
        ul.appendChild(li);
        if (!first) first = b;
      });
      shown = Math.min(found.length, shown + KEY_MARKS);
      var left = found.length - shown;
      more.hidden = left === 0;
      more.textContent = 'Show the next ' + Math.min(left, KEY_MARKS) + ' marks (' + shown + ' of ' + found.length + ' shown)';
      return first;
    }
    more.addEventListener('click', function () {
      var first = showNext();
      if (first) first.focus();
    });
    showNext();
    box.appendChild(ul);
    box.appendChild(more);
    chart.parentNode.insertBefore(box, chart.nextSibling);
  }
  function listen(id, view) {
    view.addEventListener('click', function (event, item) {
      var d = markDatum(item);
      if (d) showEvidence(id, d);
    });
    keyboardMarks(id, view);
  }
  var views = window.REPORT_VIEWS || {};
  Object.keys(views).forEach(function (id) { listen(id, views[id]); });
  document.querySelectorAll('.chart[data-figure]').forEach(function (el) {
    el.addEventListener('report-view', function (e) { listen(el.getAttribute('data-figure'), e.detail); });
  });
  // ── The corpus table's pages ──────────────────────────────────────────────
  var corpusPager = document.getElementById('corpus-pager');
  if (corpusPager) {
    var corpusBody = document.getElementById('corpus-body');
    var pagesHtml = [corpusBody.innerHTML].concat(data.corpusPages);
    var corpusAt = 0;
    var drawCorpus = function () {
      var tpl = document.createElement('template');
      tpl.innerHTML = pagesHtml[corpusAt];
      corpusBody.textContent = '';
      corpusBody.appendChild(tpl.content);
      corpusPager.textContent = '';
      var mk = function (label, to, disabled) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = label;
        b.disabled = disabled;
        b.addEventListener('click', function () { corpusAt = to; drawCorpus(); });
        corpusPager.appendChild(b);
      };
      mk('‹ Previous', corpusAt - 1, corpusAt === 0);
      var at = document.createElement('span');
      at.textContent = ' records ' + (corpusAt * CORPUS_PAGE + 1) + '–' +
        Math.min(ev.order.length, (corpusAt + 1) * CORPUS_PAGE) + ' of ' + ev.order.length + ' ';
      corpusPager.appendChild(at);
      mk('Next ›', corpusAt + 1, corpusAt >= pagesHtml.length - 1);
    };
    drawCorpus();
  }

  window.REPORT_EVIDENCE = { show: show, showEvidence: showEvidence, openRecord: openRecord, loadSpeech: loadSpeech };

  status.textContent = 'Type a word, a phrase (several words), a pattern with * or ?, or /a regular expression/, or pick a dictionary key.';
})();
`;

/** The evidence script, with the project's word pattern, the reading view's renderer and the corpus table's page size. */
export function evidenceClient(corpusPage: number): string {
  return BODY.replace(/CORPUS_PAGE/g, String(corpusPage))
    .replace('new RegExp(WORD_SOURCE,', `new RegExp(${JSON.stringify(WORD.source)},`)
    .replace('var renderRecord = READING_JS;', () => `var renderRecord = ${READING_JS};`);
}
