/**
 * convert: the files historians hold (saved web pages, archive PDFs, Word
 * documents) turned into the plain text ingest reads, one paragraph a line.
 * It runs between reading raw/ and ingest, because PDF and Word parsing is
 * asynchronous and ingest is not. The file's bytes are left as they are:
 * ingest still hashes the original bytes (the document's identity and cache
 * key), and the extracted text becomes the document's `original`.
 *
 * A file that cannot be converted (a scanned PDF with no text layer, an
 * encrypted or damaged PDF or Word file, a web page with no record in it)
 * gets a Diagnostic naming it and is left out; the others go on.
 */
import type { CorpusFiles, Diagnostic, RawFile, SourceFormat } from '../types.js';
import type { Conversion } from './conversion.js';

const BY_EXTENSION: Record<string, SourceFormat> = {
  txt: 'txt',
  md: 'md',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

/** The extensions raw/ takes, for messages. */
export const SUPPORTED_EXTENSIONS = '.txt, .md, .html, .htm, .pdf, .docx';

/** The source format a file name's extension stands for (case-insensitive), if raw/ takes it. */
export function formatOf(name: string): SourceFormat | undefined {
  const ext = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : BY_EXTENSION[ext];
}

/** Formats whose bytes are not the text: they must pass through convertFiles before ingest. */
export function needsConversion(format: SourceFormat): boolean {
  return format === 'html' || format === 'pdf' || format === 'docx';
}

/**
 * Converts every html/pdf/docx file (one after another: pdfjs is not
 * reentrant-cheap, and a corpus's PDFs are small next to its analysis).
 * Returns the files ingest should see, converted ones carrying their text,
 * and a Diagnostic for each file left out.
 */
export async function convertFiles(
  files: readonly RawFile[],
): Promise<{ files: RawFile[]; diagnostics: Diagnostic[] }> {
  const out: RawFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const format = formatOf(f.name);
    if (format !== 'html' && format !== 'pdf' && format !== 'docx') {
      out.push(f);
      continue;
    }
    const result = await convert(format, f.bytes);
    if ('text' in result) out.push({ ...f, converted: { format, ...result } });
    else
      diagnostics.push({
        file: `raw/${f.name}`,
        rule: result.rule,
        severity: 'warning',
        message: `${result.message}; file skipped`,
      });
  }
  return { files: out, diagnostics };
}

/** One file's conversion; the parsers are loaded only when a file of their kind is met. */
export async function convert(
  format: 'html' | 'pdf' | 'docx',
  bytes: Uint8Array,
): Promise<Conversion> {
  if (format === 'html') return (await import('./html.js')).htmlToText(bytes);
  if (format === 'pdf') return (await import('./pdf.js')).pdfToText(bytes);
  return (await import('./docx.js')).docxToText(bytes);
}

/** The corpus as read, with its web pages, PDFs and Word files converted (see convertFiles). */
export async function convertCorpus(corpus: CorpusFiles): Promise<CorpusFiles> {
  const { files, diagnostics } = await convertFiles(corpus.raw);
  return { ...corpus, raw: files, diagnostics: [...corpus.diagnostics, ...diagnostics] };
}
