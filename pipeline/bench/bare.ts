/**
 * The start-up baseline: the least a wink-nlp analysis of the corpus can do.
 * Loads wink-nlp and its model (static imports, as a real script would),
 * creates the instance, and readDoc's each raw/*.txt of the corpus given as
 * the first argument. Prints the number of documents and word tokens.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

const corpus = process.argv[2] ?? 'corpus';
const nlp = winkNLP(model);
const raw = join(corpus, 'raw');
let documents = 0;
let tokens = 0;
for (const file of readdirSync(raw).sort()) {
  if (!file.endsWith('.txt')) continue;
  const doc = nlp.readDoc(readFileSync(join(raw, file), 'utf8'));
  for (const type of doc.tokens().out(nlp.its.type)) if (type === 'word') tokens++;
  documents++;
}
process.stdout.write(`${JSON.stringify({ documents, tokens })}\n`);
