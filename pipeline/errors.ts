/**
 * Configuration that cannot be used stops the run with a message of the form
 * "<file>:<line>: expected X, found Y". Data problems are Diagnostics instead
 * (pipeline/types.ts) and the run goes on.
 */
export class ConfigError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, message: string) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'ConfigError';
    this.file = file;
    this.line = line;
  }
}

/** The per-document stages an unexpected error is attributed to. */
export type DocumentStage = 'segment' | 'annotate' | 'analyse' | 'outputs';

/**
 * An unexpected error while processing one document, with the stage it
 * happened in: the document is skipped with a diagnostic, the run goes on.
 */
export class DocumentFailure extends Error {
  constructor(
    readonly stage: DocumentStage,
    readonly detail: string,
  ) {
    super(`${stage}: ${detail}`);
  }
}

export function inStage<T>(stage: DocumentStage, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new DocumentFailure(stage, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
}
