/**
 * A Word document (.docx) → its text, one paragraph a line, by mammoth's
 * raw-text extraction (each Word paragraph ends with a blank line).
 */
import mammoth from 'mammoth';
import type { Conversion } from './conversion.js';

export async function docxToText(bytes: Uint8Array): Promise<Conversion> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return { text: value, encoding: 'utf-8' };
  } catch (e) {
    return {
      rule: 'ingest/docx-broken',
      message: `could not be read as a Word document (${firstLine(e)}): is it password-protected, damaged, or an old .doc renamed? Save it again from Word as .docx, or as .txt`,
    };
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160);
}
