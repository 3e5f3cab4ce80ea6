import { LineCounter, parseDocument, visit } from 'yaml';
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
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The parser refuses aliases that expand to too many nodes (an "alias
    // bomb": a few lines that would unfold into millions of values) with a
    // ReferenceError; that is a fault of the file, reported like the others.
    if (!(err instanceof ReferenceError)) throw err;
    let at: number | undefined;
    let count = 0;
    visit(doc, {
      Alias(_, node) {
        count++;
        if (at === undefined && node.range) at = lineCounter.linePos(node.range[0]).line;
      },
    });
    throw new ConfigError(
      file,
      at,
      `malformed YAML: its ${count} aliases (*name) expand to too many values (more than ${MAX_ALIAS_COUNT} nodes per alias); write the values out instead`,
    );
  }
}

/** What the yaml package allows per alias by default; kept explicit so the message can say it. */
const MAX_ALIAS_COUNT = 100;

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
