/**
 * Loader for corpus/sentiment.yaml: the historian's domain adjustments to the
 * sentiment lexicon (`overrides`) and the targets whose mentions are tracked
 * (`targets`). Pure: the caller reads the file and passes its text.
 */
import { isScalar, isMap as isYamlMap, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../../pipeline/errors.js';
import { parseYamlWithLines } from '../../pipeline/yaml.js';

export interface SentimentConfig {
  overrides: Map<string, number>;
  targets: Array<{ key: string; patterns: string[] }>;
}

/** Target keys are lower-case words joined by hyphens ("soviet-union"). */
const TARGET_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the text ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * Line of the KEY at `path` (parseYamlWithLines gives the line of the value,
 * which for a block map or list is the line after the key).
 */
function keyLine(
  parsed: { contents: unknown; lc: LineCounter },
  path: readonly string[],
): number | undefined {
  const lc = parsed.lc;
  let node: unknown = parsed.contents;
  let line: number | undefined;
  for (const key of path) {
    if (!isYamlMap(node)) return line;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) return line;
    const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (offset !== undefined) line = lc.linePos(offset).line;
    node = pair.value;
  }
  return line;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates and returns the configuration. An empty file gives no overrides
 * and no targets. Errors name the file and line: "sentiment.yaml:12:
 * expected a number from -1 to 1 for override "traitors", found the text
 * "bad"".
 *
 * Override keys are lower-cased single words (they are matched against
 * wink's lower-cased normal form and lemma of each token). Target patterns
 * are kept as written; see targetMatcher() in ./analysis.ts for how they
 * match.
 */
export function loadSentimentConfig(text: string, file: string): SentimentConfig {
  const { value, lineOf: valueLine } = parseYamlWithLines(text, file);
  // Lines are looked up only for an error message; the document is parsed for them once.
  let parsed: { contents: unknown; lc: LineCounter } | undefined;
  const lineOf = (path: Array<string | number>): number | undefined => {
    if (!path.every((p) => typeof p === 'string')) return valueLine(path);
    if (!parsed) {
      const lc = new LineCounter();
      parsed = { contents: parseDocument(text, { lineCounter: lc }).contents, lc };
    }
    return keyLine(parsed, path as string[]) ?? valueLine(path);
  };
  const config: SentimentConfig = { overrides: new Map(), targets: [] };
  if (value === null || value === undefined) return config;
  if (!isMap(value)) {
    throw new ConfigError(
      file,
      1,
      `expected a map with "overrides" and "targets", found ${describe(value)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (key !== 'overrides' && key !== 'targets') {
      throw new ConfigError(
        file,
        lineOf([key]),
        `expected "overrides" or "targets", found the key ${JSON.stringify(key)}`,
      );
    }
  }

  const overrides = value['overrides'];
  if (overrides !== undefined && overrides !== null) {
    if (!isMap(overrides)) {
      throw new ConfigError(
        file,
        lineOf(['overrides']),
        `expected "overrides" to be a map of word: score, found ${describe(overrides)}`,
      );
    }
    for (const [word, score] of Object.entries(overrides)) {
      const line = () => lineOf(['overrides', word]);
      const w = word.trim().toLowerCase();
      if (w === '' || /\s/.test(w)) {
        throw new ConfigError(
          file,
          line(),
          `expected a single word as override key, found ${JSON.stringify(word)}`,
        );
      }
      if (typeof score !== 'number' || !Number.isFinite(score) || score < -1 || score > 1) {
        throw new ConfigError(
          file,
          line(),
          `expected a number from -1 to 1 for override ${JSON.stringify(word)}, found ${describe(score)}`,
        );
      }
      if (config.overrides.has(w)) {
        throw new ConfigError(
          file,
          line(),
          `expected each override once, found ${JSON.stringify(w)} again`,
        );
      }
      config.overrides.set(w, score);
    }
  }

  const targets = value['targets'];
  if (targets !== undefined && targets !== null) {
    if (!isMap(targets)) {
      throw new ConfigError(
        file,
        lineOf(['targets']),
        `expected "targets" to be a map of key: [patterns], found ${describe(targets)}`,
      );
    }
    for (const [key, patterns] of Object.entries(targets)) {
      const line = () => lineOf(['targets', key]);
      if (!TARGET_KEY.test(key)) {
        throw new ConfigError(
          file,
          line(),
          `expected a target key of lower-case words joined by hyphens, found ${JSON.stringify(key)}`,
        );
      }
      if (!Array.isArray(patterns) || patterns.length === 0) {
        throw new ConfigError(
          file,
          line(),
          `expected a non-empty list of patterns for target ${JSON.stringify(key)}, found ${describe(patterns)}`,
        );
      }
      const list: string[] = [];
      patterns.forEach((p, i) => {
        if (typeof p !== 'string' || p.trim() === '' || /^\*|\*.+/.test(p.trim())) {
          throw new ConfigError(
            file,
            lineOf(['targets', key, i]) ?? line(),
            `expected a pattern (words, optionally ending in *) for target ${JSON.stringify(key)}, found ${describe(p)}`,
          );
        }
        list.push(p.trim());
      });
      config.targets.push({ key, patterns: list });
    }
    config.targets.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return config;
}
