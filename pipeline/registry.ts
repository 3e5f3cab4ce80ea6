import { ConfigError } from './errors.js';
import { isUnknownSide, type SideColours } from './figures/theme.js';
import type { Registry, Speaker } from './types.js';
import { parseYamlWithLines } from './yaml.js';

/** Honorifics stripped from labels when speakers.yaml does not list its own. */
export const DEFAULT_HONORIFICS = [
  'Comrade',
  'Comrades',
  'Ambassador',
  'Minister',
  'Chairman',
  'President',
  'Premier',
  'Marshal',
  'General',
  'Secretary',
  'Mr.',
  'Mrs.',
  'Dr.',
];

/**
 * Loads corpus/speakers.yaml:
 *   honorifics: [Comrade, Ambassador, …]        # optional
 *   speakers:
 *     - name: Enver Hoxha                       # canonical, no honorific
 *       side: Albania
 *       role: First Secretary of the ALP CC
 *       aliases: [Comrade Enver Hoxha, Enver]
 *   sides:                                       # optional: order and colours
 *     - name: Albania
 *       colour: "#D55E00"                        # optional, quoted
 * The sides' order (figures, legends, the report) is the `sides:` list's,
 * then the other speakers' sides in the order they first appear.
 * Throws ConfigError naming the line and what was expected.
 */
export function loadRegistry(text: string, file = 'speakers.yaml'): Registry {
  const { value, lineOf } = parseYamlWithLines(text, file);
  if (!isRecord(value)) {
    throw new ConfigError(
      file,
      1,
      `expected a mapping with a "speakers" list, found ${kind(value)}`,
    );
  }
  const list = value['speakers'];
  if (!Array.isArray(list)) {
    throw new ConfigError(
      file,
      lineOf(['speakers']) ?? 1,
      `expected "speakers" to be a list, found ${kind(list)}`,
    );
  }
  const honorifics = value['honorifics'] ?? DEFAULT_HONORIFICS;
  if (!Array.isArray(honorifics) || !honorifics.every((h) => typeof h === 'string')) {
    throw new ConfigError(
      file,
      lineOf(['honorifics']),
      'expected "honorifics" to be a list of words',
    );
  }
  const speakers: Speaker[] = [];
  const names = new Map<string, string>();
  list.forEach((entry, i) => {
    const line = lineOf(['speakers', i]);
    if (!isRecord(entry))
      throw new ConfigError(file, line, `expected a speaker mapping, found ${kind(entry)}`);
    const name = entry['name'];
    const side = entry['side'];
    if (typeof name !== 'string' || name.trim() === '') {
      throw new ConfigError(
        file,
        line,
        `expected "name" (a non-empty string), found ${kind(name)}`,
      );
    }
    if (typeof side !== 'string' || side.trim() === '') {
      throw new ConfigError(
        file,
        lineOf(['speakers', i, 'side']) ?? line,
        `expected "side" for ${name}, found ${kind(side)}`,
      );
    }
    const aliases = entry['aliases'] ?? [];
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string')) {
      throw new ConfigError(
        file,
        lineOf(['speakers', i, 'aliases']) ?? line,
        `expected "aliases" of ${name} to be a list of strings`,
      );
    }
    const role = entry['role'] ?? '';
    if (typeof role !== 'string') {
      throw new ConfigError(
        file,
        lineOf(['speakers', i, 'role']) ?? line,
        `expected "role" of ${name} to be a string`,
      );
    }
    for (const form of [name, ...aliases]) {
      const key = nameKey(form, honorifics);
      const other = names.get(key);
      if (other !== undefined && other !== name) {
        throw new ConfigError(
          file,
          line,
          `expected each name or alias once, found "${form}" for both ${other} and ${name}`,
        );
      }
      names.set(key, name);
    }
    speakers.push({
      name: name.trim(),
      side: side.trim(),
      role,
      aliases: aliases.map((a) => a.trim()),
    });
  });
  const listed = loadSides(value['sides'], file, lineOf);
  const declared = [...listed.declared];
  for (const sp of speakers)
    if (!declared.includes(sp.side) && !isUnknownSide(sp.side)) declared.push(sp.side);
  return { speakers, honorifics, sides: { declared, chosen: listed.chosen } };
}

const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;

/**
 * The optional `sides:` list of speakers.yaml: each entry a side's name, or a
 * mapping with `name` and an optional `colour` ("#RRGGBB", quoted: an
 * unquoted # starts a YAML comment). Each side once, each colour once, and
 * not "Unknown" (the unregistered speakers' side, always grey).
 */
function loadSides(
  list: unknown,
  file: string,
  lineOf: (path: Array<string | number>) => number | undefined,
): SideColours & { chosen: Map<string, string> } {
  const declared: string[] = [];
  const chosen = new Map<string, string>();
  if (list === undefined) return { declared, chosen };
  if (!Array.isArray(list))
    throw new ConfigError(
      file,
      lineOf(['sides']) ?? 1,
      `expected "sides" to be a list of sides (a name, or name and colour), found ${kind(list)}`,
    );
  const colourOf = new Map<string, string>();
  list.forEach((entry, i) => {
    const line = lineOf(['sides', i]) ?? lineOf(['sides']);
    const at = (key: string) => lineOf(['sides', i, key]) ?? line;
    const e = typeof entry === 'string' ? { name: entry } : entry;
    if (!isRecord(e))
      throw new ConfigError(
        file,
        line,
        `expected a side: its name, or a mapping with "name" and "colour", found ${kind(entry)}`,
      );
    const other = Object.keys(e).find((k) => k !== 'name' && k !== 'colour');
    if (other !== undefined)
      throw new ConfigError(
        file,
        at(other),
        `expected only "name" and "colour" in a side, found "${other}"${other === 'color' ? ' (spelled "colour" here)' : ''}`,
      );
    const name = e['name'];
    if (typeof name !== 'string' || name.trim() === '')
      throw new ConfigError(
        file,
        at('name'),
        `expected "name" of a side (a non-empty string), found ${kind(name)}`,
      );
    const side = name.trim();
    if (isUnknownSide(side))
      throw new ConfigError(
        file,
        at('name'),
        `expected a side other than "Unknown": it is the side of unregistered speakers, always grey`,
      );
    if (declared.includes(side))
      throw new ConfigError(file, at('name'), `expected each side once, found "${side}" twice`);
    declared.push(side);
    if (!Object.hasOwn(e, 'colour')) return;
    const colour = e['colour'];
    if (typeof colour !== 'string' || !HEX_COLOUR.test(colour.trim()))
      throw new ConfigError(
        file,
        at('colour'),
        `expected "colour" of ${side} as "#RRGGBB" in quotes (an unquoted # starts a comment), found ${kind(colour)}`,
      );
    const hex = colour.trim().toUpperCase();
    const twin = colourOf.get(hex);
    if (twin !== undefined)
      throw new ConfigError(
        file,
        at('colour'),
        `expected each side its own colour, found ${hex} for both ${twin} and ${side}`,
      );
    colourOf.set(hex, side);
    chosen.set(side, hex);
  });
  return { declared, chosen };
}

/** Lookup key of a name: honorifics stripped, case, hyphens and spacing ignored. */
export function nameKey(label: string, honorifics: readonly string[]): string {
  let words = label
    .normalize('NFC')
    .replace(/[‐‑–—-]/g, ' ')
    .replace(/[’']/g, '')
    .trim()
    .split(/\s+/);
  const lowered = new Set(honorifics.map((h) => h.toLowerCase()));
  while (words.length > 1 && lowered.has(words[0]!.toLowerCase())) words = words.slice(1);
  return words.join(' ').toLowerCase();
}

/** Resolves labels to registry speakers. */
export function createResolver(registry: Registry): (label: string) => Speaker | undefined {
  const index = new Map<string, Speaker>();
  for (const s of registry.speakers) {
    for (const form of [s.name, ...s.aliases]) index.set(nameKey(form, registry.honorifics), s);
  }
  return (label) => index.get(nameKey(label, registry.honorifics));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function kind(v: unknown): string {
  if (v === undefined || v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
