/**
 * The report's own script, inlined after the vega bundles. It reads the data
 * block, draws the charts with vega-embed (precompiled Vega, `ast: true` so
 * vega interprets expressions instead of compiling them with Function(): the
 * page needs no 'unsafe-eval'), and runs the concordance explorer. It builds
 * DOM only with createElement/textContent: no data ever reaches innerHTML.
 *
 * Kept as a string (not a .ts module) because it runs in the browser and is
 * inlined verbatim; it uses no backslashes, backticks or ${ so a plain
 * template literal holds it unchanged.
 */
export const CLIENT_JS = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);

  // ── Charts ────────────────────────────────────────────────────────────────
  var ids = Object.keys(data.specs);
  ids.forEach(function (id) {
    var el = document.getElementById('chart-' + id);
    if (!el) return;
    if (typeof vegaEmbed !== 'function') {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'Charts need JavaScript; open the SVG or PNG file linked below.';
      return;
    }
    // vega marks its target as a graphics-document; drawing into an inner
    // element keeps the container's role="img" and aria-label as the name.
    var target = el.querySelector('.chart-view') || el;
    vegaEmbed(target, data.specs[id], {
      mode: 'vega',
      renderer: 'svg',
      actions: false,
      ast: true,
      tooltip: { theme: 'light' }
    }).then(function () {
      el.setAttribute('data-rendered', 'true');
    }).catch(function (err) {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'This chart could not be drawn (' + String(err && err.message) +
        '); open the SVG or PNG file linked below.';
      console.error(err);
    });
  });

  // ── Concordance explorer ──────────────────────────────────────────────────
  var kwic = data.kwic;
  var col = {};
  kwic.columns.forEach(function (c, i) { col[c] = i; });
  var rows = kwic.rows;
  var form = document.getElementById('kwic-form');
  if (!form) return;
  var controls = {
    q: document.getElementById('kwic-q'),
    phrase: document.getElementById('kwic-phrase'),
    speaker: document.getElementById('kwic-speaker'),
    side: document.getElementById('kwic-side'),
    doc: document.getElementById('kwic-doc'),
    from: document.getElementById('kwic-from'),
    to: document.getElementById('kwic-to')
  };
  var body = document.getElementById('kwic-body');
  var status = document.getElementById('kwic-status');

  function fill(select, values, labels) {
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = v;
      o.textContent = labels ? labels[v] : v;
      select.appendChild(o);
    });
  }
  function distinct(name) {
    var seen = {};
    var out = [];
    rows.forEach(function (r) {
      var v = r[col[name]];
      if (!Object.prototype.hasOwnProperty.call(seen, v)) { seen[v] = 1; out.push(v); }
    });
    return out.sort();
  }
  fill(controls.phrase, distinct('phrase'));
  fill(controls.speaker, distinct('speaker'));
  fill(controls.side, distinct('side'));
  var docLabels = {};
  Object.keys(data.docs).forEach(function (d) { docLabels[d] = data.docs[d].label; });
  fill(controls.doc, Object.keys(data.docs).filter(function (d) {
    return rows.some(function (r) { return r[col.doc_id] === d; });
  }).sort(function (a, b) { return docLabels[a] < docLabels[b] ? -1 : docLabels[a] > docLabels[b] ? 1 : 0; }), docLabels);

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function render() {
    var q = controls.q.value.trim().toLowerCase();
    var f = {
      phrase: controls.phrase.value,
      speaker: controls.speaker.value,
      side: controls.side.value,
      doc: controls.doc.value,
      from: controls.from.value,
      to: controls.to.value
    };
    var shown = 0;
    var matched = 0;
    var frag = document.createDocumentFragment();
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (f.phrase && r[col.phrase] !== f.phrase) continue;
      if (f.speaker && r[col.speaker] !== f.speaker) continue;
      if (f.side && r[col.side] !== f.side) continue;
      if (f.doc && r[col.doc_id] !== f.doc) continue;
      if (f.from && r[col.date] < f.from) continue;
      if (f.to && r[col.date] > f.to) continue;
      if (q) {
        var hay = (r[col.left] + ' ' + r[col.match] + ' ' + r[col.right]).toLowerCase();
        if (hay.indexOf(q) < 0) continue;
      }
      matched++;
      if (shown >= kwic.display) continue;
      shown++;
      var tr = document.createElement('tr');
      cell(tr, r[col.date]);
      cell(tr, r[col.speaker]);
      cell(tr, r[col.side], 'side side-' + (data.sideIndex[r[col.side]] || 0));
      cell(tr, r[col.left], 'kwic-left');
      cell(tr, r[col.match], 'kwic-match');
      cell(tr, r[col.right], 'kwic-right');
      var td = cell(tr, '');
      var doc = data.docs[r[col.doc_id]];
      if (doc) {
        var a = document.createElement('a');
        a.href = '#' + doc.anchor + '-t' + r[col.turn];
        a.textContent = 'turn ' + r[col.turn];
        td.appendChild(a);
      } else {
        td.textContent = 'turn ' + r[col.turn];
      }
      frag.appendChild(tr);
    }
    body.textContent = '';
    body.appendChild(frag);
    var msg = matched === shown
      ? 'Showing ' + matched + ' of ' + rows.length + ' lines.'
      : 'Showing the first ' + shown + ' of ' + matched + ' matching lines (' + rows.length +
        ' in all); narrow the filters to see the rest.';
    if (kwic.truncated) msg += ' The page holds ' + rows.length + ' of ' + kwic.total +
      ' concordance lines; the full list is in data/kwic.csv.';
    status.textContent = msg;
    body.setAttribute('data-count', String(shown));
  }

  form.addEventListener('input', render);
  form.addEventListener('change', render);
  form.addEventListener('submit', function (e) { e.preventDefault(); render(); });
  form.addEventListener('reset', function () { setTimeout(render, 0); });

  // Any element with data-kwic-* attributes sets those filters and jumps to the lines.
  document.addEventListener('click', function (e) {
    var t = e.target;
    while (t && t !== document && !(t.hasAttribute && t.hasAttribute('data-kwic'))) t = t.parentNode;
    if (!t || t === document) return;
    e.preventDefault();
    form.reset();
    ['phrase', 'speaker', 'side', 'doc'].forEach(function (k) {
      var v = t.getAttribute('data-kwic-' + k);
      if (v !== null) controls[k].value = v;
    });
    render();
    var section = document.getElementById('concordance');
    if (section) section.scrollIntoView();
    controls.q.focus();
  });

  // "#concordance?phrase=…&side=…&q=…" (a collocate bar's link) sets those filters.
  function fromHash() {
    var h = window.location.hash;
    if (h.indexOf('#concordance?') !== 0) return false;
    var p = new URLSearchParams(h.slice('#concordance?'.length));
    form.reset();
    ['q', 'phrase', 'speaker', 'side', 'doc', 'from', 'to'].forEach(function (k) {
      var v = p.get(k);
      if (v !== null) controls[k].value = v;
    });
    render();
    var section = document.getElementById('concordance');
    if (section) section.scrollIntoView();
    return true;
  }
  window.addEventListener('hashchange', fromHash);

  if (!fromHash()) render();

  // ── Copy the methods paragraph ────────────────────────────────────────────
  var copy = document.getElementById('copy-methods');
  if (copy) {
    copy.addEventListener('click', function () {
      var text = document.getElementById('methods-text');
      var range = document.createRange();
      range.selectNodeContents(text);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text.textContent).catch(function () {});
      }
      copy.textContent = 'Selected: press Ctrl+C (or ⌘C) if not copied';
    });
  }
})();
`;
