/**
 * The report's stylesheet. Side colours come from the figures' palette so a
 * side looks the same in a chart, the concordance and the reading view.
 */
import { type SideColours, sideScale } from '../figures/theme.js';

/** Index of each side in the palette (1-based; 0 = not a known side). */
export function sideIndex(sides: Iterable<string>, palette: SideColours): Record<string, number> {
  const out: Record<string, number> = {};
  sideScale(sides, palette).domain.forEach((s, i) => {
    out[s] = i + 1;
  });
  return out;
}

export function stylesheet(sides: Iterable<string>, palette: SideColours): string {
  const scale = sideScale(sides, palette);
  const sideRules = scale.range.map((c, i) => `.side-${i + 1}{--side:${c}}`).join('\n');
  return `
:root{--ink:#1b1b1b;--muted:#555;--rule:#d8d8d8;--bg:#fff;--mark:#fff1a8;--side:#8c8c8c}
${sideRules}
*{box-sizing:border-box}
html{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:16px;line-height:1.5;color:var(--ink);background:var(--bg)}
body{margin:0 auto;max-width:72rem;padding:0 1.25rem 4rem}
a{color:#0b57a4}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #ffbf47;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
header.top{border-bottom:1px solid var(--rule);padding:1.5rem 0 1rem}
header.top h1{margin:0 0 .25rem;font-size:1.75rem}
header.top p{margin:.25rem 0;color:var(--muted)}
nav.toc{position:sticky;top:0;z-index:5;background:var(--bg);border-bottom:1px solid var(--rule);padding:.35rem 0}
nav.toc ol{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;padding:0;margin:0}
[id]{scroll-margin-top:3rem}
form.kwic select{max-width:22rem}
.chart svg .mark-symbol path,.chart svg .mark-rect path,.chart svg .mark-tick path{cursor:pointer}
.evidence{border:1px solid var(--rule);border-left:4px solid #0b57a4;background:#fafafa;padding:.5rem .75rem;margin:.5rem 0;font-size:.85rem}
.evidence h4{margin:.2rem 0}
.evidence table{margin:.4rem 0}
.evidence button{margin-right:.5rem}
.mark-keys{font-size:.85rem;margin:.3rem 0}
.mark-keys ul{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem}
.mark-keys button{font-size:.8rem;text-align:left}
.kwic-lines td.kwic-left,.kwic-lines td.kwic-right,.evidence-lines td.kwic-left,.evidence-lines td.kwic-right{white-space:nowrap}
a.self{margin-left:.4rem;font-size:.8em;color:var(--muted);text-decoration:none}
.kwic-pager button{margin-right:.4rem}
article.transcript{content-visibility:auto;contain-intrinsic-size:auto 40rem}
.target{outline:3px solid #ffbf47}
.close-record{float:right;margin-top:1rem}
.print-only{display:none}
.corpus-pager button{margin-right:.4rem}
section{margin-top:2.5rem}
h2{font-size:1.4rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem}
h3{font-size:1.15rem;margin:1.75rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:.875rem}
th,td{border-bottom:1px solid var(--rule);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
figure.chart-figure{margin:2rem 0;padding:0 0 1rem;border-bottom:1px solid var(--rule);break-inside:avoid}
.chart{overflow-x:auto;min-height:3rem}
.chart svg{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#333;max-width:48rem}
.downloads{font-size:.85rem;margin-top:.35rem}
.downloads a{margin-right:.75rem}
.side{border-left:4px solid var(--side);padding-left:.4rem}
.swatch{display:inline-block;width:.8em;height:.8em;background:var(--side);margin-right:.3em;vertical-align:baseline}
form.kwic{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:.75rem 0}
form.kwic label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
form.kwic input,form.kwic select,button{font:inherit;font-size:.9rem;padding:.25rem .4rem}
#kwic-status{font-size:.875rem;color:var(--muted)}
td.kwic-left{text-align:right;color:#333}
td.kwic-match{font-weight:bold;white-space:nowrap}
td.kwic-right{color:#333}
.counts table{width:auto;min-width:24rem}
.counts a{font-variant-numeric:tabular-nums}
#conc-body td:first-child{white-space:nowrap}
article.transcript{margin-top:2rem;border-top:1px solid var(--rule)}
article.transcript .meta{font-size:.85rem;color:var(--muted)}
.reading p{margin:.5rem 0;max-width:48rem}
.reading p.turn{border-left:4px solid var(--side);padding-left:.6rem}
.seg-label{font-weight:bold;color:var(--side)}
.seg-header,.seg-trailer{color:var(--muted);font-size:.85rem;white-space:pre-line}
.seg-narrative{font-style:italic;color:#333}
.seg-editorial{color:#6b3fa0;font-size:.9em;background:#f4effa}
.seg-stage{font-style:italic;color:var(--muted)}
mark{background:var(--mark);color:inherit;padding:0 .1em}
.legend-kinds span{margin-right:1rem}
.sev-error{color:#a00}.sev-warning{color:#8a5a00}.sev-info{color:var(--muted)}
#methods-text{background:#f7f7f7;border-left:4px solid var(--ink);padding:.75rem 1rem;max-width:48rem}
pre.manifest{background:#f7f7f7;padding:.75rem;overflow:auto;font-size:.75rem;max-height:30rem}
.note{font-size:.85rem;color:var(--muted)}
@media print{
  .print-only{display:block}
  nav.toc,.skip,form.kwic,#kwic-status,.kwic-lines,.downloads,#copy-methods,.no-print{display:none!important}
  body{max-width:none;padding:0}
  html{font-size:11pt}
  a{color:inherit;text-decoration:none}
  section{break-before:auto}
  article.transcript{break-before:page}
  pre.manifest{max-height:none;overflow:visible;white-space:pre-wrap}
  .chart{overflow:visible}
  mark{background:none;text-decoration:underline}
  .seg-editorial{background:none}
}
`;
}
