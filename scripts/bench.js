#!/usr/bin/env node
'use strict';
/**
 * npm run bench: generates workbooks of 1 000, 10 000 and 100 000 Bilans rows (a tenth as many
 * Engagements), times `suivi-ess validate` and `consolidate` as whole processes, and the
 * pandas + openpyxl peer on the same files. Prints one JSON line per size and measure.
 * Then generates 200 filled report files and times `suivi-ess import` on all of them at once.
 * Options: --sizes 1000,10000 to choose the sizes (--sizes '' for none), --reports N (0: none),
 * --keep DIR to leave the generated workbooks in DIR (for profiling).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const dist = (p) => require(path.join(root, 'dist', p));

const sizesArg = process.argv.indexOf('--sizes');
const sizes = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').filter(Boolean).map(Number) : [1000, 10000, 100000];
const reportsArg = process.argv.indexOf('--reports');
const reportFiles = reportsArg > 0 ? Number(process.argv[reportsArg + 1]) : 200;
const keepArg = process.argv.indexOf('--keep');
const keep = keepArg > 0 ? path.resolve(process.argv[keepArg + 1]) : null;

/** Generates `n` filled report files (fictitious) and times `suivi-ess import` on them. */
async function benchImport(dir, n, measure) {
  const { findFramework, planRows } = dist('core/framework/index.js');
  const { exampleReport } = dist('core/examples/index.js');
  const { initSheets } = dist('core/layout/index.js');
  const { XlsxNewWorkbook } = dist('adapters/node/new-workbook.js');
  const f = findFramework('rhone-alpes-ces-2014-2016');
  const workbook = path.join(dir, 'suivi.xlsx');
  const w = new XlsxNewWorkbook();
  await w.writeSheets(initSheets(f, true));
  await w.save(workbook);
  const actions = planRows(f).map((r) => r.action);
  const t0 = Date.now();
  const files = [];
  for (let i = 0; i < n; i++) {
    const action = actions[i % actions.length];
    const year = 2014 + (i % 3);
    const wb = new XlsxNewWorkbook();
    await wb.writeSheets(
      exampleReport(f, action, year, `Opérateur fictif n°${i + 1}`, [{ funder: 'REGION', name: 'Région Rhône-Alpes', cents: 1000000 + i }]),
    );
    const file = path.join(dir, `bilan-${String(i + 1).padStart(3, '0')}.xlsx`);
    await wb.save(file);
    files.push(file);
  }
  const generateMs = Date.now() - t0;
  const out = path.join(dir, 'avec-bilans.xlsx');
  const r = timed(process.execPath, [measure, 'import', workbook, ...files, '-o', out]);
  if (r.status !== 0) throw new Error(`import failed (${r.status}): ${r.stdout.slice(-500)} ${r.stderr}`);
  const imported = (r.stdout.match(/: importé/g) || []).length;
  console.log(JSON.stringify({ reportFiles: n, imported, generateMs, import: { ms: r.ms, peakMb: r.peakMb } }));
}

async function makeWorkbook(file, reports) {
  const { findFramework, planRows } = dist('core/framework/index.js');
  const { frameworkTables, frameworkNotes } = dist('core/framework/workbook-tables.js');
  const { lcg, actionIndicatorCodes } = dist('core/examples/index.js');
  const { inputSheets } = dist('core/layout/index.js');
  const { XlsxNewWorkbook } = dist('adapters/node/new-workbook.js');
  const f = findFramework('rhone-alpes-ces-2014-2016');
  const tables = frameworkTables(f, false);
  const rand = lcg(42);
  const codes = planRows(f).map((r) => r.action.code);
  const funders = ['REGION', 'ETAT', 'CDC'];
  const commitments = Math.round(reports / 10);
  for (let i = 0; i < commitments; i++) {
    tables.commitments.rows.push([codes[i % codes.length], funders[i % 3], 2014, Math.round(rand() * 1e7) / 100, `DEL-${i}`, null]);
  }
  // Valid rows, as the report templates give them: an indicator the action asks for, a
  // territory by its code (a département of the framework).
  const departments = f.territories.filter((t) => t.type === 'Département').map((t) => t.code);
  const own = new Map(codes.map((c) => [c, actionIndicatorCodes(f, c)]));
  for (let i = 0; i < reports; i++) {
    const action = codes[i % codes.length];
    const indicators = own.get(action);
    tables.reports.rows.push([
      action,
      `Opérateur ${i % 200}`,
      2014 + (i % 3),
      indicators[Math.floor(i / codes.length) % indicators.length],
      1 + Math.floor(rand() * 500),
      departments[i % departments.length],
      'bench',
    ]);
  }
  const wb = new XlsxNewWorkbook();
  await wb.writeSheets(inputSheets(tables, { years: [2014, 2015, 2016], notes: frameworkNotes(f), example: false }));
  await wb.save(file);
}

function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const p = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const mem = p.output && p.output[3] ? JSON.parse(p.output[3].trim().split('\n').pop() || '{}') : {};
  return {
    ms: Math.round(ms),
    status: p.status,
    stdout: p.stdout,
    stderr: p.stderr,
    peakMb: mem.maxRssKb ? Math.round(mem.maxRssKb / 1024) : null,
  };
}

function python() {
  for (const p of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(p, ['-c', 'import pandas, openpyxl'], { stdio: 'ignore' });
    if (r.status === 0) return p;
  }
  return null;
}

(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'faces', 'cli', 'main.js'))) {
    console.error('Compilez d’abord : npm run build');
    process.exit(2);
  }
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-ess-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const py = python();
  const measure = path.join(__dirname, 'measure.js');
  try {
    if (reportFiles > 0) await benchImport(dir, reportFiles, measure);
    for (const rows of sizes) {
      const file = path.join(dir, `bilans-${rows}.xlsx`);
      const t0 = Date.now();
      await makeWorkbook(file, rows);
      const size = fs.statSync(file).size;
      const v = timed(process.execPath, [measure, 'validate', file, '--json']);
      if (v.status !== 0 && v.status !== 1) throw new Error(`validate failed: ${v.stderr}`);
      const report = JSON.parse(v.stdout);
      const out = path.join(dir, `out-${rows}.xlsx`);
      const c = timed(process.execPath, [measure, 'consolidate', file, '-o', out]);
      if (c.status !== 0) throw new Error(`consolidate failed: ${c.stderr}`);
      let peer = null;
      if (py) {
        const p = timed(py, [path.join(__dirname, 'peer_pandas.py'), file]);
        if (p.status !== 0) throw new Error(`peer failed: ${p.stderr}`);
        const pj = JSON.parse(p.stdout);
        const committed = Math.round(report.totals.reduce((s, t) => s + t.committed * 100, 0));
        peer = { ms: p.ms, sameCommittedTotal: pj.committedCents === committed };
      }
      console.log(
        JSON.stringify({
          rows,
          commitments: Math.round(rows / 10),
          fileMb: +(size / 1e6).toFixed(1),
          generateMs: Date.now() - t0,
          validate: { ms: v.ms, peakMb: v.peakMb, issues: report.issues.length },
          consolidate: { ms: c.ms, peakMb: c.peakMb },
          peer: peer ? { ms: peer.ms, sameCommittedTotal: peer.sameCommittedTotal } : 'python3-pandas absent',
          peerOverValidate: peer ? +(peer.ms / v.ms).toFixed(2) : null,
        }),
      );
    }
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
