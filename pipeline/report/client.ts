/**
 * The report's own script, inlined after the vega bundles. It reads the data
 * block, draws the charts with vega-embed (precompiled Vega, `ast: true` so
 * vega interprets expressions instead of compiling them with Function(): the
 * page needs no 'unsafe-eval') and offers each drawn view to the evidence
 * script (./evidence-client.ts), which runs the concordance. It builds DOM
 * only with createElement/textContent: no data ever reaches innerHTML.
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
    }).then(function (result) {
      // The evidence script (./evidence-client.ts) listens to the view's clicks.
      (window.REPORT_VIEWS = window.REPORT_VIEWS || {})[id] = result.view;
      el.setAttribute('data-rendered', 'true');
      el.dispatchEvent(new CustomEvent('report-view', { detail: result.view }));
    }).catch(function (err) {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'This chart could not be drawn (' + String(err && err.message) +
        '); open the SVG or PNG file linked below.';
      console.error(err);
    });
  });

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
