/**
 * The installed command (`bin/suivi-ess.js`, which runs the compiled `dist/`): built once here,
 * the only test that needs `dist/`.
 */
import { execFileSync, spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { findFramework } from '../src/core/framework';
import { frameworkTables } from '../src/core/framework/workbook-tables';
import { inputSheets } from '../src/core/layout/input-sheets';
import { saveSheets, tempDir } from './support/files';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'suivi-ess.js');
const tmp = tempDir('bin');

beforeAll(() => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);
afterAll(() => tmp.cleanup());

test('exits 2 on a bad file, with one French sentence and no stack trace', () => {
  const file = tmp.file('texte.xlsx');
  writeFileSync(file, 'pas un classeur');
  const p = spawnSync(process.execPath, [BIN, 'validate', file], { encoding: 'utf8' });
  expect(p.status).toBe(2);
  expect(p.stderr).toMatch(/texte\.xlsx/);
  expect(p.stderr).not.toMatch(/\n\s+at /);
  expect(p.stdout).toBe('');
});

test('a reader that closes the pipe early (validate … | head) ends the output quietly', async () => {
  // Thousands of findings: far more output than a pipe holds, read by a reader that stops at once.
  const f = findFramework('rhone-alpes-ces-2014-2016')!;
  const tables = frameworkTables(f, false);
  for (let i = 0; i < 5000; i++) tables.commitments.rows.push(['I_1.2', 'REGION', 2014, `${i} euros et des poussières`, null, null]);
  const file = tmp.file('bavard.xlsx');
  await saveSheets(inputSheets(tables, { years: [2014, 2015, 2016], example: false }), file);
  const p = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" validate "${file}" --json | head -c 10 > /dev/null; echo "status=$?"`], {
    encoding: 'utf8',
  });
  expect(p.stderr).toBe('');
  expect(p.stdout).toMatch(/status=0/);
});
