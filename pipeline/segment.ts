import { monthDateLine, parseDate } from './describe.js';
import { analysisForm } from './normalize.js';
import {
  createLabelDetector,
  FIRST_SECOND,
  HEADER_WORDS,
  type Paragraph,
  SPEECH_VERBS,
  splitParagraphs,
  zoneParagraphs,
} from './paragraphs.js';
import { unanalysedRecords } from './records.js';
import { nameLabels } from './speaker-names.js';
import type {
  DescribedDocument,
  Diagnostic,
  Registry,
  Segment,
  SegmentKind,
  Transcript,
  Turn,
} from './types.js';
import { countWords } from './words.js';

/** Inline parentheses that are stage directions, not the speaker's words. */
const STAGE_WORDS =
  /^(laughter|laughs|applause|smiles|pause|silence|inaudible|interruption|general laughter)[.!]?$/i;
const STAGE_REPORTED =
  /[“"][^”"]*[”"],?\s+(answered|answers|said|says|replied|replies|asked|exclaimed|responded|added|shouted)\b/i;
const STAGE_NARRATION = /^(this was the end|the conversation|the meeting|end of the)/i;
const FOOTNOTE = /^\[\d+\]/;
/** Unregistered labels warned about one by one, per document. */
const MAX_LABEL_WARNINGS = 20;

/** Words in -ing that are prepositions, not participles ("according to", "during"). */
const ING_PREPOSITIONS = new Set([
  'according',
  'regarding',
  'concerning',
  'including',
  'excluding',
  'following',
  'considering',
  'during',
  'notwithstanding',
  'nothing',
  'something',
  'everything',
  'anything',
]);
/** Finite verbs with no -s or -ed ending: auxiliaries and common irregular past forms. */
const FINITE = new Set([
  'is',
  'was',
  'are',
  'were',
  'has',
  'had',
  'does',
  'did',
  'will',
  'would',
  'can',
  'could',
  'took',
  'gave',
  'went',
  'came',
  'spoke',
  'said',
  'made',
  'shook',
  'rose',
  'stood',
  'sat',
  'left',
  'read',
  'brought',
  'told',
  'laugh',
  'laughed',
]);
const PRONOUN_SUBJECT = new Set(['he', 'she', 'they', 'it', 'both', 'all', 'everyone']);

/**
 * Whether a parenthesis inside a turn narrates an action (a stage direction)
 * rather than carrying the speaker's words, by its grammar: it has no first
 * or second person, and it opens with a participle ("Speaking to Comrade
 * Ramiz Alia", "Referring to Mr. Kennedy.") or with a third-person subject
 * and a finite verb ("Comrade Zhou Enlai presents a copy …", "He was
 * referring to …", "The President arrived").
 */
export function narratesAction(content: string): boolean {
  const words = content
    .replace(/[.,;:!?“”"]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return false;
  if (words.some((w) => FIRST_SECOND.has(w.toLowerCase()))) return false;
  const first = words[0]!;
  const lower = first.toLowerCase();
  if (/^\p{L}+ing$/u.test(first) && !ING_PREPOSITIONS.has(lower)) return words.length >= 2;
  // A subject: a pronoun, or capitalised words (a name, "The Premier", "Chinese").
  let i = 0;
  if (PRONOUN_SUBJECT.has(lower)) i = 1;
  else {
    if (/^the$/i.test(first)) i = 1;
    while (i < words.length && i < 6 && /^\p{Lu}/u.test(words[i]!)) i++;
    if (i === 0 || (i === 1 && /^the$/i.test(first))) return false;
  }
  const verb = words[i];
  if (verb === undefined || !/^\p{Ll}/u.test(verb)) return false;
  return FINITE.has(verb) || (/^\p{Ll}{2,}(?:s|ed)$/u.test(verb) && !/(?:ss|ous|us)$/u.test(verb));
}

/** Words after "They" that are not a lexical verb in the present tense. */
const NOT_PRESENT_VERB = new Set([
  'are',
  'were',
  'was',
  'have',
  'had',
  'do',
  'did',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'must',
  'should',
  'shall',
  'also',
  'all',
  'both',
  'still',
  'only',
  'even',
  'never',
  'always',
  'just',
  'too',
]);

/**
 * Whether an unlabelled paragraph inside a turn is the note-taker's present-
 * tense narration of the participants ("They switch to international
 * questions.", "They concur that Cdes. Khrushchev, Mao Zedong … will take
 * part."): one sentence, opening with "They" and a lexical verb in the
 * present (no auxiliary, modal or adverb), with no first or second person.
 * A speaker's own paragraph about others ("They make great efforts … They
 * also won …") runs to more than one sentence.
 */
export function narratesParticipants(text: string): boolean {
  const m = /^They (\p{Ll}+) /u.exec(text);
  if (!m || NOT_PRESENT_VERB.has(m[1]!) || /(?:ed|ing)$/.test(m[1]!)) return false;
  if (!oneSentence(text)) return false;
  const words = text.split(/[^\p{L}]+/u).map((w) => w.toLowerCase());
  return !words.some((w) => FIRST_SECOND.has(w));
}

/** One sentence closed by a full stop: no end mark followed by a capital, unless it closes an abbreviation ("Cdes.", "Mr.", "N.S."). */
function oneSentence(text: string): boolean {
  return (
    /[.]$/.test(text) && !/(?<!\b(?:\p{Lu}\p{Ll}{0,3}|\p{Lu}\.\p{Lu}))[.!?]\s+\p{Lu}/u.test(text)
  );
}

/** Common irregular verbs in the simple past (lexical verbs; no auxiliaries). */
const IRREGULAR_PAST = new Set(
  'paid said made took gave went came spoke shook rose stood sat left read brought told began held met saw sent kept found thought knew wrote drew put set led heard felt understood bought won lost got became ran drove chose fell flew forgot grew hid laid meant rode rang sang sold shot shut slept spent struck swore taught threw wore withdrew'.split(
    ' ',
  ),
);
/** Lower-case words that may follow a subject without being its verb. */
const NOT_A_VERB = new Set(
  'of in on at to for from with by about and or but who whom whose which that than as into onto upon over under between among during'.split(
    ' ',
  ),
);
const FIRST_SINGULAR: ReadonlySet<string> = new Set(['i', 'me', 'my', 'mine']);

/**
 * Whether an unlabelled paragraph inside a turn is the note-taker narrating
 * the meeting: one sentence whose subject is people at the meeting in the
 * third person, and no first or second person — except the note-taker's own
 * "I" / "my" when the record's narrative before the first turn speaks in
 * the first person singular (`noteTakerIsI`). The subject is either a role
 * in the plural followed by names, with any verb after them ("The
 * interpreters Yang Ming Fu and Li Yue Zhen translate orally …"), or "The"
 * and one capitalised word for a people, with a verb in the simple past
 * ("The Chinese paid greatest attention …"). "The Soviet Union took …" (a
 * name of several words) and "The Americans want …" (present tense) stay
 * speech.
 */
export function narratesMeeting(text: string, noteTakerIsI: boolean): boolean {
  const m = /^The (\p{Ll}+s|\p{Lu}\p{Ll}+)((?: (?:\p{Lu}[\p{L}’'.-]*|and))*) (\p{Ll}+)[ ,.]/u.exec(
    text,
  );
  if (!m || !oneSentence(text)) return false;
  const [, head, names, verb] = m as unknown as [string, string, string, string];
  if (NOT_A_VERB.has(verb)) return false;
  if (/^\p{Lu}/u.test(head)) {
    if (names !== '') return false;
    if (!IRREGULAR_PAST.has(verb) && !/^\p{Ll}{2,}ed$/u.test(verb)) return false;
  } else if (names.trim() === '' || /^and$|\band$/.test(names.trim())) return false;
  const words = text.split(/[^\p{L}]+/u).map((w) => w.toLowerCase());
  return !words.some((w) => FIRST_SECOND.has(w) && !(noteTakerIsI && FIRST_SINGULAR.has(w)));
}

/**
 * segment: DescribedDocument → Transcript. Every character of the normalised
 * text ends up in exactly one segment (lossless; tests check it).
 *
 * Each paragraph is segmented by the first of PARAGRAPH_RULES that
 * recognises it (below, in order); the text between paragraphs is a break.
 * Inside speech and narrative, `spans` sets apart [square brackets]
 * (editorial), footnote marks (editorial), parentheses that STAGE_RULES
 * recognise ("(Laughter)", "(“Yes,” answered …)": stage directions) and the
 * note-taker's attributions ("…, Brezhnev said, …": narrative); other
 * parentheses stay speech.
 */
export function segment(doc: DescribedDocument, registry: Registry): Transcript {
  const run = startRun(doc, registry);
  let prevEnd = 0;
  for (let i = 0; i < run.paragraphs.length; i++) {
    const p = run.paragraphs[i]!;
    run.push('break', prevEnd, p.start, undefined, 'break');
    prevEnd = p.end;
    const at = placeOf(run, p, i);
    for (const rule of PARAGRAPH_RULES) if (rule(run, p, at)) break;
  }
  closeTurn(run);
  run.push('break', prevEnd, run.text.length, undefined, 'break');
  return finishRun(run);
}

/** The turn being read: its record so far, and the speech of its paragraphs. */
interface OpenTurn {
  turn: Turn;
  speech: string[];
  paragraphs: number;
  reported: boolean;
  firstSegment: number;
}

/** What segment() knows of one document, and what it has built so far, while it reads the paragraphs in order. */
interface SegmentRun {
  doc: DescribedDocument;
  /** The document's path in diagnostics ("raw/…"). */
  file: string;
  text: string;
  paragraphs: Paragraph[];
  zones: ReturnType<typeof zoneParagraphs>;
  names: ReturnType<typeof nameLabels>;
  /** Start offsets of the text's lines (for each segment's line). */
  lines: number[];
  /** The note-taker writes as "I" (see `noteTakerWritesI`). */
  noteTakerIsI: boolean;
  diagnostics: Diagnostic[];
  segments: Segment[];
  turns: Turn[];
  /** Speakers in order of their first turn. */
  speakerOrder: string[];
  speakerSet: Set<string>;
  /** Unregistered labels already warned about (or counted in `unwarned`). */
  warnedLabels: Set<string>;
  /** Unregistered labels beyond MAX_LABEL_WARNINGS: how many, and the line of the first. */
  unwarned: { count: number; line: number | undefined } | undefined;
  current: OpenTurn | undefined;
  /** Parentheses still open from an earlier paragraph that opened with "(". */
  parenDepth: number;
  /** The previous front-matter paragraph was an archive heading ("Source:"). */
  afterHeading: boolean;
  /** Adds a segment (none if empty); inside a turn, speech, label, stage and editorial segments carry the turn and speaker. */
  push: Push;
  /** Lists a parenthesis kept as speech. */
  keptParen: (paren: string, p: Paragraph) => void;
}

/** Where a paragraph stands in the document. */
interface Place {
  index: number;
  /** Before the first speaker label (the whole document before the trailer when there is none). */
  inFront: boolean;
  /** From the first trailer marker or bare signature on. */
  inTrailer: boolean;
  /** Wholly in parentheses, opening with "(" and closing at its end or in a later paragraph. */
  inParen: boolean;
}

/** A rule for a paragraph: segments it and returns true if it recognises it, else leaves it to the next rule. */
type ParagraphRule = (run: SegmentRun, p: Paragraph, at: Place) => boolean;

/** The paragraph rules, in the order segment() tries them. */
const PARAGRAPH_RULES: readonly ParagraphRule[] = [
  footnoteParagraph,
  trailerParagraph,
  frontMatterParagraph,
  labelledParagraph,
  parenthesisParagraph,
  noteTakerNarration,
  unlabelledParagraph,
];

/** A footnote paragraph ("[1] Translator's note…") after the front matter: editorial, wherever it stands. */
function footnoteParagraph(run: SegmentRun, p: Paragraph, at: Place): boolean {
  if (!FOOTNOTE.test(p.text) || at.inFront) return false;
  run.push('editorial', p.start, p.end, p, 'editorial/footnote');
  return true;
}

/** From the first trailer marker or bare signature on, everything is trailer: it ends the turn. */
function trailerParagraph(run: SegmentRun, p: Paragraph, at: Place): boolean {
  if (!at.inTrailer) return false;
  closeTurn(run);
  const rule = at.index === run.zones.trailer ? 'trailer/start' : 'trailer/after-start';
  run.push('trailer', p.start, p.end, p, rule);
  return true;
}

/**
 * Before the first speaker label: a header paragraph (date line, title,
 * archive headings and their values, citation, URL, funding line, all-caps
 * titles, the archive summary; see `headerRule`), else narrative.
 */
function frontMatterParagraph(run: SegmentRun, p: Paragraph, at: Place): boolean {
  if (!at.inFront) return false;
  const rule = headerRule(p, run.doc, run.afterHeading);
  run.afterHeading =
    HEADER_WORDS.includes(p.text.toLowerCase().replace(/:$/, '')) && p.text.endsWith(':');
  if (rule) run.push('header', p.start, p.end, p, rule);
  else if (at.inParen) run.push('narrative', p.start, p.end, p, 'narrative/parenthetical');
  else spans(p, p.start, 'narrative', run.push);
  return true;
}

/** A paragraph that opens with a speaker label ("Name: …") ends the turn before and opens a turn: a label segment, then its speech. */
function labelledParagraph(run: SegmentRun, p: Paragraph, at: Place): boolean {
  const label = run.zones.labels[at.index];
  if (!label) return false;
  closeTurn(run);
  const known = label.speaker ? [label.speaker] : run.names.registered.get(at.index);
  const who = known ? registeredSpeakers(known) : unregisteredSpeakers(run, p, at.index, label);
  for (const person of who.people)
    if (!run.speakerSet.has(person)) {
      run.speakerSet.add(person);
      run.speakerOrder.push(person);
    }
  const current: OpenTurn = {
    turn: {
      docId: run.doc.docId,
      turn: run.turns.length + 1,
      speaker: who.name,
      speakers: who.people,
      side: who.side,
      label: label.label,
      start: p.start,
      end: p.end,
      text: '',
      words: 0,
      paragraphs: 0,
    },
    speech: [],
    paragraphs: 1,
    reported: label.reported === true,
    firstSegment: run.segments.length,
  };
  run.current = current;
  if (who.people.length > 1) current.turn.sides = who.sides;
  run.push(
    label.restored ? 'editorial' : 'label',
    p.start,
    p.start + label.length,
    p,
    labelRule(label, known?.[0] !== undefined),
  );
  const from = run.segments.length;
  current.speech.push(
    spans(p, p.start + label.length, 'speech', run.push, run.keptParen, current.turn.speaker),
  );
  if (label.introduced)
    for (const seg of run.segments.slice(from))
      if (seg.kind === 'speech') seg.rule = 'speech/introduced-by-narrative';
  return true;
}

/** A paragraph wholly in parentheses (perhaps across paragraphs) after the front matter: a stage direction. */
function parenthesisParagraph(run: SegmentRun, p: Paragraph, at: Place): boolean {
  if (!at.inParen) return false;
  run.push('stage', p.start, p.end, p, 'stage/paragraph');
  return true;
}

/**
 * Inside a turn, the note-taker narrating what the participants do ("They
 * switch to international questions.", "The interpreters … translate …"):
 * narrative, not the speaker's words.
 */
function noteTakerNarration(run: SegmentRun, p: Paragraph): boolean {
  if (!run.current) return false;
  if (!narratesParticipants(p.text) && !narratesMeeting(p.text, run.noteTakerIsI)) return false;
  spans(p, p.start, 'narrative', run.push);
  return true;
}

/** Any other paragraph continues the current turn's speech; before the first turn (none yet) it is narrative. */
function unlabelledParagraph(run: SegmentRun, p: Paragraph): boolean {
  const current = run.current;
  if (current) {
    current.turn.end = p.end;
    current.paragraphs++;
    current.speech.push(spans(p, p.start, 'speech', run.push, run.keptParen, current.turn.speaker));
  } else {
    spans(p, p.start, 'narrative', run.push);
  }
  return true;
}

/** The speaker of a turn, one person or several (a joint turn). */
interface TurnSpeakers {
  name: string;
  side: string;
  people: string[];
  sides: string[];
}

/** The turn's speakers when the registry knows them. */
function registeredSpeakers(known: ReadonlyArray<{ name: string; side: string }>): TurnSpeakers {
  const people = known.map((s) => s.name);
  return {
    name: people.join(' and '),
    side: [...new Set(known.map((s) => s.side))].join(' and '),
    people,
    sides: known.map((s) => s.side),
  };
}

/**
 * The turn's speakers when the registry does not know them: named from the
 * label, side Unknown, with a warning the first time the label is seen (one
 * by one for the first MAX_LABEL_WARNINGS labels; the rest are summed up at
 * the end, so that 50,000 invented labels do not mean 50,000 warnings).
 */
function unregisteredSpeakers(
  run: SegmentRun,
  p: Paragraph,
  index: number,
  label: { label: string },
): TurnSpeakers {
  const people = run.names.unregistered.get(index) ?? [];
  const name = people.join(' and ');
  if (!run.warnedLabels.has(name)) {
    run.warnedLabels.add(name);
    if (run.warnedLabels.size > MAX_LABEL_WARNINGS) {
      run.unwarned ??= { count: 0, line: rawLine(run.doc.original, p.text) };
      run.unwarned.count++;
    } else
      run.diagnostics.push({
        file: run.file,
        line: rawLine(run.doc.original, p.text),
        rule: 'segment/unregistered-speaker',
        severity: 'warning',
        message: `speaker label "${label.label}" is not in speakers.yaml; counted as ${people.length > 1 ? `a joint turn of ${people.map((n) => `"${n}"`).join(', ')}` : `a new speaker "${name}"`} (side Unknown). Entries to paste are in reports/speakers.suggested.yaml`,
      });
  }
  return { name, side: 'Unknown', people, sides: people.map(() => 'Unknown') };
}

/** The rule id of a label segment: restored by the reader, introducing reported speech, or naming a registered or an unregistered speaker. */
function labelRule(label: { restored?: boolean; reported?: boolean }, registered: boolean): string {
  if (label.restored) return 'editorial/restored-label';
  if (label.reported) return 'label/reported-speech';
  return registered ? 'label/registered' : 'label/unregistered';
}

/** Splits the document into paragraphs and zones, names the labels' speakers, and lists each link across records. */
function startRun(doc: DescribedDocument, registry: Registry): SegmentRun {
  const file = `raw/${doc.sourceFile}`;
  const text = doc.text;
  const paragraphs = splitParagraphs(text);
  const zones = zoneParagraphs(paragraphs, createLabelDetector(registry));
  const names = nameLabels(zones.labels, text, registry, doc.corpusLinks);
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  // Each link across records is listed, so that it can be checked.
  for (const [word, link] of [...names.linked].sort(([a], [b]) => (a < b ? -1 : 1)))
    diagnostics.push({
      file,
      rule: 'segment/speaker-linked-across-records',
      severity: 'info',
      message: word.includes(' ')
        ? `speaker "${word}" is counted as "${link.name}", the same name as written in ${link.seenIn.map((f) => `raw/${f}`).join(', ')}`
        : `speaker "${word}" (no fuller name in this record) is counted as "${link.name}", the one fuller name with that word among the unregistered speakers of ${link.seenIn.map((f) => `raw/${f}`).join(', ')}; if they are two people, register them in speakers.yaml`,
    });
  const run: SegmentRun = {
    doc,
    file,
    text,
    paragraphs,
    zones,
    names,
    lines: lineStarts(text),
    noteTakerIsI: noteTakerWritesI(paragraphs, zones.firstTurn, doc),
    diagnostics,
    segments: [],
    turns: [],
    speakerOrder: [],
    speakerSet: new Set(),
    warnedLabels: new Set(),
    unwarned: undefined,
    current: undefined,
    parenDepth: 0,
    afterHeading: false,
    push: (kind, start, end, p, rule) => pushSegment(run, kind, start, end, p, rule),
    // Parentheses left in speech are listed so that a reader can audit them.
    keptParen: (paren, p) =>
      run.diagnostics.push({
        file,
        line: rawLine(doc.original, paren) ?? rawLine(doc.original, p.text),
        rule: 'segment/parenthesis-speech',
        severity: 'info',
        message: `parenthesis ${JSON.stringify(paren.length > 80 ? `${paren.slice(0, 77)}…` : paren)} in a turn of ${run.current?.turn.speaker ?? '?'} is counted as speech (it does not narrate an action in the third person)`,
      }),
  };
  return run;
}

/**
 * Whether the note-taker writes as "I": the narrative before the first turn
 * (its paragraphs that are not header) does ("Today, together with cde.
 * Suslov, I paid a visit to …").
 */
function noteTakerWritesI(
  paragraphs: readonly Paragraph[],
  firstTurn: number,
  doc: DescribedDocument,
): boolean {
  return paragraphs
    .slice(0, firstTurn < 0 ? 0 : firstTurn)
    .some((p) => !headerRule(p, doc, false) && /(?<![\p{L}])(?:I|my)(?![\p{L}])/u.test(p.text));
}

/** Where paragraph `i` stands; follows a parenthesis opened in an earlier paragraph to where it closes. */
function placeOf(run: SegmentRun, p: Paragraph, i: number): Place {
  const { zones } = run;
  let inParen = false;
  if (run.parenDepth > 0) {
    inParen = true;
    run.parenDepth = Math.max(0, run.parenDepth + parenBalance(p.text));
  } else if (p.text.startsWith('(')) {
    const balance = parenBalance(p.text);
    if (balance > 0) {
      inParen = true;
      run.parenDepth = balance;
    } else inParen = isWholeParen(p.text);
  }
  return {
    index: i,
    inFront: zones.firstTurn < 0 ? i < zones.trailer : i < zones.firstTurn,
    inTrailer: i >= zones.trailer,
    inParen,
  };
}

function pushSegment(
  run: SegmentRun,
  kind: SegmentKind,
  start: number,
  end: number,
  p: Paragraph | undefined,
  rule: string,
): void {
  if (end <= start) return;
  const seg: Segment = {
    kind,
    start,
    end,
    line: lineOf(run.lines, start),
    paragraph: p ? p.index : 0,
    rule,
  };
  const current = run.current;
  if (
    current &&
    kind !== 'break' &&
    kind !== 'header' &&
    kind !== 'narrative' &&
    kind !== 'trailer'
  ) {
    seg.turn = current.turn.turn;
    seg.speaker = current.turn.speaker;
  }
  run.segments.push(seg);
}

/**
 * Ends the current turn: its text (speech collapsed, paragraphs joined), its
 * words, and its mode; in a reported turn, the quotations of the speaker's
 * own words (see `markQuotations`).
 */
function closeTurn(run: SegmentRun): void {
  const current = run.current;
  if (!current) return;
  const body = current.speech
    .map(collapse)
    .filter((s) => s !== '')
    .join('\n\n');
  current.turn.text = body;
  current.turn.words = countWords(analysisForm(body));
  current.turn.paragraphs = current.paragraphs;
  current.turn.mode = current.reported || reportedOpening(body) ? 'reported' : 'direct';
  if (current.turn.mode === 'reported') {
    const quoted = markQuotations(run.segments, current.firstSegment, run.text, (o) =>
      lineOf(run.lines, o),
    );
    if (quoted.length > 0) {
      current.turn.quoted = quoted.map(collapse).join('\n\n');
      current.turn.quotedWords = countWords(analysisForm(current.turn.quoted));
    }
  }
  run.turns.push(current.turn);
  run.current = undefined;
}

/** The document's closing diagnostics (labels not warned one by one, no labels at all, records left unanalysed) and its transcript. */
function finishRun(run: SegmentRun): Transcript {
  const { diagnostics, file, turns, zones } = run;
  if (run.unwarned) {
    diagnostics.push({
      file,
      line: run.unwarned.line,
      rule: 'segment/unregistered-speaker',
      severity: 'warning',
      message: `${run.unwarned.count} more speaker labels not in speakers.yaml (from this line on), each counted as a new speaker (side Unknown); only the first ${MAX_LABEL_WARNINGS} are warned about one by one`,
    });
  }
  if (zones.firstTurn < 0) {
    diagnostics.push({
      file,
      rule: 'segment/no-speaker-labels',
      severity: 'warning',
      message:
        'no speaker labels ("Name: …") found; the document has no turns and adds no words to any speaker',
    });
  }
  const appended = unanalysedRecords(run.paragraphs, zones, run.text, run.doc.original, file);
  if (appended) diagnostics.push(appended);
  const modes = new Set(turns.map((u) => u.mode));
  const record =
    turns.length === 0
      ? ''
      : modes.size > 1
        ? 'mixed'
        : modes.has('reported')
          ? 'summary'
          : 'verbatim';
  return {
    ...run.doc,
    segments: run.segments,
    turns,
    speakers: run.speakerOrder,
    record,
    diagnostics,
  };
}

/**
 * Whether the span [start, end) of `body` stands between sentences: at the
 * start, or after a sentence's end mark (perhaps closing a quotation), and
 * followed by the end or a new sentence.
 */
function betweenSentences(body: string, start: number, end: number): boolean {
  const before = body.slice(0, start).trimEnd();
  const after = body.slice(end).trimStart();
  return (
    (before === '' || /[.!?][”"’]?$/u.test(before)) && (after === '' || /^[\p{Lu}“"‘]/u.test(after))
  );
}

/**
 * A parenthesis with no verb and no first or second person, opening with a
 * capitalised word ("(Back to the press release)"): standing between the
 * speaker's sentences it is the note-taker's aside, not speech. A word
 * that may be a finite verb (in -s or -ed, an auxiliary, a common irregular
 * past) keeps it speech.
 */
export function verblessAside(content: string): boolean {
  const words = content.split(/[^\p{L}’'-]+/u).filter((w) => w !== '');
  if (words.length === 0 || !/^\p{Lu}\p{Ll}/u.test(words[0]!)) return false;
  return !words.some((w) => {
    const lower = w.toLowerCase();
    return (
      FIRST_SECOND.has(lower) ||
      FINITE.has(lower) ||
      IRREGULAR_PAST.has(lower) ||
      (/^\p{Ll}{2,}(?:s|ed)$/u.test(lower) && !/(?:ss|ous|us|is)$/u.test(lower))
    );
  });
}

/** A quotation: “…” or "…" within a line. */
const QUOTATION = /“[^“”\n]+”|"[^"\n]+"/gu;

/**
 * Quotations inside a reported turn are the speaker's own words: each
 * quotation of three words or more in the turn (from segment `from` on; it
 * may hold editorial brackets) makes the speech inside it segments of their
 * own with mode "direct" (rule speech/quotation-in-report). A shorter one
 * ("so-called “peaceful”") is a quoted term and stays reported. Returns the
 * speech of each quotation.
 */
function markQuotations(
  segments: Segment[],
  from: number,
  text: string,
  lineAt: (offset: number) => number,
): string[] {
  const tail = segments.slice(from);
  if (tail.length === 0) return [];
  const start = tail[0]!.start;
  const ranges: Array<[number, number]> = [];
  for (const m of text.slice(start, tail[tail.length - 1]!.end).matchAll(QUOTATION))
    if (countWords(m[0].replace(/\[[^\]]*\]/g, ' ')) >= 3)
      ranges.push([start + m.index, start + m.index + m[0].length]);
  if (ranges.length === 0) return [];
  const quoted = ranges.map(() => [] as string[]);
  const out: Segment[] = [];
  for (const seg of tail) {
    if (seg.kind !== 'speech') {
      out.push(seg);
      continue;
    }
    let at = seg.start;
    ranges.forEach(([a, b], r) => {
      if (b <= at || a >= seg.end) return;
      const s = Math.max(a, at);
      const e = Math.min(b, seg.end);
      if (s > at) out.push({ ...seg, start: at, end: s, line: lineAt(at) });
      out.push({
        ...seg,
        start: s,
        end: e,
        line: lineAt(s),
        rule: 'speech/quotation-in-report',
        mode: 'direct',
      });
      quoted[r]!.push(text.slice(s, e));
      at = e;
    });
    if (at < seg.end) out.push({ ...seg, start: at, end: seg.end, line: lineAt(at) });
  }
  segments.splice(from, tail.length, ...out);
  return quoted.map((q) => q.join(' ')).filter((q) => q !== '');
}

/** What follows a subjectless verb of saying in a report ("Greets the …", "Asks whether …"). */
const REPORTED_OBJECT =
  /^(?:the|a|an|that|whether|if|how|when|what|why|who|about|his|her|their|them|him|it|this|these)$/;

/**
 * Whether a labelled turn's speech is the note-taker's report: it opens with
 * a verb of saying and no subject ("Greets the delegation and asks when it
 * has arrived"), or with a third-person pronoun and such a verb ("He said
 * that …").
 */
export function reportedOpening(speech: string): boolean {
  const w = speech.split(/\s+/, 3);
  const first = w[0] ?? '';
  if (/^\p{Lu}\p{Ll}+$/u.test(first) && SPEECH_VERBS.has(first.toLowerCase()))
    return REPORTED_OBJECT.test(w[1] ?? '');
  return /^(?:He|She|They)$/.test(first) && SPEECH_VERBS.has(w[1] ?? '');
}

type Push = (
  kind: SegmentKind,
  start: number,
  end: number,
  p: Paragraph | undefined,
  rule: string,
) => void;

/**
 * Splits [from, p.end) into `kind` spans and editorial/stage spans; returns
 * the text of the `kind` spans (what the speaker said) joined.
 */
function spans(
  p: Paragraph,
  from: number,
  kind: 'speech' | 'narrative',
  push: Push,
  kept?: (parenthesis: string, p: Paragraph) => void,
  speaker?: string,
): string {
  const body = p.text.slice(from - p.start);
  let at = 0;
  let said = '';
  const marks = footnoteMarks(body);
  const credits = kind === 'speech' && speaker ? attributions(body, speaker) : [];
  const found = [...innerSpans(body), ...marks, ...credits].sort((a, b) => a.index - b.index);
  for (const m of found) {
    if (m.index < at) continue;
    if (credits.includes(m)) {
      push(kind, from + at, from + m.index, p, `${kind}/text`);
      said += `${body.slice(at, m.index)} `;
      push('narrative', from + m.index, from + m.end, p, 'narrative/attribution');
      at = m.end;
      continue;
    }
    const isMark = marks.includes(m);
    const isBracket = isMark || body[m.index] === '[';
    const stage =
      !isBracket &&
      isStageDirection(
        { content: body.slice(m.index + 1, m.end - 1).trim(), body, index: m.index, end: m.end },
        kind,
      );
    if (!isBracket && !stage) {
      if (kind === 'speech') kept?.(body.slice(m.index, m.end), p);
      // The speaker's own parenthesis: brackets inside it are still found.
      continue;
    }
    push(kind, from + at, from + m.index, p, `${kind}/text`);
    said += `${body.slice(at, m.index)} `;
    push(
      isBracket ? 'editorial' : 'stage',
      from + m.index,
      from + m.end,
      p,
      isMark ? 'editorial/footnote-mark' : isBracket ? 'editorial/bracket' : 'stage/inline',
    );
    at = m.end;
  }
  push(kind, from + at, p.end, p, `${kind}/text`);
  said += body.slice(at);
  return said;
}

/** A parenthesis in a paragraph: its content (inside the marks, trimmed) and where it stands in the paragraph's body. */
interface Parenthesis {
  content: string;
  body: string;
  index: number;
  end: number;
}

/**
 * The rules that make a parenthesis inside narrative or speech a stage
 * direction, tried in order (`speechOnly`: only inside a turn). A
 * parenthesis that no rule recognises is the speaker's own and stays speech.
 */
const STAGE_RULES: ReadonlyArray<{ speechOnly: boolean; test: (p: Parenthesis) => boolean }> = [
  // A bare stage word: "(Laughter)", "(Applause.)", "(Pause)".
  { speechOnly: false, test: (p) => STAGE_WORDS.test(p.content) },
  // A reply reported in quotation marks: "(“Yes,” answered Comrade Enver.)".
  { speechOnly: false, test: (p) => STAGE_REPORTED.test(p.content) },
  // The note-taker on the meeting or its end: "(This was the end of the conversation)".
  { speechOnly: false, test: (p) => STAGE_NARRATION.test(p.content) },
  // An action in the third person: "(Speaking to Comrade Ramiz Alia)", "(He was referring to …)".
  { speechOnly: true, test: (p) => narratesAction(p.content) },
  // A verbless aside standing between sentences: "(Back to the press release)".
  {
    speechOnly: true,
    test: (p) => betweenSentences(p.body, p.index, p.end) && verblessAside(p.content),
  },
];

/** Whether a parenthesis in a `kind` span is a stage direction: whether one of STAGE_RULES recognises it. */
function isStageDirection(p: Parenthesis, kind: 'speech' | 'narrative'): boolean {
  return STAGE_RULES.some((r) => (!r.speechOnly || kind === 'speech') && r.test(p));
}

/** Verbs of saying in the past that the note-taker inserts in a speaker's sentence. */
const ATTRIBUTION =
  /(?<=, )((?:\p{Lu}[\p{L}.’'-]*)(?: \p{Lu}[\p{L}.’'-]*){0,3}|[Hh]e \[([^\]\n]{1,60})\]|[Ss]he \[([^\]\n]{1,60})\]) (?:said|added|continued|stressed|noted|remarked|emphasized|emphasised|declared|stated),(?= )/gu;

/**
 * The note-taker's attribution inserted in a speaker's sentence between
 * commas ("Allow me, L.I. Brezhnev said, two words on …", "I think, he
 * [Brezhnev] said, that …"): the clause after the comma up to and with its
 * closing comma. Only when it names the turn's own speaker (a word of the
 * name, or a pronoun with the name in brackets): "Tito, Khrushchev said,
 * …" in another speaker's turn is that speaker quoting.
 */
export function attributions(body: string, speaker: string): Array<{ index: number; end: number }> {
  const own = new Set(speaker.toLowerCase().split(/[\s-]+/));
  const out: Array<{ index: number; end: number }> = [];
  for (const m of body.matchAll(ATTRIBUTION)) {
    const named = (m[2] ?? m[3] ?? m[1]!).split(/\s+/).pop()!.toLowerCase();
    if (own.has(named)) out.push({ index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * A footnote reference printed as digits stuck to the end of a sentence or
 * clause ("the communiqué.2 We", "[Hands over the draft.]3"): one or two
 * digits right after punctuation that closes a word, a bracket or a quotation,
 * followed by a space or the end. The punctuation must follow a letter or a
 * closing mark, so decimals and numbered items ("1.2", "3.5") are not marks.
 */
const FOOTNOTE_MARK = /(?:(?<=\p{L}[.,;:!?])|(?<=[\]”)]))\d{1,2}(?=\s|$)/gu;

/** The footnote reference marks of `body` (editorial, not the speaker's words). */
export function footnoteMarks(body: string): Array<{ index: number; end: number }> {
  return [...body.matchAll(FOOTNOTE_MARK)].map((m) => ({
    index: m.index,
    end: m.index + m[0].length,
  }));
}

/**
 * The "[…]" and "(…)" spans of `body`, in order of start: what the regex
 * /\[[^\]\n]*\]|\([^()\n]*\)/g finds when, after each parenthesis, it
 * goes on from just inside it. The regex itself, retried at every "[" of a
 * line that has no "]", is quadratic ("[a [a [a …"); one pass is not: a "["
 * closes at the first "]" unless a newline comes first, a "(" at the first
 * ")" unless a "(" or newline comes first.
 */
export function innerSpans(body: string): Array<{ index: number; end: number }> {
  const found: Array<{ index: number; end: number }> = [];
  let brackets: number[] = [];
  let paren = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x5b) brackets.push(i);
    else if (c === 0x5d) {
      for (const b of brackets) found.push({ index: b, end: i + 1 });
      brackets = [];
    } else if (c === 0x28) paren = i;
    else if (c === 0x29) {
      if (paren >= 0) found.push({ index: paren, end: i + 1 });
      paren = -1;
    } else if (c === 0x0a) {
      brackets = [];
      paren = -1;
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function headerRule(p: Paragraph, doc: DescribedDocument, afterHeading: boolean): string | null {
  const t = p.text;
  const lower = t.toLowerCase();
  if (HEADER_WORDS.includes(lower.replace(/:$/, '')) && t.endsWith(':')) return 'header/heading';
  if (afterHeading) return 'header/heading-value';
  if ((parseDate(t) || monthDateLine(t)) && t.split(' ').length <= 6) return 'header/date-line';
  if (t === doc.metadata.title || (doc.metadata.title !== '' && t.endsWith(doc.metadata.title)))
    return 'header/title';
  if (t === doc.metadata.summary) return 'header/summary';
  if (/^https?:\/\//.test(t)) return 'header/url';
  if (/made possible with support from|wilson center digital archive/i.test(t))
    return 'header/credits';
  if (t === t.toUpperCase() && /\p{Lu}{3}/u.test(t)) return 'header/all-caps-title';
  return null;
}

function parenBalance(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (ch === '(') d++;
    else if (ch === ')') d--;
  }
  return d;
}

/** "(…)" where the opening parenthesis closes only at the very end. */
function isWholeParen(s: string): boolean {
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') d++;
    else if (s[i] === ')') {
      d--;
      if (d === 0 && i < s.length - 1) return false;
    }
  }
  return d === 0;
}

/** A turn's speech with runs of spaces collapsed and no space before closing punctuation or after "(". */
export function collapse(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?)])/g, '$1')
    .replace(/\( /g, '(')
    .trim();
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line containing `offset` (binary search over line starts). */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Best-effort 1-based line in the raw file where a paragraph starts. */
export function rawLine(original: string, paragraph: string): number | undefined {
  const probe = paragraph.slice(0, 24);
  const at = original.indexOf(probe);
  if (at < 0) return undefined;
  let n = 1;
  for (let i = 0; i < at; i++) if (original.charCodeAt(i) === 10) n++;
  return n;
}
