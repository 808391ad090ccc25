#!/usr/bin/env node
'use strict';
/**
 * npm run demo: the main job on the built-in Rhône-Alpes example. Creates a workbook with
 * fictitious example data, checks it against the convention, consolidates it, and leaves both
 * workbooks in out/ to open in Excel or LibreOffice.
 */
const path = require('path');
const fs = require('fs');
const { main } = require('../dist/faces/cli/main.js');

const out = path.join(__dirname, '..', 'out');
fs.mkdirSync(out, { recursive: true });
const input = path.join(out, 'exemple-rhone-alpes.xlsx');
const consolidated = path.join(out, 'exemple-rhone-alpes-consolide.xlsx');

(async () => {
  const steps = [
    ['init', '--framework', 'rhone-alpes-ces-2014-2016', '--example', '--force', '-o', input],
    ['validate', input],
    ['consolidate', input, '-o', consolidated],
  ];
  for (const args of steps) {
    console.log(`\n$ suivi-ess ${args.map((a) => (a.includes(' ') ? `"${a}"` : path.isAbsolute(a) ? path.relative(process.cwd(), a) : a)).join(' ')}`);
    const code = await main(args);
    if (code !== 0) {
      process.exitCode = code;
      return;
    }
  }
  console.log(`\nClasseurs à ouvrir :\n  ${path.relative(process.cwd(), input)}\n  ${path.relative(process.cwd(), consolidated)}`);
  console.log('Les engagements et les bilans de l’exemple sont fictifs (voir la clé « Exemple » de la feuille Cadre).');
})();
