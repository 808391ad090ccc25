#!/usr/bin/env node
'use strict';
/**
 * npm run docs: writes the generated parts of docs/contrat-classeur.md (the column tables) and
 * docs/regles.md (the rule list) from the declarations (needs `npm run build`).
 */
const fs = require('fs');
const path = require('path');
const { generatedParts, withGeneratedParts } = require(path.join(__dirname, '..', 'dist', 'docs', 'contract-docs.js'));

let failed = false;
for (const doc of ['contrat-classeur', 'regles']) {
  const file = path.join(__dirname, '..', 'docs', `${doc}.md`);
  const { text, missing } = withGeneratedParts(fs.readFileSync(file, 'utf8'), generatedParts(doc));
  fs.writeFileSync(file, text);
  if (missing.length) {
    failed = true;
    console.error(`${path.relative(process.cwd(), file)}: markers missing for ${missing.join(', ')}`);
  }
}
process.exitCode = failed ? 1 : 0;
