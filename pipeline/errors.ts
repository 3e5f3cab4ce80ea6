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
