/**
 * The floor (a): wink-nlp `readDoc` of every turn in one thread, nothing
 * else. Run as its own process (`node floor.js <turns.csv>`, prints one JSON
 * object) so its memory and JIT state do not mix with the harness's.
 *
 * Tokens are counted the way the pipeline reports them: wink tokens whose
 * `its.type` is "word", one readDoc per turn text of turns.csv. Only the
 * readDoc calls are timed; counting happens outside the timed span, and the
 * model load is reported on its own.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseCsv } from '../csv.js';

export interface FloorResult {
  turns: number;
  /** Characters of turn text read. */
  chars: number;
  /** wink tokens with its.type === 'word'. */
  tokens: number;
  /** Import of wink-nlp and the model plus winkNLP(model). */
  model_load_s: number;
  /** Sum of the readDoc calls only. */
  read_s: number;
  tokens_per_s: number;
  /** Peak RSS of the process so far, MB. */
  peak_rss_mb: number;
}

export async function readTurnTexts(csvPath: string): Promise<string[]> {
  const rows = parseCsv(await readFile(csvPath, 'utf8'));
  if (rows.length > 0 && !('text' in (rows[0] as object)))
    throw new Error(`${csvPath} has no "text" column`);
  return rows.map((r) => r.text ?? '');
}

export async function measureFloor(texts: readonly string[]): Promise<FloorResult> {
  const t0 = process.hrtime.bigint();
  const winkNLP = (await import('wink-nlp')).default;
  const model = (await import('wink-eng-lite-web-model')).default;
  const nlp = winkNLP(model);
  const its = nlp.its;
  const model_load_s = Number(process.hrtime.bigint() - t0) / 1e9;

  let readNs = 0n;
  let tokens = 0;
  let chars = 0;
  for (const text of texts) {
    const s = process.hrtime.bigint();
    const doc = nlp.readDoc(text);
    readNs += process.hrtime.bigint() - s;
    for (const type of doc.tokens().out(its.type)) if (type === 'word') tokens++;
    chars += text.length;
  }
  const read_s = Number(readNs) / 1e9;
  return {
    turns: texts.length,
    chars,
    tokens,
    model_load_s,
    read_s,
    tokens_per_s: read_s > 0 ? tokens / read_s : 0,
    // getrusage's peak RSS: the whole process, model and CSV included.
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  };
}

async function main(): Promise<void> {
  const csv = process.argv[2];
  if (!csv) {
    process.stderr.write('usage: node floor.js <turns.csv>\n');
    process.exit(2);
  }
  const texts = await readTurnTexts(csv);
  const result = await measureFloor(texts);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
