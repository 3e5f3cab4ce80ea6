/**
 * The KWIC analysis's figure: where the headline keys occur in each
 * conversation (a dispersion plot of kwic.csv).
 */
import { meetings, round } from '../pipeline/figures/data.js';
import { base, colour, figure, mostRecent, type Row, sidesOf } from '../pipeline/figures/kit.js';
import { compareText, PANEL_WIDTH } from '../pipeline/figures/theme.js';
import type { Figure } from '../pipeline/figures/types.js';
import { type FigureOptions, sidePalette } from './figure-options.js';
import type { Tables } from './types.js';

/** Meetings (strips per key) in the dispersion figure, so it fits a printed page. */
export const MAX_DISPERSION_MEETINGS = 10;

// ── 8. Dispersion of dictionary terms across each conversation ───────────────

/** Dictionary keys in the dispersion figure: the headline keys first, then the most frequent. */
export const DISPERSION_KEYS = 4;

/**
 * Which phrases the dispersion figure shows: the headline keys present, then
 * the most frequent others, at most DISPERSION_KEYS.
 */
function dispersionKeys(
  kwic: Tables['kwic'],
  headline: readonly string[],
): { shown: string[]; all: number } {
  const totals = new Map<string, number>();
  for (const r of kwic) totals.set(r.phrase, (totals.get(r.phrase) ?? 0) + 1);
  const lead = headline.filter((k) => totals.has(k));
  const rest = [...totals.entries()]
    .filter(([p]) => !lead.includes(p))
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([p]) => p);
  return { shown: [...lead, ...rest].slice(0, DISPERSION_KEYS), all: totals.size };
}

/**
 * AntConc-style dispersion plot: one panel per headline key, one strip per
 * meeting, a tick wherever the key was spoken. Sized for a printed page
 * (at most DISPERSION_KEYS × MAX_DISPERSION_MEETINGS strips, meetings labelled
 * by date), not one row per phrase and meeting.
 */
export function dispersion(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const palette = sidePalette(options);
  const headline = options.headline ?? [];
  const { shown, all } = dispersionKeys(tables.kwic, headline);
  const keys = new Set(shown);
  const withMatches = new Set(tables.kwic.filter((r) => keys.has(r.phrase)).map((r) => r.doc_id));
  const allMeetings = meetings(tables).filter((m) => withMatches.has(m.docId));
  const meetingList = mostRecent(allMeetings, MAX_DISPERSION_MEETINGS);
  const capped = meetingList.length < allMeetings.length;
  // Short strip labels: the date, with the document id where two meetings share one.
  const dateCount = new Map<string, number>();
  for (const m of meetingList) dateCount.set(m.date, (dateCount.get(m.date) ?? 0) + 1);
  const labelOf = new Map(
    meetingList.map(
      (m) =>
        [
          m.docId,
          (dateCount.get(m.date) ?? 0) > 1 || !m.date
            ? `${m.date || 'undated'} (${m.docId})`
            : m.date,
        ] as const,
    ),
  );
  const data: Row[] = tables.kwic
    .filter((r) => keys.has(r.phrase) && labelOf.has(r.doc_id))
    .map((r) => ({
      doc_id: r.doc_id,
      date: r.date,
      meeting: labelOf.get(r.doc_id)!,
      phrase: r.phrase,
      position: round(r.position),
      turn: r.turn,
      speaker: r.speaker,
      side: r.side,
      match: r.match,
    }))
    .sort(
      (a, b) =>
        shown.indexOf(a.phrase) - shown.indexOf(b.phrase) ||
        compareText(a.date, b.date) ||
        compareText(a.doc_id, b.doc_id) ||
        a.position - b.position ||
        a.turn - b.turn,
    );
  if (data.length === 0) return undefined;
  const order = meetingList.map((m) => labelOf.get(m.docId)!);
  const sides = sidesOf(data, palette);
  const alt =
    `Dispersion plot: for each of ${shown.length} dictionary keys (${shown.join(', ')}), one strip ` +
    `per meeting (${order.length}) with a tick at each place in the conversation where the key ` +
    `was spoken, coloured by the speaker's side.`;
  const spec = {
    ...base(
      'Where the headline keys occur in each conversation',
      'One strip per meeting; a tick per occurrence, at the share of words spoken before it',
      alt,
      data,
    ),
    facet: {
      row: {
        field: 'phrase',
        type: 'nominal',
        sort: shown,
        title: null,
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' },
      },
    },
    spec: {
      width: PANEL_WIDTH,
      height: { step: 14 },
      mark: { type: 'tick', thickness: 1.5, bandSize: 11 },
      encoding: {
        x: {
          field: 'position',
          type: 'quantitative',
          title: 'Position in the conversation (share of words spoken so far)',
          scale: { domain: [0, 1] },
          axis: { format: '.0%' },
        },
        y: {
          field: 'meeting',
          type: 'nominal',
          sort: order,
          title: null,
          scale: { domain: order },
        },
        color: colour(sides, palette),
        tooltip: [
          { field: 'phrase', title: 'Key' },
          { field: 'meeting', title: 'Meeting' },
          { field: 'match', title: 'As written' },
          { field: 'speaker', title: 'Speaker' },
          { field: 'turn', type: 'quantitative', title: 'Turn' },
          { field: 'position', type: 'quantitative', title: 'Position', format: '.1%' },
        ],
      },
    },
  };
  const caption =
    `Every match of ${shown.length === all ? 'each dictionary key' : `${shown.length} of the ${all} dictionary keys`} ` +
    `(${shown.join(', ')}${headline.some((k) => keys.has(k)) ? '; the headline keys first' : ''}) ` +
    `in the speech of a meeting, placed at the share of the meeting's spoken words that precede ` +
    `it (0% = first word spoken, 100% = last): one panel per key, one strip per meeting (labelled ` +
    `by date), ticks coloured by the side of the speaker. An empty strip means the key was not ` +
    `spoken in that meeting. Clusters show where a topic was discussed; the concordance below ` +
    `lists each occurrence in context.` +
    (capped
      ? ` The ${meetingList.length} most recent of ${allMeetings.length} meetings with matches are shown; every match is in kwic.csv.`
      : ' Every match of every key is in kwic.csv.');
  return figure(
    'dispersion',
    'Where the headline keys occur in each conversation',
    caption,
    alt,
    spec,
    data,
    ['doc_id', 'date', 'meeting', 'phrase', 'position', 'turn', 'speaker', 'side', 'match'],
  );
}
