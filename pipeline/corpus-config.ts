import type { MetadataOverride } from './describe.js';
import { isRealDate } from './describe.js';
import { ConfigError } from './errors.js';
import { kind } from './registry.js';
import { parseYamlWithLines } from './yaml.js';

const FIELDS = [
  'date',
  'title',
  'summary',
  'archiveRef',
  'translator',
  'sourceUrl',
  'participants',
] as const;

/**
 * Loads corpus/corpus.yaml: per-file metadata overrides keyed by the file name
 * in raw/.
 *   documents:
 *     1961-02-10_hoxha-pak-geum-cheol.txt:
 *       title: …
 *       date: 1961-02-10
 * Unknown fields, non-ISO dates and wrong types stop the run with the line.
 */
export function loadCorpusConfig(
  text: string,
  file = 'corpus.yaml',
): Map<string, MetadataOverride> {
  const { value, lineOf } = parseYamlWithLines(text, file);
  const out = new Map<string, MetadataOverride>();
  if (value === null || value === undefined) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      file,
      1,
      `expected a mapping with a "documents" key, found ${kind(value)}`,
    );
  }
  const docs = (value as Record<string, unknown>)['documents'];
  if (docs === undefined || docs === null) return out;
  if (typeof docs !== 'object' || Array.isArray(docs)) {
    throw new ConfigError(
      file,
      lineOf(['documents']),
      `expected "documents" to map file names to fields, found ${kind(docs)}`,
    );
  }
  for (const [name, fields] of Object.entries(docs as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const line = lineOf(['documents', name]);
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw new ConfigError(
        file,
        line,
        `expected the fields of ${name} as a mapping, found ${kind(fields)}`,
      );
    }
    const o: MetadataOverride = {};
    for (const [key, v] of Object.entries(fields as Record<string, unknown>)) {
      const at = lineOf(['documents', name, key]) ?? line;
      if (!(FIELDS as readonly string[]).includes(key)) {
        throw new ConfigError(file, at, `expected one of ${FIELDS.join(', ')}; found "${key}"`);
      }
      if (key === 'participants') {
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
          throw new ConfigError(
            file,
            at,
            `expected "participants" to be a list of names, found ${kind(v)}`,
          );
        }
        o.participants = v;
        continue;
      }
      // YAML reads 1961-02-10 as a date and a bare year (1950) as a number.
      const s =
        v instanceof Date
          ? v.toISOString().slice(0, 10)
          : key === 'date' && typeof v === 'number' && Number.isInteger(v)
            ? String(v)
            : v;
      if (typeof s !== 'string')
        throw new ConfigError(file, at, `expected "${key}" to be text, found ${kind(v)}`);
      if (key === 'date') {
        // A day, or only the month (YYYY-MM) or year (YYYY) when that is all that is known.
        const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
        if (!m || !isRealDate(+m[1]!, m[2] ? +m[2] : 1, m[3] ? +m[3] : 1)) {
          throw new ConfigError(
            file,
            at,
            `expected "date" as YYYY-MM-DD (or YYYY-MM, YYYY when only the month or year is known), found ${JSON.stringify(s)}`,
          );
        }
      }
      (o as Record<string, unknown>)[key] = s;
    }
    out.set(name, o);
  }
  return out;
}

/**
 * The side corpus/corpus.yaml gives new speakers, from its top-level key
 *   defaultSide: Albania
 * (undefined without one). It fills the side of each entry in
 * reports/speakers.suggested.yaml, so that a corpus from one side's archive
 * needs no side typed in per person; the analyses count a speaker under a
 * side only once the entry is in speakers.yaml. Anything but one line of
 * text stops the run with the line.
 */
export function loadDefaultSide(text: string, file = 'corpus.yaml'): string | undefined {
  const { value, lineOf } = parseYamlWithLines(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (!Object.hasOwn(value, 'defaultSide')) return undefined;
  const side = (value as Record<string, unknown>)['defaultSide'];
  const at = lineOf(['defaultSide']);
  if (typeof side !== 'string' || side.trim() === '' || /[\n\r]/.test(side))
    throw new ConfigError(
      file,
      at,
      `expected "defaultSide" to be the name of a side (one line of text, e.g. "Albania"), found ${typeof side === 'string' ? JSON.stringify(side) : kind(side)}`,
    );
  return side.trim();
}
