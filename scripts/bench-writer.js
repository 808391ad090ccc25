#!/usr/bin/env node
'use strict';
/**
 * Measures the lean .xlsx writer (src/adapters/xlsx/write) against the exceljs builder, on the
 * sheets of a consolidated workbook with N Bilans rows (a tenth as many Engagements).
 *
 *   npx tsc -p tsconfig.build.json --outDir /tmp/wdist
 *   node scripts/bench-writer.js [--dist /tmp/wdist] [--rows 100000] [--keep DIR]
 *
 * Prints one JSON line per measure:
 * - writer: building and saving the sheets only (time, peak memory added by the write: Linux
 *   VmHWM reset through /proc/self/clear_refs just before, file size), for the lean writer
 *   (deflate level 1, stored, inline strings) and for exceljs;
 * - consolidate: the whole command as a process (read, check, lay out, write with the lean
 *   writer), time and peak RSS, next to the current `suivi-ess consolidate` (exceljs).
 * Each measure runs in its own process, so that one does not inherit the other's heap.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = path.resolve(arg('--dist', path.join(root, 'dist')));
const rows = Number(arg('--rows', '100000'));
const load = (p) => require(path.join(dist, p));

/** The sheets `consolidate` writes for a workbook of `reports` Bilans rows, as bench.js makes it. */
async function inputWorkbook(file, reports) {
  const { findFramework, planRows } = load('core/framework/index.js');
  const { frameworkTables, frameworkNotes, lcg } = load('core/init.js');
  const { inputSheets } = load('core/layout/sheets.js');
  const { writeXlsxFile } = load('adapters/xlsx/node-writer.js');
  const f = findFramework('rhone-alpes-ces-2014-2016');
  const tables = frameworkTables(f, false);
  const rand = lcg(42);
  const codes = planRows(f).map((r) => r.action.code);
  const funders = ['REGION', 'ETAT', 'CDC'];
  for (let i = 0; i < Math.round(reports / 10); i++) {
    tables.commitments.rows.push([codes[i % codes.length], funders[i % 3], 2014, Math.round(rand() * 1e7) / 100, `DEL-${i}`, null]);
  }
  for (let i = 0; i < reports; i++) {
    const ind = f.indicators[i % f.indicators.length];
    tables.reports.rows.push([
      codes[i % codes.length],
      `Opérateur ${i % 200}`,
      2014 + (i % 3),
      ind.code,
      1 + Math.floor(rand() * 500),
      '69',
      'bench',
    ]);
  }
  await writeXlsxFile(file, inputSheets(tables, { years: [2014, 2015, 2016], notes: frameworkNotes(f), example: false }));
}

/** The consolidated sheets of `file`, as `consolidate` lays them out. */
async function consolidatedSheets(file) {
  const { XlsxFileReader } = load('adapters/xlsx/lean-reader.js');
  const { readContractTables } = load('commands/read-contract.js');
  const { analyse, generated } = load('core/analyse.js');
  const { copiedInputSheets } = load('commands/consolidate.js');
  const tables = await readContractTables(XlsxFileReader.fromBuffer(fs.readFileSync(file), path.basename(file)));
  const analysis = analyse(tables);
  return [...copiedInputSheets(tables, analysis), ...generated(analysis)];
}

function resetPeak() {
  fs.writeFileSync('/proc/self/clear_refs', '5');
}

function peakMb() {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
}

/** Child process: writes the consolidated sheets of `file` with one writer, prints the measure. */
async function measureWriter(kind, file, out) {
  const sheets = await consolidatedSheets(file);
  const cells = sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.length, 0), 0);
  if (global.gc) global.gc();
  const rssBefore = Math.round(process.memoryUsage().rss / 1048576);
  resetPeak();
  const t0 = process.hrtime.bigint();
  if (kind === 'exceljs') {
    const { xlsxBytes } = load('adapters/xlsx/workbook-builder.js');
    fs.writeFileSync(out, await xlsxBytes(sheets));
  } else {
    const { writeFileAtomic, nodeDeflate } = load('adapters/xlsx/node-writer.js');
    const { xlsxChunks } = load('adapters/xlsx/write/index.js');
    const options = { deflate: kind === 'stored' ? undefined : nodeDeflate, strings: kind === 'inline' ? 'inline' : 'shared' };
    await writeFileAtomic(out, xlsxChunks(sheets, options));
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peak = peakMb();
  console.log(
    JSON.stringify({
      measure: 'writer',
      kind,
      rows: sheets.reduce((n, s) => n + s.rows.length, 0),
      cells,
      ms: Math.round(ms),
      rssBeforeMb: rssBefore,
      peakDuringWriteMb: peak,
      addedPeakMb: Math.max(0, peak - rssBefore),
      fileKb: Math.round(fs.statSync(out).size / 1024),
    }),
  );
}

/** Child process: the whole consolidate with the lean writer. */
async function consolidateLean(file, out) {
  const t0 = process.hrtime.bigint();
  const { writeXlsxFile } = load('adapters/xlsx/node-writer.js');
  await writeXlsxFile(out, await consolidatedSheets(file));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ inProcessMs: Math.round(ms) }));
}

function run(args) {
  const t0 = process.hrtime.bigint();
  const p = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
  if (p.status !== 0) throw new Error(`${args.join(' ')} failed (${p.status}): ${p.stderr}`);
  return { ms, stdout: p.stdout };
}

/** Runs a node script as a process, with a preload that reports its peak RSS on stderr. */
function timedProcess(dir, args) {
  const preload = path.join(dir, 'maxrss.js');
  fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const t0 = process.hrtime.bigint();
  const p = spawnSync(process.execPath, ['--require', preload, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
  if (p.status !== 0) throw new Error(`${args.join(' ')} failed (${p.status}): ${p.stderr}`);
  const m = /MAXRSS (\d+)/.exec(p.stderr);
  return { ms, peakMb: m ? Math.round(Number(m[1]) / 1024) : null, stdout: p.stdout };
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1].startsWith('--')));
  if (mode === 'child-writer') return measureWriter(rest[0], rest[1], rest[2]);
  if (mode === 'child-consolidate') return consolidateLean(rest[0], rest[1]);

  const keep = arg('--keep', null);
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-ess-bench-writer-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    const input = path.join(dir, `bilans-${rows}.xlsx`);
    await inputWorkbook(input, rows);
    const self = __filename;
    const distArgs = ['--dist', dist];
    for (const kind of ['lean', 'stored', 'inline', 'exceljs']) {
      const r = run(['--expose-gc', self, ...distArgs, 'child-writer', kind, input, path.join(dir, `out-${kind}.xlsx`)]);
      process.stdout.write(r.stdout);
    }
    const lean = timedProcess(dir, [self, ...distArgs, 'child-consolidate', input, path.join(dir, 'consolidated-lean.xlsx')]);
    console.log(
      JSON.stringify({ measure: 'consolidate', writer: 'lean', processMs: lean.ms, peakMb: lean.peakMb, ...JSON.parse(lean.stdout) }),
    );
    const cli = path.join(dist, 'faces', 'cli', 'main.js');
    if (fs.existsSync(cli)) {
      const cliRunner = path.join(dir, 'cli.js');
      fs.writeFileSync(cliRunner, `require(${JSON.stringify(cli)}).run(process.argv.slice(2));`);
      const old = timedProcess(dir, [cliRunner, 'consolidate', input, '-o', path.join(dir, 'consolidated-exceljs.xlsx')]);
      console.log(JSON.stringify({ measure: 'consolidate', writer: 'exceljs (current CLI)', processMs: old.ms, peakMb: old.peakMb }));
    }
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
