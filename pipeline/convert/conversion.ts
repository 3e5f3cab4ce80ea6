import type { RawDocument } from '../types.js';

/** Text extracted from a file, or why there is none (the file is then skipped). */
export type Conversion =
  | { text: string; encoding: RawDocument['encoding']; badLine?: number }
  | { rule: string; message: string };
