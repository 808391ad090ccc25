/** The users' documentation and the declarations say the same thing (npm run docs rewrites it). */
import { readFileSync } from 'fs';
import * as path from 'path';
import { generatedParts, withGeneratedParts } from '../src/docs/contract-docs';

test.each(['contrat-classeur', 'regles'] as const)('docs/%s.md holds the generated parts of the current declarations', (doc) => {
  const text = readFileSync(path.join(__dirname, '..', 'docs', `${doc}.md`), 'utf8');
  const parts = generatedParts(doc);
  const { text: expected, missing } = withGeneratedParts(text, parts);
  expect(missing).toEqual([]);
  // When this fails, run `npm run build && npm run docs` and read the diff.
  expect(text).toBe(expected);
});
