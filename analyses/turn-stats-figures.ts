/**
 * The turn-stats analysis's figure: each speaker's share of the words spoken
 * in each meeting (turn_stats.csv).
 */
import { meetings, round } from '../pipeline/figures/data.js';
import { base, colour, figure, mostRecent, present, type Row } from '../pipeline/figures/kit.js';
import { compareText, PANEL_WIDTH, sideOrder } from '../pipeline/figures/theme.js';
import type { Figure } from '../pipeline/figures/types.js';
import { type FigureOptions, sidePalette } from './figure-options.js';
import type { Tables } from './types.js';

/** Bars in the share-of-speech figure: the most recent meetings. */
export const MAX_SHARE_BARS = 40;

// ── 6. Share of speech per meeting ───────────────────────────────────────────

export function speechShare(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const palette = sidePalette(options);
  const allMeetings = meetings(tables);
  const meetingList = mostRecent(allMeetings, MAX_SHARE_BARS);
  const labelOf = new Map(meetingList.map((m) => [m.docId, m] as const));
  const totals = new Map<string, number>();
  for (const r of tables.turnStats) totals.set(r.doc_id, (totals.get(r.doc_id) ?? 0) + r.words);
  const sides = sideOrder(
    tables.turnStats.map((r) => r.side),
    palette,
  );
  const capped = meetingList.length < allMeetings.length;
  const data: Row[] = tables.turnStats
    .filter((r) => !capped || labelOf.has(r.doc_id))
    .map((r) => {
      const total = totals.get(r.doc_id) ?? 0;
      return {
        doc_id: r.doc_id,
        date: r.date,
        meeting: labelOf.get(r.doc_id)?.label ?? r.doc_id,
        speaker: r.speaker,
        side: r.side,
        side_order: sides.indexOf(r.side),
        turns: r.turns,
        words: r.words,
        share_words: total > 0 ? round(r.words / total) : 0,
      };
    })
    .sort(
      (a, b) =>
        compareText(a.date, b.date) ||
        compareText(a.doc_id, b.doc_id) ||
        a.side_order - b.side_order ||
        compareText(a.speaker, b.speaker),
    );
  if (data.length === 0) return undefined;
  const order = present(meetingList, data);
  const alt =
    `Stacked horizontal bars, one per meeting (${order.length}), showing each speaker's share of ` +
    `the words spoken, coloured by side.`;
  const spec = {
    ...base(
      'Share of speech in each meeting',
      'Share of the words spoken in the meeting; each segment one speaker',
      alt,
      data,
    ),
    width: PANEL_WIDTH,
    height: { step: 26 },
    mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1.5 },
    encoding: {
      y: { field: 'meeting', type: 'nominal', sort: order, title: null, axis: { labelLimit: 420 } },
      x: {
        field: 'share_words',
        type: 'quantitative',
        stack: 'zero',
        title: 'Share of words spoken',
        axis: { format: '.0%' },
        scale: { domain: [0, 1] },
      },
      color: colour(sides, palette),
      order: { field: 'side_order', type: 'quantitative' },
      detail: { field: 'speaker' },
      tooltip: [
        { field: 'meeting', title: 'Meeting' },
        { field: 'speaker', title: 'Speaker' },
        { field: 'side', title: 'Side' },
        { field: 'turns', type: 'quantitative', title: 'Turns' },
        { field: 'words', type: 'quantitative', title: 'Words' },
        { field: 'share_words', type: 'quantitative', title: 'Share of words', format: '.1%' },
      ],
    },
  };
  const caption =
    `For each meeting, the words each speaker spoke (speech turns only; the recorder's narrative, ` +
    `editorial insertions and stage directions excluded) as a share of all words spoken. ` +
    `Segments are ordered by side, then speaker name; the tooltip gives turns and words.` +
    (capped
      ? ` The ${meetingList.length} most recent of ${allMeetings.length} meetings are shown; all are in turn_stats.csv.`
      : '');
  return figure('speech-share', 'Share of speech in each meeting', caption, alt, spec, data, [
    'doc_id',
    'date',
    'meeting',
    'speaker',
    'side',
    'side_order',
    'turns',
    'words',
    'share_words',
  ]);
}
