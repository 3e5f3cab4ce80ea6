/**
 * reports/README.md, written by every run (the run replaces reports/ as a
 * whole) and committed with the same text so a fresh clone explains the
 * folder before the first run. tests/reports-readme.test.ts keeps them equal.
 */
export const REPORTS_README = `# reports/ — generated output

Everything here is written by \`npm run analyze\` and replaced as a whole on
each run (written to a temporary folder, then swapped in, so a failed run
leaves the previous reports intact). Nothing in this folder is committed
except this README.

- \`index.html\`: the report; one self-contained file that works offline.
- \`data/\`: tidy tables as CSV and the same rows as JSON; \`data/README.md\` is
  the codebook (every file and column, its unit and how it is computed).
- \`figures/\`: each figure as a Vega-Lite spec with data inlined
  (\`.vl.json\`), \`.svg\`, \`.png\` (2×), \`.pdf\` and the \`.csv\` it plots.
- \`corpus/<doc_id>.json\`: each normalised transcript with its metadata,
  segments (with offsets) and turns; its text is written once (the original
  as edits of it, the turns' speech left to their segments). Read it back in
  JavaScript with \`readCorpusRecord()\` (pipeline/corpus-json.ts); the
  project README says how to rebuild it in Python or R.
- \`diagnostics.csv\`: every warning (file, line, rule, message).
- \`speakers.suggested.yaml\`: a registry entry for each speaker not in
  corpus/speakers.yaml, with the labels seen as aliases; set the side and
  paste the entries into corpus/speakers.yaml.
- \`manifest.json\`: input hashes, resolved configuration, package and model
  versions, Node version.
`;
