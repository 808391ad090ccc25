#!/usr/bin/env node
'use strict';
// The command line's entry: the compiled TypeScript lives in dist/ (built by `npm run build`,
// which `npm ci` runs through the `prepare` script).
let cli;
try {
  cli = require('../dist/faces/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    process.stderr.write("Suivi ESS n'est pas compilé : lancez « npm run build » (ou « npm ci ») dans le dossier du projet.\n");
    process.exit(2);
  }
  throw e;
}
cli.run(process.argv.slice(2));
