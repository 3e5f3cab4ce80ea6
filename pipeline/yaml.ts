import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './errors.js';

/**
 * Parses YAML text, throwing a ConfigError that names the file, the line and
 * what the parser expected. `file` is the name shown to the user.
 */
export function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    const what = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(file, line, `malformed YAML: ${what}`);
  }
  return doc.toJS();
}

/**
 * Parses YAML and also returns a function giving the 1-based line of a path of
 * keys (for messages about values that parse but are invalid).
 */
export function parseYamlWithLines(
  text: string,
  file: string,
): { value: unknown; lineOf: (path: Array<string | number>) => number | undefined } {
  const value = parseYaml(text, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const lineOf = (path: Array<string | number>): number | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { value, lineOf };
}
