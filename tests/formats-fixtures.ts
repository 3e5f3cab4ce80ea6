/**
 * Test fixtures in the formats historians hold, made by the tests from a
 * record's paragraphs (nothing binary is committed): Word files here, with
 * the `docx` development dependency; web pages and PDFs come from
 * pipeline/bench/formats.ts, which the conversion benchmark shares.
 */
import { Document, Packer, Paragraph, TextRun } from 'docx';

export {
  type ArchiveRecord,
  archiveCover,
  archivePageHtml,
  paragraphsOf,
  recordHtml,
  recordPdf,
} from '../pipeline/bench/formats.js';

/** A .docx of the paragraphs, one Word paragraph each, the title as a heading. */
export async function recordDocx(paragraphs: readonly string[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'tests',
    sections: [
      {
        children: paragraphs.map(
          (p, i) =>
            new Paragraph({
              ...(i === 1 ? { heading: 'Heading1' as const } : {}),
              children: [new TextRun(p)],
            }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
