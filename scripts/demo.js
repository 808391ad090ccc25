#!/usr/bin/env node
'use strict';
/**
 * npm run demo: the main job on the built-in Rhône-Alpes example. Creates a workbook with
 * fictitious example data (2015 voted by the Région, a CDC avenant, two partner authorities'
 * contributions, payments with balances still to pay), checks it against the convention,
 * consolidates it, prepares and fills one fictitious report per committed action (out/bilans/),
 * imports them, closes the Région's 2014, exports the Région's subsidies as open data (SCDL),
 * and leaves the workbooks in out/ to open in Excel or LibreOffice.
 */
const path = require('path');
const fs = require('fs');
const dist = (p) => require(path.join(__dirname, '..', 'dist', p));
const { main } = dist('faces/cli/main.js');

const out = path.join(__dirname, '..', 'out');
const reportsDir = path.join(out, 'bilans');
const input = path.join(out, 'exemple-rhone-alpes.xlsx');
const consolidated = path.join(out, 'exemple-rhone-alpes-consolide.xlsx');
const withReports = path.join(out, 'exemple-rhone-alpes-avec-bilans.xlsx');
const closed = path.join(out, 'exemple-rhone-alpes-2014-clos.xlsx');
const scdl = path.join(out, 'subventions-region.csv');
const rel = (p) => path.relative(process.cwd(), p);

async function step(args) {
  console.log(`\n$ suivi-ess ${args.map((a) => (path.isAbsolute(a) ? rel(a) : a.includes(' ') ? `"${a}"` : a)).join(' ')}`);
  const code = await main(args);
  if (code !== 0) throw new Error(`suivi-ess ${args[0]} exited with ${code}`);
}

/** One fictitious filled report per action with 2014 commitments, by the example's operator. */
async function writeExampleReports() {
  const { openXlsxBytes } = dist('adapters/node/files.js');
  const { readContractTables } = dist('commands/read-contract.js');
  const { analyse } = dist('core/analysis/index.js');
  const { findFramework } = dist('core/framework/index.js');
  const { exampleReport } = dist('core/examples/index.js');
  const { templateFileName } = dist('core/reports/index.js');
  const { XlsxNewWorkbook } = dist('adapters/node/new-workbook.js');
  const a = analyse(await readContractTables(await openXlsxBytes(fs.readFileSync(input), path.basename(input))));
  const f = findFramework(a.evaluation.frame.id);
  fs.rmSync(reportsDir, { recursive: true, force: true });
  fs.mkdirSync(reportsDir, { recursive: true });
  const files = [];
  for (const action of a.records.actions) {
    const commitments = a.records.commitments
      .filter((c) => c.action === action.code && c.year === 2014 && c.amount)
      .map((c) => ({
        funder: c.funder,
        name: a.records.funders.find((x) => x.code === c.funder)?.name ?? c.funder,
        cents: c.amount.cents,
      }));
    if (commitments.length === 0) continue;
    const operator = a.records.reports.find((r) => r.action === action.code)?.operator ?? `Opérateur fictif ${action.code}`;
    const wb = new XlsxNewWorkbook();
    await wb.writeSheets(exampleReport(f, { code: action.code, title: action.title ?? '' }, 2014, operator, commitments));
    const file = path.join(reportsDir, templateFileName(action.code, 2014));
    await wb.save(file);
    files.push(file);
  }
  console.log(`\n${files.length} bilans d’exemple (fictifs) écrits dans ${rel(reportsDir)}/`);
  return files;
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  await step(['init', '--framework', 'rhone-alpes-ces-2014-2016', '--example', '--force', '-o', input]);
  await step(['validate', input]);
  await step(['consolidate', input, '--force', '-o', consolidated]);
  await step([
    'template',
    '--framework',
    'rhone-alpes-ces-2014-2016',
    '--action',
    'I_1.2',
    '--year',
    '2015',
    '--from',
    input,
    '--force',
    '-o',
    path.join(out, 'modele-bilan-2015-I_1.2.xlsx'),
  ]);
  const files = await writeExampleReports();
  // The example workbook already holds illustrative reports by the same operators: the files
  // replace them (--replace), which the import history records.
  await step(['import', input, ...files, '--replace', '-o', withReports, '--force']);
  // The Région closes 2014: the fingerprint of its 2014 rows is kept in « Clôtures ».
  await step([
    'clore',
    withReports,
    '--annee',
    '2014',
    '--financeur',
    'REGION',
    '--motif',
    'Compte administratif 2014 voté (exemple fictif)',
    '--par',
    'Service ESS de la Région (fictif)',
    '--force',
    '-o',
    closed,
  ]);
  await step(['validate', closed]);
  await step(['export-scdl', closed, '--financeur', 'REGION', '--force', '-o', scdl]);
  console.log(`\nClasseurs à ouvrir :\n  ${rel(input)}\n  ${rel(consolidated)}\n  ${rel(withReports)}\n  ${rel(closed)}`);
  console.log(`Données essentielles (SCDL) : ${rel(scdl)}`);
  console.log('Les engagements, les bilans et les comptes rendus de l’exemple sont fictifs (clé « Exemple » de la feuille Cadre).');
})().catch((e) => {
  console.error(e.message);
  process.exitCode = 1;
});
